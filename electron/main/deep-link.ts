import { fail, ok, type Result } from '../../shared/api/result';
import type { JoinLink } from '../../shared/api/shell-events';
import { readInvite } from '../../shared/protocol/invite-link';

export const DEEP_LINK_SCHEME = 'margin';

/**
 * Parses `margin://join/<server>/<code>` (the reading itself is shared/protocol/invite-link.ts,
 * which the renderer uses for pasted invites too). A deep link must name its server. Anything
 * else is a typed error: a link from a web page is untrusted input.
 */
export function parseJoinLink(link: string): Result<JoinLink> {
  const refuse = (why: string) => fail('invalid_input', `That Margin link cannot be opened: ${why}`);
  if (typeof link !== 'string' || !link.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) return refuse('it is not a margin:// link.');
  const reading = readInvite(link);
  if (!reading.ok) return refuse(reading.why);
  if (!reading.data.server) return refuse('it should be margin://join/<server>/<code>.');
  return ok({ server: reading.data.server, code: reading.data.code });
}

/** The margin:// link in a command line (Windows and Linux hand deep links to a new launch's argv). */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
