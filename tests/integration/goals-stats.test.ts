import { describe, expect, it, onTestFinished } from 'vitest';
import type { GoalProgress } from '../../shared/api/goals';
import type { Result } from '../../shared/api/result';
import { createStudioCore } from '../../electron/core/studio-core';
import { docJson } from '../fixtures/lexical';
import { call } from '../helpers/studio';
import { tempDir } from '../helpers/temp-dir';

const words = (n: number) => docJson([Array.from({ length: n }, (_, i) => `w${i}`).join(' ')]);

/** A studio whose clock the test moves (local time: days and hours are the writer's). */
function studio() {
  const clock = { now: new Date(2026, 10, 23, 10, 0) }; // Monday 23 November 2026, 10:00
  const core = createStudioCore({ dataDir: tempDir(), host: 'browser', clock: () => clock.now });
  onTestFinished(() => core.close());
  const events: GoalProgress[] = [];
  core.on('goals:changed', (p) => p && events.push(p));
  return { core, clock, events };
}

async function project(core: ReturnType<typeof studio>['core'], title = 'Novel') {
  const p = await call(core, 'projects.create', { title });
  const doc = await call(core, 'documents.create', { projectId: p.id, title: 'Chapter' });
  return { projectId: p.id as string, docId: doc.id as string };
}

const failure = async (maybe: unknown) => {
  const result = (await maybe) as Result<unknown>;
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; message: string } }).error;
};

describe('goals and pace', () => {
  it('works out the daily pace to a deadline from progress, skipping days off, and says when today is done', async () => {
    const { core, clock, events } = studio();
    const { projectId, docId } = await project(core);
    await call(core, 'goals.setRules', { writingDays: [1, 2, 3, 4, 5] });
    await call(core, 'documents.save', { id: docId, content: words(5000) }); // Monday
    clock.now = new Date(2026, 10, 24, 9, 0); // Tuesday
    // 10,000 by next Monday: 5,000 left over Tue, Wed, Thu, Fri and Mon (the weekend skipped).
    const set = await call(core, 'goals.setProject', { projectId, words: 10_000, deadline: '2026-11-30' });
    expect(set).toMatchObject({ projectWords: 5000, projectTarget: 10_000, deadline: '2026-11-30', today: { day: '2026-11-24', words: 0, target: 1000 } });
    expect(set.pace).toEqual({ remaining: 5000, daysLeft: 5, perDay: 1000, todayTarget: 1000, todayLeft: 1000, status: 'behind' });
    expect(core.db.prepare('SELECT scope, words, deadline FROM goals WHERE target_id = ?').get(projectId)).toEqual({ scope: 'project', words: 10_000, deadline: '2026-11-30' });

    await call(core, 'documents.save', { id: docId, content: words(5600) });
    expect(events.at(-1)).toMatchObject({ projectId, today: { words: 600, target: 1000 }, met: null });
    await call(core, 'documents.save', { id: docId, content: words(6100) });
    expect(events.at(-1)!.met).toBe('Today’s 1,000 words are written. Anything more is a head start.');
    expect(events.at(-1)!.pace).toMatchObject({ perDay: 1000, todayLeft: 0, status: 'ahead' });
    await call(core, 'documents.save', { id: docId, content: words(6200) });
    expect(events.at(-1)!.met).toBeNull(); // said once

    // Wednesday: recomputed from progress, 3,800 over four days.
    clock.now = new Date(2026, 10, 25, 9, 0);
    expect((await call(core, 'goals.get', { projectId })).pace).toMatchObject({ remaining: 3800, daysLeft: 4, perDay: 950 });
    // Saturday is a day off: nothing asked today.
    clock.now = new Date(2026, 10, 28, 9, 0);
    expect((await call(core, 'goals.get', { projectId })).today.target).toBe(0);
    // Reaching the project's target.
    await call(core, 'documents.save', { id: docId, content: words(10_000) });
    expect(events.at(-1)!.met).toBe('You reached your target of 10,000 words for this project. Well done.');
    expect(events.at(-1)!.pace!.status).toBe('met');
  });

  it('keeps document targets and a session target, and clears a target', async () => {
    const { core, events } = studio();
    const { projectId, docId } = await project(core);
    await call(core, 'goals.setRules', { sessionWords: 300 });
    const goals = await call(core, 'goals.setDocument', { documentId: docId, words: 2000 });
    expect(goals.documents).toEqual([{ documentId: docId, target: 2000, words: 0 }]);
    await call(core, 'documents.save', { id: docId, content: words(320) });
    expect(events.at(-1)).toMatchObject({ session: { words: 320, target: 300 }, met: 'Session goal met: 300 words this sitting.' });
    expect((await call(core, 'goals.get', { projectId })).documents).toEqual([{ documentId: docId, target: 2000, words: 320 }]);
    expect((await call(core, 'goals.setDocument', { documentId: docId, words: null })).documents).toEqual([]);
    expect((await call(core, 'goals.setProject', { projectId, words: null })).projectTarget).toBeNull();
  });

  it('refuses bad goals with a clear error and keeps what was there', async () => {
    const { core } = studio();
    const { projectId } = await project(core);
    await call(core, 'goals.setProject', { projectId, words: 5000, deadline: '2026-12-24' });
    expect((await failure(core.call('goals.setProject', { projectId, words: null, deadline: '2026-12-24' }))).message).toBe('A deadline needs a word target.');
    expect((await failure(core.call('goals.setProject', { projectId, words: 5000, deadline: '24/12/2026' }))).code).toBe('invalid_input');
    expect((await failure(core.call('goals.setProject', { projectId, words: -1 }))).code).toBe('invalid_input');
    expect((await failure(core.call('goals.setProject', { projectId: crypto.randomUUID(), words: 10 }))).code).toBe('not_found');
    expect((await failure(core.call('goals.setRules', { dayEndsAt: 13 }))).code).toBe('invalid_input');
    expect((await failure(core.call('goals.setRules', { writingDays: [] }))).code).toBe('invalid_input');
    expect((await failure(core.call('goals.setRules', { writingDays: [7] }))).code).toBe('invalid_input');
    expect(await call(core, 'goals.get', { projectId })).toMatchObject({ projectTarget: 5000, deadline: '2026-12-24' });
  });
});

describe('statistics', () => {
  it('counts words per writing day, per project and per hour; a night owl’s 1 am belongs to the evening before', async () => {
    const { core, clock } = studio();
    const novel = await project(core, 'Novel');
    const stories = await project(core, 'Stories');
    await call(core, 'goals.setRules', { dayEndsAt: 3, minWords: 100 });
    await call(core, 'documents.save', { id: novel.docId, content: words(400) }); // Monday 10:00
    clock.now = new Date(2026, 10, 23, 22, 0);
    await call(core, 'documents.save', { id: stories.docId, content: words(150) }); // Monday 22:00
    clock.now = new Date(2026, 10, 24, 1, 30);
    await call(core, 'documents.save', { id: novel.docId, content: words(650) }); // Tuesday 1:30, still Monday night
    // The table keeps the calendar day and hour; the writing day is worked out from the writer's rule.
    expect(core.db.prepare('SELECT day, hour, words FROM hourly_words ORDER BY day, hour').all()).toEqual([
      { day: '2026-11-23', hour: 10, words: 400 },
      { day: '2026-11-23', hour: 22, words: 150 },
      { day: '2026-11-24', hour: 1, words: 250 },
    ]);
    // The status bar's "today" follows the writer's day too.
    expect(await call(core, 'stats.today', { projectId: novel.projectId })).toEqual({ day: '2026-11-23', words: 650 });
    clock.now = new Date(2026, 10, 24, 9, 0);
    expect(await call(core, 'stats.today', { projectId: novel.projectId })).toEqual({ day: '2026-11-24', words: 0 });
    clock.now = new Date(2026, 10, 25, 20, 0); // Wednesday: Tuesday had nothing
    await call(core, 'documents.save', { id: novel.docId, content: words(700) });

    const history = await call(core, 'stats.history', { days: 30 });
    expect(history.to).toBe('2026-11-25');
    expect(history.days).toHaveLength(30);
    expect(history.days.slice(-3)).toEqual([
      { day: '2026-11-23', words: 800 },
      { day: '2026-11-24', words: 0 },
      { day: '2026-11-25', words: 50 },
    ]);
    expect(history.total).toBe(850);
    expect(history.byProject).toEqual([
      { projectId: novel.projectId, title: 'Novel', words: 700 },
      { projectId: stories.projectId, title: 'Stories', words: 150 },
    ]);
    expect(history.byHour[1]).toBe(250);
    expect(history.byHour[10]).toBe(400);
    expect(history.byHour[20]).toBe(50);
    expect(history.bestDay).toEqual({ day: '2026-11-23', words: 800 });
    expect(history.averageOnWritingDays).toBe(800); // 50 is under the 100-word minimum
    expect(history.streak).toEqual({ current: 0, longest: 1, todayCounts: false });
    // One project; a year.
    const one = await call(core, 'stats.history', { projectId: stories.projectId, days: 365 });
    expect(one.days).toHaveLength(365);
    expect(one.total).toBe(150);
    expect((await failure(core.call('stats.history', { days: 31 }))).code).toBe('invalid_input');
  });
});
