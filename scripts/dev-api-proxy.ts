import type { ProxyOptions } from 'vite';

/**
 * `npm run dev` where Electron cannot run: the renderer is served by Vite's dev server (hot
 * reload) and StudioApi by browser mode on another port (MARGIN_DEV_API, set by scripts/dev.mjs).
 * Vite forwards the `/api` WebSocket there, presenting browser mode's own Host and Origin,
 * which it insists on, but only for a handshake that came from the Vite page itself: a page
 * of any other origin is cut off here. The token still rides in the handshake, as always.
 */
export function devApiProxy(env: NodeJS.ProcessEnv): Record<string, ProxyOptions> | undefined {
  const target = env.MARGIN_DEV_API;
  const pageOrigin = env.MARGIN_DEV_PAGE_ORIGIN;
  if (!target || !pageOrigin) return undefined;
  const api = new URL(target);
  return {
    '/api': {
      target: `ws://${api.host}`,
      ws: true,
      changeOrigin: true,
      configure: (proxy) => {
        proxy.on('proxyReqWs', (proxyReq, req, socket) => {
          if (req.headers.origin !== pageOrigin) {
            socket.destroy();
            return;
          }
          proxyReq.setHeader('origin', api.origin);
          proxyReq.setHeader('host', api.host);
        });
      },
    },
  };
}
