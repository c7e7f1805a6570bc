import { io as connectClient } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { must, newWriter, startCommunity, type ClientSocket } from '../../helpers/community';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client that reconnects by itself after a drop, and so asks to recover its connection state. */
function recoveringClient(url: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectClient(url, { transports: ['websocket'], auth: { token }, reconnectionDelay: 500, reconnectionDelayMax: 600, forceNew: true });
  onTestFinished(() => void socket.disconnect());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('connection state recovery on one node', () => {
  it('a writer back within the window is recovered from sprint ticks alone, gets the cheer it missed, and fresh ticks instead of the stale ones', async () => {
    const { server, url } = await startCommunity('sqlite', { tickMs: 100 });
    const a = await newWriter(url);
    const b = await newWriter(url);
    const sprint = await must(a.socket, 'sprint:create', { durationMin: 10 });
    await must(b.socket, 'sprint:join', { sprintId: sprint.id });
    await must(b.socket, 'sprint:progress', { sprintId: sprint.id, words: 40 });
    const live = await recoveringClient(url, b.session.token);
    const ticks: Array<{ serverNow: number; at: number }> = [];
    live.on('sprint:tick', (tick) => ticks.push({ serverNow: tick.serverNow, at: Date.now() }));
    const places: number[] = [];
    live.on('sprint:place', () => places.push(Date.now()));
    await sleep(600);
    expect(ticks.length).toBeGreaterThan(2);
    expect(places.length).toBeGreaterThan(0);

    // Dropped; its only messages so far were ticks and places. A cheer and several ticks while away.
    live.io.engine.close();
    await sleep(50);
    const cheered = new Promise((resolve) => live.once('sprint:cheer', resolve));
    await must(a.socket, 'sprint:cheer', { sprintId: sprint.id, toUserId: b.userId, reaction: '🔥' });
    const back = await new Promise<number>((resolve) => live.once('connect', () => resolve(Date.now())));
    expect(live.recovered).toBe(true);
    expect(await cheered).toMatchObject({ sprintId: sprint.id, toUserId: b.userId, reaction: '🔥' });
    await sleep(400);
    // No tick from while it was away is replayed; fresh ones come at once.
    const after = ticks.filter((t) => t.at >= back);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((t) => t.serverNow < back - 50)).toEqual([]);

    // What the node keeps for recovery: ticks only as their offset, places not at all, the cheer whole.
    const kept = (server.io.of('/').adapter as unknown as { packets: Array<{ data: unknown[] }> }).packets;
    expect(kept.some((p) => p.data[0] === 'sprint:cheer')).toBe(true);
    expect(kept.filter((p) => p.data[0] === 'sprint:tick' || p.data[0] === 'sprint:place')).toEqual([]);
    expect(kept.filter((p) => p.data.length === 0).length).toBeGreaterThan(0);
  });
});
