import { BlockList, isIP } from 'node:net';

/**
 * Which peers are reverse proxies this server trusts to say who the writer is (X-Forwarded-For).
 * Behind Caddy or nginx every connection comes from the proxy's address, so without this the
 * per-address limits (failed sign-ins, registrations) would count every writer as one, and one
 * person guessing passwords would lock everyone out. Entries: an address, a CIDR range, or the
 * words `loopback` (this machine) and `private` (10/8, 172.16/12, 192.168/16, fc00::/7: a Docker
 * network, a LAN).
 */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
    } else if (entry === 'private') {
      list.addSubnet('10.0.0.0', 8, 'ipv4');
      list.addSubnet('172.16.0.0', 12, 'ipv4');
      list.addSubnet('192.168.0.0', 16, 'ipv4');
      list.addSubnet('fc00::', 7, 'ipv6');
    } else {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address ?? '');
      const prefix = bits === undefined ? null : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (!family || extra !== undefined || (prefix !== null && (!/^\d+$/.test(bits!) || prefix > max))) throw new Error(`Not an address, a CIDR range, "loopback" or "private": "${entry}".`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === null) list.addAddress(address!, type);
      else list.addSubnet(address!, prefix, type);
    }
  }
  return list;
}

/** An IPv4 peer on a dual-stack socket reads "::ffff:1.2.3.4": the address is the IPv4 one. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/^\[|\]$/g, '');
const trusts = (list: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * The writer's address: the peer's own, unless the peer is a trusted proxy; then the nearest
 * X-Forwarded-For entry that is not a trusted proxy itself (read from the right: entries to the
 * left of the proxy's own are whatever the client chose to send, and cannot be believed).
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: BlockList | null): string {
  const direct = plain(peer || 'unknown');
  if (!trusted || !trusts(trusted, direct)) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((h) => plain(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return direct; // a malformed chain: trust nothing in it
    if (!trusts(trusted, hop)) return hop;
  }
  return direct;
}
