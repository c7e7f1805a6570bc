import type { Database } from 'better-sqlite3';
import type { Sprint, SprintPlace, SprintTick } from '../../../shared/protocol/community-events';
import type { CommunityClient } from '../community/community-client';

/** Matches the server's grace period: a final total is still sent this long after the end. */
const GRACE_MS = 2 * 60_000;

interface SessionRow {
  sprint_id: string;
  starts_at: string;
  ends_at: string;
  baseline_words: number;
  baseline_taken_at: string;
  words: number;
  sent_words: number | null;
}

/**
 * Counts a writer's sprint words from the manuscript itself: the net words added to their
 * documents since the sprint started, sent as a running total (so a retry never double
 * counts). The baseline and the last total live in local SQLite: writing offline loses
 * nothing, and the total goes out when the studio is back.
 */
/** `onPlace`: the writer's place, as the answer to their progress carries it. */
export function createSprintTracker(db: Database, community: CommunityClient, onPlace?: (place: SprintPlace) => void, now: () => number = () => Date.now()) {
  const manuscriptWords = db.prepare<[], { words: number }>(
    `SELECT COALESCE(SUM(c.word_count), 0) AS words FROM document_content c JOIN documents d ON d.id = c.document_id WHERE d.trashed_at IS NULL`,
  );
  const active = db.prepare<[string], SessionRow>(`SELECT * FROM sprint_sessions WHERE ends_at > ?`);
  const upsert = db.prepare(
    `INSERT INTO sprint_sessions (sprint_id, server, title, starts_at, ends_at, baseline_words, baseline_taken_at)
     VALUES (@id, @server, @title, @startsAt, @endsAt, @baseline, @takenAt)
     ON CONFLICT(sprint_id) DO NOTHING`,
  );
  const setWords = db.prepare('UPDATE sprint_sessions SET words = ? WHERE sprint_id = ?');
  const setSent = db.prepare('UPDATE sprint_sessions SET sent_words = ? WHERE sprint_id = ?');
  const rebaseline = db.prepare('UPDATE sprint_sessions SET baseline_words = ?, baseline_taken_at = ? WHERE sprint_id = ?');
  const remove = db.prepare('DELETE FROM sprint_sessions WHERE sprint_id = ?');

  const total = () => manuscriptWords.get()?.words ?? 0;
  const serverNow = () => now() + community.offsetMs;
  // Stored end times already include the grace period.
  const live = () => active.all(new Date(serverNow()).toISOString());

  /** Sends each unsent total; the server stores the latest, so sending again is harmless. */
  const flush = async () => {
    if (!db.open) return; // the studio is closing; the totals stay in SQLite for next time
    for (const session of live()) {
      if (session.sent_words === session.words || Date.parse(session.starts_at) > serverNow()) continue;
      const result = await community.request('sprint:progress', { sprintId: session.sprint_id, words: session.words });
      if (result.ok && db.open) setSent.run(session.words, session.sprint_id);
      if (result.ok && result.data.place) onPlace?.(result.data.place);
    }
  };

  const tracker = {
    /** Starts counting for a sprint joined (or created); a rejoin keeps the first baseline. */
    track(sprint: Sprint) {
      upsert.run({
        id: sprint.id,
        server: community.url ?? '',
        title: sprint.title,
        startsAt: sprint.startsAt,
        endsAt: new Date(Date.parse(sprint.endsAt) + GRACE_MS).toISOString(),
        baseline: total(),
        takenAt: new Date(serverNow()).toISOString(),
      });
    },
    forget(sprintId: string) {
      remove.run(sprintId);
    },
    /** After every save: recount, and send if it changed. */
    afterSave() {
      const sessions = live();
      if (sessions.length === 0) return; // no sprint: no extra work on the save path
      const words = total();
      for (const session of sessions) {
        // Words written before the start do not count: until then the baseline follows the manuscript.
        if (serverNow() < Date.parse(session.starts_at)) {
          rebaseline.run(words, new Date(serverNow()).toISOString(), session.sprint_id);
          continue;
        }
        setWords.run(Math.max(0, words - session.baseline_words), session.sprint_id);
      }
      flush().catch(() => undefined); // offline or closing: sent on the next connect
    },
    /** The studio's own count for a sprint, shown at once, before the server's tick. */
    localWords(sprintId: string): number | null {
      return live().find((s) => s.sprint_id === sprintId)?.words ?? null;
    },
    decorate(tick: SprintTick) {
      return { ...tick, offsetMs: community.offsetMs, localWords: tracker.localWords(tick.sprintId) };
    },
    flush,
  };
  community.onSignedIn(() => void flush().catch(() => undefined));
  return tracker;
}
export type SprintTracker = ReturnType<typeof createSprintTracker>;
