import type { SprintResult } from '../../../../shared/protocol/community-events';

/** Words per sprint, oldest to newest, as bars: a writer would rather look than read. */
export function SprintHistoryChart({ history }: { history: SprintResult[] }) {
  const items = [...history].reverse().slice(-20);
  if (items.length === 0) return <p className="muted">Your finished sprints will be charted here.</p>;
  const max = Math.max(...items.map((h) => h.words), 1);
  const width = 260;
  const height = 90;
  const bar = width / items.length;
  return (
    <figure className="sprint-chart">
      <svg role="img" aria-label={`Words per sprint, last ${items.length} sprints`} viewBox={`0 0 ${width} ${height + 14}`} width="100%">
        {items.map((h, i) => {
          const barHeight = Math.max(2, (h.words / max) * height);
          return (
            <g key={h.sprintId}>
              <title>{`${h.title}: ${h.words} words, ${h.wpm} wpm${h.place ? `, place ${h.place}` : ''}`}</title>
              <rect x={i * bar + 2} y={height - barHeight} width={Math.max(2, bar - 4)} height={barHeight} rx="2" className={h.personalBest ? 'bar best' : 'bar'} />
            </g>
          );
        })}
        <text x="0" y={height + 12} className="axis">
          best {max.toLocaleString()} words
        </text>
      </svg>
      <figcaption className="visually-hidden">
        {items.map((h) => `${h.title}: ${h.words} words`).join('; ')}
      </figcaption>
    </figure>
  );
}
