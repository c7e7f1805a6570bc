import { useRef, useState, type KeyboardEvent } from 'react';
import type { ChallengeDayCell } from '../../../../shared/api/challenges';
import { amountLabel, type ChallengeGoalKind } from '../../../../shared/rules/challenges';
import { dayLong, dayShort, mondayIndex } from './day-labels';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** How full a day's cell is, 0-4, against the day's share of the goal. */
function level(kind: ChallengeGoalKind, value: number, perDay: number): number {
  if (value <= 0) return 0;
  if (kind === 'days') return 4;
  return Math.min(4, Math.max(1, Math.ceil((value / Math.max(1, perDay)) * 3)));
}

/**
 * The challenge's days, a week to a row (Monday first), shaded by what each day added. A grid
 * of labelled cells: arrow keys move between days, each cell says its day and its count.
 */
export function HeatMap({ days, kind, goal, today }: { days: ChallengeDayCell[]; kind: ChallengeGoalKind; goal: number; today: string }) {
  const perDay = goal / Math.max(1, days.length);
  const lead = days.length ? mondayIndex(days[0]!.day) : 0;
  const slots: (ChallengeDayCell | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (slots.length % 7) slots.push(null);
  const weeks = Array.from({ length: slots.length / 7 }, (_, w) => slots.slice(w * 7, w * 7 + 7));
  const todayIndex = Math.max(0, days.findIndex((d) => d.day === today));
  const [focus, setFocus] = useState(todayIndex);
  const grid = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -focus, End: days.length - 1 - focus }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = Math.min(days.length - 1, Math.max(0, focus + step));
    setFocus(next);
    grid.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
  };
  const label = (d: ChallengeDayCell) =>
    `${dayLong(d.day)}: ${d.future ? 'not yet' : d.value > 0 || d.words !== 0 ? (kind === 'minutes' ? amountLabel('minutes', d.minutes) : `${amountLabel('words', Math.max(0, d.words))}`) : 'no writing'}${d.day === today ? ' (today)' : ''}`;
  return (
    <div className="heatmap">
      <div role="grid" aria-label="Writing days" aria-readonly="true" ref={grid} onKeyDown={move}>
        <div role="row" className="heatmap-row heatmap-head">
          {WEEKDAYS.map((w) => (
            <span role="columnheader" key={w}>
              {w.slice(0, 1)}
              <span className="visually-hidden">{w.slice(1)}</span>
            </span>
          ))}
        </div>
        {weeks.map((week, w) => (
          <div role="row" className="heatmap-row" key={w} aria-label={`Week of ${dayShort((week.find(Boolean) ?? days[0])!.day)}`}>
            {week.map((d, i) => {
              if (!d) return <span role="presentation" className="heatmap-cell empty" key={i} />;
              const index = days.indexOf(d);
              return (
                <span
                  role="gridcell"
                  key={d.day}
                  data-index={index}
                  data-level={d.future ? 'future' : level(kind, d.value, perDay)}
                  className={`heatmap-cell${d.day === today ? ' today' : ''}`}
                  aria-label={label(d)}
                  title={label(d)}
                  tabIndex={index === focus ? 0 : -1}
                  onFocus={() => setFocus(index)}
                >
                  {Number(d.day.slice(8))}
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <p className="heatmap-key muted" aria-hidden="true">
        Less <span data-level="0" /> <span data-level="1" /> <span data-level="2" /> <span data-level="3" /> <span data-level="4" /> More
      </p>
    </div>
  );
}
