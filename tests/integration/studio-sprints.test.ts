import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { unwrap, type Result } from '../../shared/api/result';
import type { StudioSprintTick } from '../../shared/api/studio-api';
import type { Sprint } from '../../shared/protocol/community-events';
import { createStudioCore, type StudioCore } from '../../electron/core/studio-core';
import { createCommunityServer } from '../../server/app';
import { openStore } from '../../server/store/open-store';
import { docJson } from '../fixtures/lexical';
import { tempDir } from '../helpers/temp-dir';

async function serverOn(dbFile: string, port = 0, now?: () => Date) {
  const server = createCommunityServer({ store: await openStore(`sqlite:${dbFile}`), logger: pino({ level: 'silent' }), tickMs: 100, now });
  const actual = await server.listen(port);
  return { server, port: actual, url: `http://127.0.0.1:${actual}` };
}

const call = async <T = any>(core: StudioCore, method: string, input: unknown = {}) => unwrap((await core.call(method, input)) as Result<T>);

async function writer(url: string, name: string) {
  const core = createStudioCore({ dataDir: tempDir(), host: 'browser', deviceName: name, communityBackoff: { delayMs: 100, maxDelayMs: 300 } });
  onTestFinished(() => core.close());
  await call(core, 'community.setServer', { url });
  await until(core, () => core.current('sync:status').state === 'offline');
  await call(core, 'community.register', { username: name, password: 'a long enough password' });
  const project = await call(core, 'projects.create', { title: `${name}'s novel` });
  const doc = await call(core, 'documents.create', { projectId: project.id, title: 'Chapter' });
  // Words already in the manuscript before the sprint do not count.
  await call(core, 'documents.save', { id: doc.id, content: docJson(['Forty words already here '.repeat(10)]) });
  return { core, docId: doc.id };
}

function until(core: StudioCore, test: () => boolean, timeoutMs = 8000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (test()) return resolve();
    const timer = setTimeout(() => reject(new Error(`timed out; sync ${JSON.stringify(core.current('sync:status'))}, tick ${JSON.stringify(core.current('sprint:tick'))?.slice(0, 300)}`)), timeoutMs);
    const offs = [core.on('sprint:tick', check), core.on('sync:status', check)];
    function check() {
      if (!test()) return;
      clearTimeout(timer);
      offs.forEach((off) => off());
      resolve();
    }
  });
}

const wordsOf = (tick: StudioSprintTick | null, userId: string) => tick?.top.find((r) => r.userId === userId)?.words;

describe('sprinting from two studios', () => {
  it('counts each writer’s words from their manuscript, live on both leaderboards; offline words arrive later', async () => {
    const dbFile = path.join(tempDir(), 'community.db');
    const first = await serverOn(dbFile);
    const a = await writer(first.url, 'ana_sprints');
    const b = await writer(first.url, 'ben_sprints');
    const aId = (await call(a.core, 'community.status')).account.id;
    const bId = (await call(b.core, 'community.status')).account.id;

    const sprint = await call<Sprint>(a.core, 'sprints.create', { durationMin: 15, title: 'Evening sprint' });
    await call(b.core, 'sprints.join', { sprintId: sprint.id });

    await call(a.core, 'documents.save', { id: a.docId, content: docJson(['Forty words already here '.repeat(10), 'one two three four five six seven']) });
    await until(b.core, () => wordsOf(b.core.current('sprint:tick'), aId) === 7);
    await call(b.core, 'documents.save', { id: b.docId, content: docJson(['Forty words already here '.repeat(10), 'a b c d e f g h i j k l']) });
    await until(a.core, () => wordsOf(a.core.current('sprint:tick'), bId) === 12);
    expect(a.core.current('sprint:tick')!.top.map((r) => r.place)).toEqual([1, 2]);

    // B loses the connection, keeps writing, and comes back: the total arrives then.
    await first.server.close();
    await until(b.core, () => b.core.current('sync:status').state !== 'online');
    await call(b.core, 'documents.save', { id: b.docId, content: docJson(['Forty words already here '.repeat(10), 'a b c d e f g h i j k l m n o p q r s t']) });
    const second = await serverOn(dbFile, first.port);
    onTestFinished(() => second.server.close());
    await until(a.core, () => wordsOf(a.core.current('sprint:tick'), bId) === 20, 15_000);
    const results = await call(b.core, 'sprints.results', { sprintId: sprint.id });
    expect(results).toMatchObject({ words: 20, place: 1, writers: 2 });
  });

  it('does not count words written before an upcoming sprint starts', async () => {
    const dbFile = path.join(tempDir(), 'community.db');
    // The server's clock starts a minute behind, so a sprint starting "in 1 minute" starts now in
    // real time; moving the clock on (and restarting, so the studio measures its offset again)
    // carries the studio past the start without a test waiting a minute.
    let offsetMs = -60_000;
    const clock = () => new Date(Date.now() + offsetMs);
    const first = await serverOn(dbFile, 0, clock);
    const a = await writer(first.url, 'early_bird');
    const sprint = await call<Sprint>(a.core, 'sprints.create', { durationMin: 15, startsInMin: 1, title: 'Later' });
    expect(sprint.status).toBe('upcoming');
    await call(a.core, 'documents.save', { id: a.docId, content: docJson(['Forty words already here '.repeat(10), 'written before the start counts for nothing at all here']) });
    await first.server.close();
    await until(a.core, () => a.core.current('sync:status').state !== 'online');
    offsetMs = 0;
    const second = await serverOn(dbFile, first.port, clock);
    onTestFinished(() => second.server.close());
    await until(a.core, () => a.core.current('sync:status').state === 'online');
    await call(a.core, 'documents.save', { id: a.docId, content: docJson(['Forty words already here '.repeat(10), 'written before the start counts for nothing at all here', 'one two three four five six seven']) });
    await until(a.core, () => a.core.current('sprint:tick')?.me?.words === 7, 10_000);
    expect((await call(a.core, 'sprints.results', { sprintId: sprint.id })).words).toBe(7);
  });
});
