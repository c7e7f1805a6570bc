/**
 * Writing prompts: who curates which library, the limits, and the one rule that picks each
 * day's prompt. The server applies the pick (and stores it, so a library edited during the
 * day never changes today's prompt), the studio and its panels apply the limits and roles.
 */
import { refuse, type Refusal } from './rule-error';

export const PROMPT_LIMITS = {
  /** A prompt is a sentence or a short paragraph. */
  text: 600,
  /** Suggestions one writer may have waiting for a decision in one library. */
  pendingSuggestions: 5,
  /** Past days the pick looks back over (a round never spans more days than the library has prompts). */
  historyDays: 1000,
} as const;

/** The open library is every writer's; its scope key stands where a circle's id would. */
export const OPEN_SCOPE = 'open';
export const scopeOf = (circleId: string | null): string => circleId ?? OPEN_SCOPE;

export type CircleRoleName = 'owner' | 'moderator' | 'member' | 'banned';

/**
 * May this writer curate (add, edit, retire, accept or decline suggestions) the library?
 * A circle's: its owner and moderators (a site admin too). The open one: site moderators and admins.
 */
export function mayCurate(circleId: string | null, circleRole: CircleRoleName | null, siteRoles: readonly string[]): boolean {
  if (circleId === null) return siteRoles.includes('moderator') || siteRoles.includes('admin');
  if (circleRole === 'banned') return false;
  return circleRole === 'owner' || circleRole === 'moderator' || siteRoles.includes('admin');
}

export function checkSuggestionAllowed(waiting: number): Refusal {
  return waiting >= PROMPT_LIMITS.pendingSuggestions
    ? refuse('rate_limited', `You have ${PROMPT_LIMITS.pendingSuggestions} suggestions waiting for a decision; wait until a moderator has read them.`)
    : null;
}

/**
 * The calendar day ('YYYY-MM-DD') in a time zone (a circle's, if it set one), else in UTC.
 * An unknown zone counts as UTC rather than failing: the prompt must still appear.
 */
export function promptDay(now: Date, timeZone: string | null): string {
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')}`;
    } catch {
      /* an unknown time zone: UTC below */
    }
  }
  return now.toISOString().slice(0, 10);
}

/** FNV-1a: a small, stable hash, the same in every runtime (no Math.random, no crypto). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface LibraryPrompt {
  id: string;
  createdAt: string;
}

/**
 * Today's prompt for a library: every member who asks gets the same one, and prompts rotate
 * without repeats until every prompt in the library has had its day, then a new round begins.
 *
 * `active`: the library's prompts in use now (retired ones left out). `history`: the prompts
 * picked on earlier days, oldest first. Walking the history, a round ends as soon as every
 * active prompt has appeared in it; what has not appeared in the current round is eligible.
 * Among those, the pick is a hash of the scope and the day, so it depends only on the stored
 * history and the library, never on who asked first or on which server node.
 */
export function pickDailyPrompt(scope: string, day: string, active: readonly LibraryPrompt[], history: readonly string[]): string | null {
  if (active.length === 0) return null;
  const ids = new Set(active.map((p) => p.id));
  let used = new Set<string>();
  for (const id of history) {
    if (!ids.has(id)) continue; // retired since: out of the rotation
    used.add(id);
    if (used.size === ids.size) used = new Set();
  }
  const ordered = [...active].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const eligible = ordered.filter((p) => !used.has(p.id));
  return eligible[hash(`${scope}|${day}`) % eligible.length]!.id;
}
