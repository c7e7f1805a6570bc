import { parseRoles, siteStaff } from '../../../shared/rules/moderation';
import { forbidden } from '../../socket/community-error';
import type { UsersTable } from '../../store/schema';
import type { CirclesRepo, MembershipRole } from './circles.repo';

export type Need = 'member' | 'moderator' | 'owner';
const RANK: Record<MembershipRole, number> = { banned: -1, member: 1, moderator: 2, owner: 3 };
const NEED: Record<Need, number> = { member: 1, moderator: 2, owner: 3 };

export const staffOf = (user: UsersTable) => siteStaff(parseRoles(user.roles));

/**
 * The one "member or moderator of this circle" check every circle-scoped handler uses.
 * Members read and post, moderators moderate, the owner configures. Site staff act on any
 * circle that exists (a site moderator moderates; an admin also configures), unless banned
 * from it; they read a circle's members only where `staffReads` says so. Everyone else, for
 * a circle that exists or not, gets the same `forbidden`: nothing leaks.
 */
export function circleAccess(circles: Pick<CirclesRepo, 'role' | 'members'>) {
  return async function authorize(user: UsersTable, circleId: string, need: Need, { staffReads = false } = {}): Promise<MembershipRole | 'admin' | 'site-moderator'> {
    const role = await circles.role(circleId, user.id);
    if (role && RANK[role] >= NEED[need]) return role;
    const staff = staffOf(user);
    const staffMay = staff === 'admin' ? need !== 'member' || staffReads : staff === 'site-moderator' ? need === 'moderator' || (need === 'member' && staffReads) : false;
    if (staffMay && role !== 'banned' && (await circles.members(circleId)).length > 0) return staff!;
    throw forbidden();
  };
}
export type CircleAuthorize = ReturnType<typeof circleAccess>;
