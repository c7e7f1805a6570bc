import { refuse, type Refusal } from './rule-error';

/**
 * Who moderates what, and what a sanction stops. Server, core and renderer ask the same
 * questions here, so the studio greys out what the server would refuse anyway.
 */

/** Everything a writer can report: a discussion post, a comment or critique on a share, a share, a profile. */
export const reportTargetKinds = ['post', 'comment', 'critique', 'share', 'profile'] as const;
export type ReportTargetKind = (typeof reportTargetKinds)[number];

/** What a moderator may do with a report (or to a writer directly). */
export const moderationActions = ['hide', 'dismiss', 'warn', 'suspend', 'ban'] as const;
export type ModerationAction = (typeof moderationActions)[number];
/** The actions that put a sanction on the writer (and not only on what they wrote). */
export const SANCTIONS = ['warn', 'suspend', 'ban'] as const;
export type SanctionKind = (typeof SANCTIONS)[number];

/** A suspension lasts from one day to a year (whole days, so the writer reads a date). */
export const SUSPEND_DAYS = { min: 1, max: 365 } as const;

/** Site roles (users.roles): a site moderator works the site queue; an admin also names site moderators. */
export type SiteStaff = 'admin' | 'site-moderator' | null;
export function siteStaff(roles: readonly string[]): SiteStaff {
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('moderator')) return 'site-moderator';
  return null;
}
export const parseRoles = (json: string): string[] => {
  try {
    const roles: unknown = JSON.parse(json);
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
};

/** A sanction in force: site-wide when circleId is null; `until` null means until lifted (a ban). */
export interface ActiveSanction {
  kind: 'suspend' | 'ban';
  circleId: string | null;
  until: string | null;
  reason: string;
}

export const inForce = (s: { until: string | null }, now: number) => s.until === null || Date.parse(s.until) > now;

/**
 * May this writer post in this circle (null: somewhere not in a circle, e.g. a report of a
 * profile or an open sprint)? A site sanction stops posting everywhere; a circle's only there.
 */
export function postingRefusal(sanctions: readonly ActiveSanction[], circleId: string | null, now: number): Refusal {
  for (const s of sanctions) {
    if (!inForce(s, now) || (s.circleId !== null && s.circleId !== circleId)) continue;
    const where = s.circleId === null ? 'on this server' : 'in this circle';
    if (s.kind === 'ban') return refuse('banned', `You are banned ${where}: ${s.reason}`);
    return refuse('suspended', `You are suspended ${where} until ${s.until!.slice(0, 10)}: ${s.reason}`);
  }
  return null;
}

/** A site ban refuses sign-in, with the reason, so the writer is not left guessing at a wrong password. */
export function signInRefusal(sanctions: readonly ActiveSanction[], now: number): Refusal {
  const ban = sanctions.find((s) => s.kind === 'ban' && s.circleId === null && inForce(s, now));
  return ban ? refuse('banned', `This account is banned from this server: ${ban.reason}`) : null;
}
