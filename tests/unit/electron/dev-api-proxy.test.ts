import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { devApiProxy } from '../../../scripts/dev-api-proxy';

describe('npm run dev without Electron: the /api proxy to browser mode', () => {
  it('is off unless scripts/dev.mjs set it up', () => {
    expect(devApiProxy({})).toBeUndefined();
    expect(devApiProxy({ MARGIN_DEV_API: 'http://127.0.0.1:4100' })).toBeUndefined();
  });

  it('forwards only the Vite page’s own WebSocket, presenting browser mode’s Host and Origin', () => {
    const options = devApiProxy({ MARGIN_DEV_API: 'http://127.0.0.1:4100', MARGIN_DEV_PAGE_ORIGIN: 'http://127.0.0.1:5173' })!['/api']!;
    expect(options).toMatchObject({ target: 'ws://127.0.0.1:4100', ws: true });
    const proxy = new EventEmitter();
    options.configure!(proxy as never, options);
    const handshake = (origin: string | undefined) => {
      const headers: Record<string, string> = {};
      let destroyed = false;
      proxy.emit('proxyReqWs', { setHeader: (k: string, v: string) => (headers[k] = v) }, { headers: { origin } }, { destroy: () => (destroyed = true) });
      return { headers, destroyed };
    };
    expect(handshake('http://127.0.0.1:5173')).toEqual({ headers: { origin: 'http://127.0.0.1:4100', host: '127.0.0.1:4100' }, destroyed: false });
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5174', 'null', undefined]) {
      expect(handshake(origin), String(origin)).toEqual({ headers: {}, destroyed: true });
    }
  });
});
