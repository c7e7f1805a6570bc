/**
 * When and how a notification reaches the writer: which kinds show in the centre and on the
 * desktop, quiet hours (no desktop notifications between two times of the writer's day, in their
 * time zone; what comes meanwhile waits in the centre) and the daily digest (one summary at a
 * chosen time instead of one notification per item). Applied by the core; the settings panel
 * uses the same bounds and words.
 */

/** 'HH:MM', 24-hour. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface QuietHours {
  /** From this time of day… */
  from: string;
  /** …until this one (before `from`: the quiet runs across midnight). */
  to: string;
}

/** The minutes since midnight of `now` in `timeZone` (an IANA name; the machine's own when null or unknown). */
export function minuteOfDay(now: Date, timeZone: string | null): number {
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      const minute = Number(parts.find((p) => p.type === 'minute')?.value);
      if (Number.isFinite(hour) && Number.isFinite(minute)) return hour * 60 + minute;
    } catch {
      // An unknown zone: the machine's own clock below.
    }
  }
  return now.getHours() * 60 + now.getMinutes();
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `now` falls in the quiet hours: `from` included, `to` excluded; equal times mean never. */
export function isQuiet(quiet: QuietHours | null, now: Date, timeZone: string | null): boolean {
  if (!quiet || !TIME_PATTERN.test(quiet.from) || !TIME_PATTERN.test(quiet.to)) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  const m = minuteOfDay(now, timeZone);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The local day ('YYYY-MM-DD') of `now` in `timeZone`, for "one digest a day". */
export function localDay(now: Date, timeZone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/**
 * Whether the daily digest is due: the chosen time of day has come today and today's digest
 * was not sent yet (`lastDay`: the local day of the last one). A studio that was closed at the
 * chosen time sends it when it next runs that day.
 */
export function digestDue(at: string, lastDay: string | null, now: Date, timeZone: string | null): boolean {
  if (!TIME_PATTERN.test(at)) return false;
  return localDay(now, timeZone) !== lastDay && minuteOfDay(now, timeZone) >= minutesOf(at);
}

/** What a digest is made of: one notification's kind and title. */
export interface DigestEntry {
  kind: string;
  title: string;
}

/** How each kind is counted in a digest line. */
const DIGEST_WORDS: Record<string, [string, string]> = {
  comment: ['new comment', 'new comments'],
  reply: ['reply', 'replies'],
  critique: ['critique', 'critiques'],
  share: ['draft shared with you', 'drafts shared with you'],
  join: ['writer joined your circles', 'writers joined your circles'],
  sprint: ['sprint planned', 'sprints planned'],
  mention: ['mention', 'mentions'],
  kudos: ['kudos received', 'kudos received'],
  follow: ['new follower', 'new followers'],
  milestone: ['challenge milestone', 'challenge milestones'],
  report: ['report outcome', 'report outcomes'],
};

export interface Digest {
  title: string;
  /** One line per kind, most frequent first: "3 new comments · 2 kudos received". */
  body: string;
  /** The count per kind, in the order shown. */
  groups: { kind: string; count: number }[];
}

/** One summary of the notifications held for the digest, grouped by kind; null when there are none. */
export function digestOf(entries: DigestEntry[]): Digest | null {
  if (entries.length === 0) return null;
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const groups = [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  const body = groups.map(({ kind, count }) => {
    const [one, many] = DIGEST_WORDS[kind] ?? ['notification', 'notifications'];
    return `${count} ${count === 1 ? one : many}`;
  });
  const title = entries.length === 1 ? entries[0]!.title : `Your day in Margin: ${entries.length} notifications`;
  return { title, body: body.join(' · '), groups };
}

/** What to do with a notification that just arrived, by the writer's settings and the hour. */
export type Delivery = 'desktop' | 'centre' | 'digest' | 'none';

export interface DeliverySettings {
  inApp: boolean;
  desktop: boolean;
  digest: boolean;
  quiet: QuietHours | null;
  timeZone: string | null;
}

/**
 * 'none': the kind is turned off (not even in the centre). 'digest': kept in the centre and told
 * once a day in the summary. 'centre': kept, no desktop notification (off for the kind, or quiet
 * hours: it waits there). 'desktop': kept and shown on the desktop.
 */
export function deliveryOf(s: DeliverySettings, now: Date): Delivery {
  if (!s.inApp) return 'none';
  if (!s.desktop) return 'centre';
  if (s.digest) return 'digest';
  return isQuiet(s.quiet, now, s.timeZone) ? 'centre' : 'desktop';
}
