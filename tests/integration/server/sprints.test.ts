import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { estimateOffset, type ClockSample } from '../../../shared/text/clock-offset';
import { createCommunityServer } from '../../../server/app';
import { openStore } from '../../../server/store/open-store';
import { call, connect, must, newWriter, nextSprintView, startCommunity } from '../../helpers/community';
import { tempDir } from '../../helpers/temp-dir';

/** A server clock the test moves forward, so a 5-minute sprint ends in a moment. */
function fakeClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => (offset += ms) };
}

const nextTick = nextSprintView;

describe('live writing sprints', () => {
  it('three writers: live leaderboard, cheers, the end, results and personal bests', async () => {
    const clock = fakeClock();
    const { url } = await startCommunity('sqlite', { now: clock.now, tickMs: 100 });
    const [a, b, c] = [await newWriter(url), await newWriter(url), await newWriter(url)];
    const sprint = await must(a.socket, 'sprint:create', { durationMin: 5, title: 'Lunch sprint' });
    expect(sprint).toMatchObject({ status: 'running', durationMin: 5, joined: true, circleId: null });
    expect((await must(b.socket, 'sprint:list', {})).map((s) => s.id)).toContain(sprint.id);
    await must(b.socket, 'sprint:join', { sprintId: sprint.id });
    await must(c.socket, 'sprint:join', { sprintId: sprint.id });

    clock.advance(60_000);
    await must(a.socket, 'sprint:progress', { sprintId: sprint.id, words: 120 });
    await must(b.socket, 'sprint:progress', { sprintId: sprint.id, words: 180 });
    await must(c.socket, 'sprint:progress', { sprintId: sprint.id, words: 90 });
    // A retry of the same total changes nothing.
    await must(c.socket, 'sprint:progress', { sprintId: sprint.id, words: 90 });
    // The leaderboard and the writer's own place arrive as two messages, a moment apart.
    const tick = await nextTick(a.socket, (t) => t.totals.words === 390 && t.me?.place === 2);
    expect(tick.top.map((r) => [r.userId, r.words, r.place])).toEqual([
      [b.userId, 180, 1],
      [a.userId, 120, 2],
      [c.userId, 90, 3],
    ]);
    expect(tick.me).toMatchObject({ userId: a.userId, place: 2 });

    const cheer = new Promise((resolve) => c.socket.once('sprint:cheer', resolve));
    await must(a.socket, 'sprint:cheer', { sprintId: sprint.id, toUserId: c.userId, reaction: '🔥' });
    expect(await cheer).toMatchObject({ sprintId: sprint.id, toUserId: c.userId, fromUserId: a.userId, reaction: '🔥' });

    clock.advance(5 * 60_000);
    const grace = await nextTick(b.socket, (t) => t.status === 'grace');
    expect(grace.status).toBe('grace');
    // Within the grace period a final count is still accepted.
    await must(c.socket, 'sprint:progress', { sprintId: sprint.id, words: 210 });
    clock.advance(3 * 60_000);
    const last = await nextTick(b.socket, (t) => t.status === 'finished');
    expect(last.top[0]).toMatchObject({ userId: c.userId, words: 210, place: 1 });
    expect(await call(a.socket, 'sprint:progress', { sprintId: sprint.id, words: 500 })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const result = await must(c.socket, 'sprint:results', { sprintId: sprint.id });
    expect(result).toMatchObject({ words: 210, wpm: 42, place: 1, writers: 3, personalBest: true, final: true, flagged: false });
    const history = await must(b.socket, 'sprint:history', {});
    expect(history.map((h) => [h.title, h.words, h.place])).toEqual([['Lunch sprint', 180, 2]]);
  });

  it('gives a client whose clock is minutes off the same remaining time (within 250 ms)', async () => {
    const { url } = await startCommunity();
    const w = await newWriter(url);
    const sprint = await must(w.socket, 'sprint:create', { durationMin: 30 });
    for (const skew of [-7 * 60_000, 4 * 60_000 + 321]) {
      const localNow = () => Date.now() + skew; // this machine's wrong clock
      const samples: ClockSample[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = localNow();
        const answer = await must(w.socket, 'time:sync', { t0 });
        samples.push({ t0, t1: answer.t1, t2: answer.t2, t3: localNow() });
      }
      const { offsetMs } = estimateOffset(samples);
      const remainingSeen = Date.parse(sprint.endsAt) - (localNow() + offsetMs);
      const remainingTrue = Date.parse(sprint.endsAt) - Date.now();
      expect(Math.abs(remainingSeen - remainingTrue)).toBeLessThan(250);
    }
  });

  it('a writer who drops offline keeps their progress and rejoins with it', async () => {
    const clock = fakeClock();
    const { url } = await startCommunity('sqlite', { now: clock.now, tickMs: 100 });
    const w = await newWriter(url);
    const sprint = await must(w.socket, 'sprint:create', { durationMin: 10 });
    clock.advance(60_000);
    await must(w.socket, 'sprint:progress', { sprintId: sprint.id, words: 100 });
    w.socket.disconnect();

    const back = await connect(url, w.session.token);
    // The first view may come from the leaderboard as read up to a tick ago (a rejoin reuses
    // it); the writer's own 100 words are in it by the next tick.
    const tick = await nextTick(back, (t) => t.sprintId === sprint.id && t.me?.words === 100);
    expect(tick.me).toMatchObject({ words: 100 });
    expect((await must(back, 'sprint:progress', { sprintId: sprint.id, words: 160 })).words).toBe(160);
  });

  it('survives a server restart mid-sprint: the sprint resumes with the right remaining time and finishes correctly', async () => {
    const db = `sqlite:${path.join(tempDir(), 'community.db')}`;
    const first = createCommunityServer({ store: await openStore(db), logger: pino({ level: 'silent' }), tickMs: 100 });
    const port = await first.listen(0);
    const url = `http://127.0.0.1:${port}`;
    const w = await newWriter(url);
    const sprint = await must(w.socket, 'sprint:create', { durationMin: 5 });
    await must(w.socket, 'sprint:progress', { sprintId: sprint.id, words: 40 });
    await first.close();

    const second = createCommunityServer({ store: await openStore(db), logger: pino({ level: 'silent' }), tickMs: 100 });
    await second.listen(port);
    onTestFinished(() => second.close());
    const back = await connect(url, w.session.token);
    const tick = await nextTick(back, (t) => t.sprintId === sprint.id);
    expect(tick).toMatchObject({ status: 'running', endsAt: sprint.endsAt, me: { words: 40 } });
    const remaining = Date.parse(tick.endsAt) - tick.serverNow;
    expect(remaining).toBeGreaterThan(4 * 60_000);
    expect(remaining).toBeLessThanOrEqual(5 * 60_000);
    expect((await must(back, 'sprint:results', { sprintId: sprint.id })).words).toBe(40);
  });

  it('flags absurd jumps instead of trusting them, and keeps messages bounded for big sprints', async () => {
    const clock = fakeClock();
    const { url } = await startCommunity('sqlite', { now: clock.now, tickMs: 100, limits: { burst: 1000, perSecond: 1000 } });
    const host = await newWriter(url);
    const sprint = await must(host.socket, 'sprint:create', { durationMin: 20 });
    const writers = [host];
    for (let i = 0; i < 24; i++) {
      const w = await newWriter(url);
      await must(w.socket, 'sprint:join', { sprintId: sprint.id });
      writers.push(w);
    }
    clock.advance(2 * 60_000);
    for (const [i, w] of writers.entries()) await must(w.socket, 'sprint:progress', { sprintId: sprint.id, words: 10 * (i + 1) });
    const cheat = await must(writers[3]!.socket, 'sprint:progress', { sprintId: sprint.id, words: 9000 });
    expect(cheat.flagged).toBe(true);

    const mid = writers[12]!;
    // Its place answered its own progress when few had written; the ticks after bring it up to date.
    const tick = await nextTick(mid.socket, (t) => t.totals.writers === 25 && t.me?.words === 130 && t.me.place === 13);
    expect(tick.top).toHaveLength(10);
    expect(tick.top[0]).toMatchObject({ words: 250, place: 1 });
    expect(tick.around.map((r) => r.words)).toEqual([150, 140, 130, 120, 110]);
    expect(tick.me).toMatchObject({ place: 13 }); // twelve writers are ahead of 130 words
    expect(JSON.stringify(tick).length).toBeLessThan(4000);
    const flaggedRow = (await nextTick(writers[3]!.socket, (t) => t.me?.flagged === true)).me!;
    expect(flaggedRow).toMatchObject({ words: 9000, place: null });
  });

  it('refuses progress for sprints not joined, and circle sprints to strangers', async () => {
    const { url } = await startCommunity();
    const owner = await newWriter(url);
    const circle = await must(owner.socket, 'circle:create', { name: 'Sprinters' });
    const sprint = await must(owner.socket, 'sprint:create', { durationMin: 15, circleId: circle.id });
    const stranger = await newWriter(url);
    expect((await must(stranger.socket, 'sprint:list', {})).map((s) => s.id)).not.toContain(sprint.id);
    expect(await call(stranger.socket, 'sprint:join', { sprintId: sprint.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(stranger.socket, 'sprint:progress', { sprintId: sprint.id, words: 10 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const open = await must(owner.socket, 'sprint:create', { durationMin: 15, startsInMin: 10 });
    await must(stranger.socket, 'sprint:join', { sprintId: open.id });
    expect(await call(stranger.socket, 'sprint:progress', { sprintId: open.id, words: 10 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
