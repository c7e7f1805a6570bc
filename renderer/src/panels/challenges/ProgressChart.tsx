import type { ChallengeDayCell } from '../../../../shared/api/challenges';
import { amountLabel, type ChallengeGoalKind } from '../../../../shared/rules/challenges';
import { dayShort } from './day-labels';

const W = 320;
const H = 150;
const PAD = { left: 8, right: 8, top: 14, bottom: 22 };

/**
 * The climb toward the goal: the writer's running total day by day (filled), beside the even
 * pace that finishes on the deadline (dashed), and the goal line. Drawn in SVG with the theme's
 * colours; its name tells in words what it shows.
 */
export function ProgressChart({ days, kind, goal, total, today }: { days: ChallengeDayCell[]; kind: ChallengeGoalKind; goal: number; total: number; today: string }) {
  if (days.length === 0) return null;
  const top = Math.max(goal, total) * 1.05;
  const x = (i: number) => PAD.left + (days.length === 1 ? 0 : (i / (days.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  let running = 0;
  const points = days.filter((d) => !d.future).map((d, i) => ((running += d.value), [x(i), y(running)] as const));
  const line = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const area = points.length ? `M${x(0)},${y(0)} L${line.replaceAll(' ', ' L')} L${points.at(-1)![0].toFixed(1)},${y(0)} Z` : '';
  const todayIndex = days.findIndex((d) => d.day === today);
  const evenByToday = todayIndex < 0 ? (today > days.at(-1)!.day ? goal : 0) : Math.round((goal * (todayIndex + 1)) / days.length);
  const name = `Progress chart: ${amountLabel(kind, total)} of ${amountLabel(kind, goal)} so far; an even pace would be at ${amountLabel(kind, evenByToday)} by the end of today.`;
  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={name}>
        <line className="chart-goal" x1={PAD.left} x2={W - PAD.right} y1={y(goal)} y2={y(goal)} />
        <text className="chart-label" x={W - PAD.right} y={y(goal) - 4} textAnchor="end">
          Goal {amountLabel(kind, goal)}
        </text>
        <line className="chart-pace" x1={x(0)} y1={y(0)} x2={x(days.length - 1)} y2={y(goal)} />
        {area && <path className="chart-area" d={area} />}
        {line && <polyline className="chart-line" points={line} />}
        {points.length > 0 && <circle className="chart-dot" cx={points.at(-1)![0]} cy={points.at(-1)![1]} r={3.5} />}
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="chart-label" x={PAD.left} y={H - 6}>
          {dayShort(days[0]!.day)}
        </text>
        <text className="chart-label" x={W - PAD.right} y={H - 6} textAnchor="end">
          {dayShort(days.at(-1)!.day)}
        </text>
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-you">You</span> <span className="legend-pace">Even pace</span>
      </figcaption>
    </figure>
  );
}
