import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreditRules } from '../../../shared/protocol/critique-schemas';
import { creditRulesOf, spendRefusal } from '../../../shared/rules/credits';
import type { CreditReason } from '../../../shared/protocol/community-events';
import { CommunityError } from '../../socket/community-error';
import type { CommunityDatabase } from '../../store/schema';
import { critiqueRepo } from './critique.repo';

type Db = Kysely<CommunityDatabase>;

/**
 * The credits ledger: append-only rows, each award once (unique circle, user, reason, ref),
 * a balance that never goes negative (checked here and by the database). Callers run these
 * inside the transaction that does the thing being paid for or rewarded.
 */
export const creditsRepo = {
  async rules(db: Db, circleId: string): Promise<CreditRules> {
    const row = await db.selectFrom('credit_rules').select('rules').where('circle_id', '=', circleId).executeTakeFirst();
    return creditRulesOf(row ? (JSON.parse(row.rules) as Partial<CreditRules>) : undefined);
  },
  async setRules(db: Db, circleId: string, patch: Partial<CreditRules>): Promise<CreditRules> {
    const rules = { ...(await creditsRepo.rules(db, circleId)), ...patch };
    await db
      .insertInto('credit_rules')
      .values({ circle_id: circleId, rules: JSON.stringify(rules) })
      .onConflict((oc) => oc.column('circle_id').doUpdateSet({ rules: JSON.stringify(rules) }))
      .execute();
    return rules;
  },
  async balance(db: Db, circleId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('credit_ledger')
      .select((eb) => eb.fn.sum<string | number>('delta').as('sum'))
      .where('circle_id', '=', circleId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.sum ?? 0);
  },
  /**
   * Adds an entry unless this award was already made; returns the recipient's new feed cursor
   * (or null). A welcome grant comes first for anyone new to the circle's ledger.
   */
  async award(db: Db, circleId: string, userId: string, delta: number, reason: CreditReason, refId: string, at: string): Promise<Map<string, number>> {
    const seqs = new Map<string, number>();
    const known = await db.selectFrom('credit_ledger').select('id').where('circle_id', '=', circleId).where('user_id', '=', userId).limit(1).executeTakeFirst();
    const rules = await creditsRepo.rules(db, circleId);
    let balance = await creditsRepo.balance(db, circleId, userId);
    const add = async (amount: number, why: CreditReason, ref: string) => {
      const id = randomUUID();
      balance += amount;
      await db.insertInto('credit_ledger').values({ id, circle_id: circleId, user_id: userId, delta: amount, reason: why, ref_id: ref, balance_after: balance, created_at: at }).execute();
      for (const [u, s] of await critiqueRepo.notify(db, [userId], 'credit', id, at)) seqs.set(u, s);
    };
    if (!known && rules.welcome > 0) await add(rules.welcome, 'welcome', circleId);
    const already = await db
      .selectFrom('credit_ledger')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('user_id', '=', userId)
      .where('reason', '=', reason)
      .where('ref_id', '=', refId)
      .executeTakeFirst();
    if (already || delta === 0) return seqs;
    const refusal = delta < 0 ? spendRefusal(balance, -delta) : null;
    if (refusal) throw new CommunityError(refusal.code, refusal.message);
    await add(delta, reason, refId);
    return seqs;
  },
};
