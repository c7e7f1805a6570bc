/** The core's sense of time, injectable so tests can cross midnight deliberately. */
export type Clock = () => Date;

/** The writer's local calendar day, YYYY-MM-DD: "today's words" follow the wall clock, not UTC. */
export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
