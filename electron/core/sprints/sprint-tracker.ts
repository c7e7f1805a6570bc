import type { Database } from 'better-sqlite3';
import type { Sprint, SprintPlace, SprintTick } from '../../../shared/protocol/community-events';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';
import { GRACE_MS as SPRINT_GRACE_MS } from '../../../shared/rules/sprints';


interface SessionRow {
  sprint_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  baseline_words: number;
  baseline_taken_at: string;
  words: number;
  sent_words: number | null;
  owner: string;
}

interface ProgressOp {
  kind: 'sprint.progress';
  sprintId: string;
  words: number;
}

/**
 * Counts a writer's sprint words from the manuscript itself: the net words added to their
 * documents since the sprint started, sent as a running total (so a retry never double
 * counts). The baseline and the last total live in local SQLite, and each new total goes
 * through the one outbox as a `sprint.progress` operation that replaces any total still
 * waiting: writing offline loses nothing, and the latest total goes out when the studio is back.
 * `onPlace`: the writer's place, as the answer to their progress carries it.
 */
export function createSprintTracker(db: Database, community: CommunityClient, sync: Sync, onPlace?: (place: SprintPlace) => void, now: () => number = () => Date.now()) {
  const manuscriptWords = db.prepare<[], { words: number }>(
    `SELECT COALESCE(SUM(c.word_count), 0) AS words FROM document_content c JOIN documents d ON d.id = c.document_id WHERE d.trashed_at IS NULL`,
  );
  const active = db.prepare<[string, string], SessionRow>(`SELECT * FROM sprint_sessions WHERE owner = ? AND ends_at > ?`);
  const titles = db.prepare<[string], { title: string }>('SELECT title FROM sprint_sessions WHERE sprint_id = ?');
  /** A finished sprint's name (its session is past its end): read once per sprint, not per tick. */
  const finishedTitles = new Map<string, string>();
  const titleOf = (sprintId: string) => {
    if (!finishedTitles.has(sprintId)) finishedTitles.set(sprintId, titles.get(sprintId)?.title ?? 'Sprint');
    return finishedTitles.get(sprintId)!;
  };
  const upsert = db.prepare(
    `INSERT INTO sprint_sessions (sprint_id, server, title, starts_at, ends_at, baseline_words, baseline_taken_at, owner)
     VALUES (@id, @server, @title, @startsAt, @endsAt, @baseline, @takenAt, @owner)
     ON CONFLICT(sprint_id) DO NOTHING`,
  );
  const setWords = db.prepare('UPDATE sprint_sessions SET words = ? WHERE sprint_id = ?');
  const setSent = db.prepare('UPDATE sprint_sessions SET sent_words = ? WHERE sprint_id = ?');
  const rebaseline = db.prepare('UPDATE sprint_sessions SET baseline_words = ?, baseline_taken_at = ? WHERE sprint_id = ?');
  const remove = db.prepare('DELETE FROM sprint_sessions WHERE sprint_id = ?');

  const total = () => manuscriptWords.get()?.words ?? 0;
  const serverNow = () => now() + community.offsetMs;
  const owner = () => sync.owner()?.id ?? '';
  // Stored end times already include the grace period.
  const live = () => active.all(owner(), new Date(serverNow()).toISOString());

  const disposeKind = sync.kinds.register<ProgressOp>({
    kind: 'sprint.progress',
    send: ({ sprintId, words }) => community.request('sprint:progress', { sprintId, words }),
    dependsOn: () => [],
    coalesce: true,
    // A total the server will not take (the sprint is over, or left) leaves the writer nothing to do.
    dropWhenRefused: true,
    acknowledged: ({ sprintId, words }, answer) => {
      setSent.run(words, sprintId);
      const place = (answer as { place?: SprintPlace | null } | undefined)?.place;
      if (place) queueMicrotask(() => onPlace?.(place));
    },
  });

  const tracker = {
    /** Starts counting for a sprint joined (or created); a rejoin keeps the first baseline. */
    track(sprint: Sprint) {
      upsert.run({
        id: sprint.id,
        server: community.url ?? '',
        title: sprint.title,
        startsAt: sprint.startsAt,
        endsAt: new Date(Date.parse(sprint.endsAt) + SPRINT_GRACE_MS).toISOString(),
        baseline: total(),
        takenAt: new Date(serverNow()).toISOString(),
        owner: owner(),
      });
    },
    forget(sprintId: string) {
      remove.run(sprintId);
    },
    /** After every save: recount, and queue the new total if it changed. */
    afterSave() {
      const sessions = live();
      if (sessions.length === 0) return; // no sprint: no extra work on the save path
      const words = total();
      let queued = false;
      db.transaction(() => {
        for (const session of sessions) {
          // Words written before the start do not count: until then the baseline follows the manuscript.
          if (serverNow() < Date.parse(session.starts_at)) {
            rebaseline.run(words, new Date(serverNow()).toISOString(), session.sprint_id);
            continue;
          }
          const counted = Math.max(0, words - session.baseline_words);
          if (counted === session.words && session.sent_words === counted) continue;
          setWords.run(counted, session.sprint_id);
          sync.outbox.enqueue(session.owner, session.sprint_id, { kind: 'sprint.progress', sprintId: session.sprint_id, words: counted } satisfies ProgressOp);
          queued = true;
        }
      })();
      if (queued) sync.changed(); // offline or closing: sent on the next connect
    },
    /** The studio's own count for a sprint, shown at once, before the server's tick. */
    localWords(sprintId: string): number | null {
      return live().find((s) => s.sprint_id === sprintId)?.words ?? null;
    },
    /** The tick as the renderer gets it: with the clock offset, the studio's own count and the sprint's name. */
    decorate(tick: SprintTick) {
      const session = live().find((s) => s.sprint_id === tick.sprintId);
      return { ...tick, offsetMs: community.offsetMs, localWords: session?.words ?? null, title: session?.title ?? titleOf(tick.sprintId) };
    },
    close: disposeKind,
  };
  return tracker;
}
export type SprintTracker = ReturnType<typeof createSprintTracker>;
