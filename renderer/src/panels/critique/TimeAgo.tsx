import { relativeTime, useNow } from './relative-time';

/** A timestamp that stays true while it is on screen ("2 h ago"; the full time on hover). */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time className="time-ago" dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso, now)}
    </time>
  );
}
