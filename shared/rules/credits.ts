import type { CreditRules } from '../protocol/critique-schemas';
import { refuse, type Refusal } from './rule-error';
import type { CircleStanding } from './critique';

/** Sensible defaults, as critique communities run them: posting costs what about three critiques earn. */
export const DEFAULT_CREDIT_RULES: CreditRules = { postCost: 3, critiqueReward: 1, critiqueMinWords: 150, helpfulBonus: 1, welcome: 3 };

/** A circle's rules: its own settings over the defaults. */
export const creditRulesOf = (stored: Partial<CreditRules> | undefined): CreditRules => ({ ...DEFAULT_CREDIT_RULES, ...stored });

/** What a critique of `words` words earns its critic. */
export const critiqueEarns = (words: number, rules: CreditRules): number => (words >= rules.critiqueMinWords ? rules.critiqueReward : 0);

/** A balance never goes negative: posting to the queue is refused when it would. */
export function spendRefusal(balance: number, cost: number): Refusal {
  if (balance - cost >= 0) return null;
  return refuse('insufficient_credits', `Posting to this circle's critique queue costs ${cost} credits; you have ${balance}. Critique others' drafts to earn more.`);
}

/** Who sets a circle's credit rules: its owner or a moderator. Seeing them: any member. */
export function setRulesRefusal(standing: CircleStanding): Refusal {
  if (!standing || standing === 'banned') return refuse('forbidden', 'You may not do that.');
  return standing === 'owner' || standing === 'moderator' ? null : refuse('forbidden', 'Only the circle’s owner or a moderator sets its credits.');
}
export const seeRulesRefusal = (standing: CircleStanding): Refusal => (!standing || standing === 'banned' ? refuse('forbidden', 'You may not do that.') : null);
