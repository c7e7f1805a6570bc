import type { SprintResult } from '../../../../shared/protocol/community-events';

const day = (iso: string) => new Date(iso).toLocaleDateString([], { day: 'numeric', month: 'short' });

/**
 * Words per sprint, oldest to newest: one bar per sprint, its date under it, a labelled
 * words axis with the best count marked. A writer would rather look than read; the table
 * beside it (visually hidden) says the same for a screen reader.
 */
export function SprintHistoryChart({ history }: { history: SprintResult[] }) {
  const items = [...history].reverse().slice(-12);
  if (items.length === 0) return <p className="muted">Your finished sprints will be charted here.</p>;
  const max = Math.max(...items.map((h) => h.words), 1);
  const left = 34;
  const width = 300;
  const height = 110;
  const plot = width - left - 4;
  const bar = plot / items.length;
  // Dates under every bar when they fit, else under every other one.
  const every = bar < 22 ? 2 : 1;
  return (
    <figure className="sprint-chart">
      <svg role="img" aria-label={`Words per sprint, your last ${items.length} sprints; best ${max.toLocaleString()} words`} viewBox={`0 0 ${width} ${height + 34}`} width="100%">
        <text x="0" y="10" className="axis">
          words
        </text>
        <line x1={left} y1={14} x2={left} y2={height} className="axis-line" />
        <line x1={left} y1={height} x2={width} y2={height} className="axis-line" />
        <text x={left - 4} y={18} className="axis" textAnchor="end">
          {max.toLocaleString()}
        </text>
        <text x={left - 4} y={height} className="axis" textAnchor="end">
          0
        </text>
        {items.map((h, i) => {
          const barHeight = Math.max(2, (h.words / max) * (height - 16));
          const x = left + i * bar + 2;
          return (
            <g key={h.sprintId}>
              <title>{`${h.title}, ${day(h.endedAt)}: ${h.words} words, ${h.wpm} wpm${h.place ? `, place ${h.place} of ${h.writers}` : ''}`}</title>
              <rect x={x} y={height - barHeight} width={Math.max(2, bar - 4)} height={barHeight} rx="2" className={h.personalBest ? 'bar best' : 'bar'} />
              {i % every === 0 && (
                <text x={x + (bar - 4) / 2} y={height + 12} className="axis" textAnchor="middle">
                  {day(h.endedAt)}
                </text>
              )}
            </g>
          );
        })}
        <text x={left + plot / 2} y={height + 28} className="axis" textAnchor="middle">
          sprints, oldest to newest (darker: a personal best)
        </text>
      </svg>
      <table className="visually-hidden">
        <caption>Your sprints</caption>
        <thead>
          <tr>
            <th>Sprint</th>
            <th>Date</th>
            <th>Words</th>
            <th>Words per minute</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.sprintId}>
              <td>{h.title}</td>
              <td>{day(h.endedAt)}</td>
              <td>{h.words}</td>
              <td>{h.wpm}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
