import type { WordsHistory } from '../../../../shared/api/goals';

const fmt = (n: number) => n.toLocaleString();
const short = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** A chart's numbers, for anyone who would rather read them (and for screen readers). */
function AsTable({ caption, rows }: { caption: string; rows: [string, number][] }) {
  return (
    <details className="chart-table">
      <summary>Show as a table</summary>
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption.startsWith('Words by hour') ? 'Hour' : 'Day'}</th>
            <th scope="col">Words</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, words]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{fmt(words)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Words per writing day as bars (the same SVG approach as the sprint history chart). */
export function DayBars({ history }: { history: WordsHistory }) {
  const { days } = history;
  const max = Math.max(1, ...days.map((d) => d.words));
  const width = 300;
  const height = 90;
  const step = width / days.length;
  const written = days.filter((d) => d.words !== 0);
  return (
    <figure className="stats-chart">
      <figcaption>Words per day</figcaption>
      <svg role="img" aria-label={`Words per day from ${short(history.from)} to ${short(history.to)}: ${written.length} ${written.length === 1 ? 'day' : 'days'} with words, most ${fmt(max)}.`} viewBox={`0 0 ${width} ${height + 14}`} width="100%">
        <line x1="0" x2={width} y1={height} y2={height} className="baseline" />
        {days.map((d, i) => {
          const h = d.words > 0 ? Math.max(1.5, (d.words / max) * height) : 0;
          return (
            <rect key={d.day} x={i * step + step * 0.15} y={height - h} width={Math.max(0.8, step * 0.7)} height={h} rx={step > 4 ? 1.5 : 0} className="bar">
              <title>{`${short(d.day)}: ${fmt(d.words)} words`}</title>
            </rect>
          );
        })}
        <text x="0" y={height + 12} className="axis">
          {short(history.from)}
        </text>
        <text x={width} y={height + 12} className="axis" textAnchor="end">
          {short(history.to)}
        </text>
      </svg>
      <AsTable caption={`Words per day, ${short(history.from)} to ${short(history.to)}`} rows={(written.length > 0 ? written : days.slice(-1)).map((d) => [short(d.day), d.words])} />
    </figure>
  );
}

/** A calendar of the period: a column per week, a row per weekday (Monday first), darker for more words. */
export function HeatMap({ history }: { history: WordsHistory }) {
  const { days } = history;
  const max = Math.max(1, ...days.map((d) => d.words));
  const first = new Date(`${days[0]!.day}T12:00:00`);
  const offset = (first.getDay() + 6) % 7; // Monday = 0
  const cell = 11;
  const weeks = Math.ceil((days.length + offset) / 7);
  const level = (words: number) => (words <= 0 ? 0 : Math.min(4, Math.ceil((words / max) * 4)));
  return (
    <figure className="stats-chart heatmap">
      <figcaption>Calendar</figcaption>
      <svg role="img" aria-label={`Calendar of ${days.length} days, darker for more words; the table under "Words per day" has the numbers.`} viewBox={`0 0 ${weeks * cell} ${7 * cell}`} width="100%">
        {days.map((d, i) => {
          const at = i + offset;
          return (
            <rect key={d.day} x={Math.floor(at / 7) * cell + 1} y={(at % 7) * cell + 1} width={cell - 2} height={cell - 2} rx="2" className={`heat-${level(d.words)}`}>
              <title>{`${short(d.day)}: ${fmt(d.words)} words`}</title>
            </rect>
          );
        })}
      </svg>
      <p className="heat-legend muted" aria-hidden="true">
        Less <span className="heat-swatch heat-0" /> <span className="heat-swatch heat-1" /> <span className="heat-swatch heat-2" /> <span className="heat-swatch heat-3" /> <span className="heat-swatch heat-4" /> More
      </p>
    </figure>
  );
}

/** When the writer writes: net words by hour of the day over the period. */
export function HourBars({ byHour }: { byHour: number[] }) {
  const max = Math.max(1, ...byHour);
  const width = 288;
  const height = 60;
  const step = width / 24;
  const busiest = byHour.indexOf(Math.max(...byHour));
  return (
    <figure className="stats-chart">
      <figcaption>Hours you write in</figcaption>
      <svg role="img" aria-label={max > 1 || byHour[busiest]! > 0 ? `Words by hour of the day; most at ${busiest}:00.` : 'Words by hour of the day: none yet.'} viewBox={`0 0 ${width} ${height + 14}`} width="100%">
        <line x1="0" x2={width} y1={height} y2={height} className="baseline" />
        {byHour.map((words, hour) => {
          const h = words > 0 ? Math.max(1.5, (words / max) * height) : 0;
          return (
            <rect key={hour} x={hour * step + 1.5} y={height - h} width={step - 3} height={h} rx="1.5" className="bar">
              <title>{`${hour}:00–${hour + 1}:00: ${fmt(words)} words`}</title>
            </rect>
          );
        })}
        {[0, 6, 12, 18].map((h) => (
          <text key={h} x={h * step} y={height + 12} className="axis">
            {h}:00
          </text>
        ))}
      </svg>
      <AsTable caption="Words by hour of the day" rows={byHour.map((w, h) => [`${h}:00`, w] as [string, number]).filter(([, w]) => w !== 0)} />
    </figure>
  );
}
