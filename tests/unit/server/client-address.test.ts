import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../../server/cli-flags';
import { clientAddress, trustedProxies } from '../../../server/socket/client-address';

describe("the writer's address behind a reverse proxy", () => {
  const proxies = trustedProxies(['loopback', '10.0.0.0/8']);

  it('believes X-Forwarded-For only from a trusted peer, read from the right past trusted hops', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    // The client put a made-up address first; the proxies appended the real one and themselves.
    expect(clientAddress('10.1.2.3', '1.1.1.1, 203.0.113.7, 10.9.9.9', proxies)).toBe('203.0.113.7');
    expect(clientAddress('::1', ['2001:db8::5'], proxies)).toBe('2001:db8::5');
    // Not from a proxy: the header is anyone's to forge.
    expect(clientAddress('198.51.100.4', '203.0.113.7', proxies)).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1', '203.0.113.7', null)).toBe('127.0.0.1');
    // A proxy that sent no header, or a chain with junk in it: the peer.
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', 'not-an-ip, 203.0.113.7, nonsense', proxies)).toBe('127.0.0.1');
  });

  it('reads addresses, CIDR ranges, loopback and private; refuses anything else with a plain message', () => {
    const lan = trustedProxies(['private', '2001:db8::/32', '192.0.2.1']);
    expect(['10.0.0.1', '172.20.0.3', '192.168.1.1', 'fd00::1', '2001:db8::9', '192.0.2.1'].every((a) => clientAddress(a, '203.0.113.7', lan) === '203.0.113.7')).toBe(true);
    expect(clientAddress('172.32.0.1', '203.0.113.7', lan)).toBe('172.32.0.1');
    for (const bad of ['proxy.example.org', '10.0.0.0/33', '10.0.0.0/8/1', '::1/abc']) expect(() => trustedProxies([bad])).toThrow(/Not an address/);
  });

  it('--trust-proxy on the command line: a list, validated like the rest', () => {
    expect(parseServerArgs(['--trust-proxy', 'loopback, 172.18.0.0/16'])).toMatchObject({ kind: 'serve', trustProxy: ['loopback', '172.18.0.0/16'] });
    expect(parseServerArgs([])).toMatchObject({ kind: 'serve', trustProxy: undefined });
    expect(() => parseServerArgs(['--trust-proxy', 'everyone'])).toThrow(/--trust-proxy: Not an address.*"everyone"/s);
  });
});
