import { randomBytes } from 'node:crypto';
import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/**
 * Sent again fresh the moment a socket is back (the ticker watches it again): no use replaying.
 * A tick (one per sprint room a second) keeps its offset, so every writer in a sprint has a
 * recent one to come back from; a place (one per writer every few seconds) keeps nothing.
 */
const OFFSET_ONLY = new Set(['sprint:tick']);
const NOT_KEPT = new Set(['sprint:place']);
/** Matches no session's rooms, so `restoreSession` passes the packet over. */
const NOBODY: BroadcastOptions = { rooms: new Set(['\0not replayed']), except: new Set() };
const NO_DATA: unknown[] = [];

interface Packet {
  type: number;
  id?: number;
  data?: unknown[];
}
interface Stored {
  id: string;
  opts: BroadcastOptions;
  data: unknown[];
  emittedAt: number;
}

/**
 * The adapter of a single node (no Redis): socket.io's connection state recovery, except for
 * sprint messages. socket.io kept every packet for the whole recovery window (two minutes), so
 * each writer's places, and the standings rows they point to, stayed in memory long after the
 * next tick replaced them. Now a tick is kept only as its offset (still sent, still found on
 * return, so a writer whose last messages were ticks recovers as before) and a place not at
 * all; what a writer missed of the sprint comes fresh from the ticker instead.
 */
export class RecoveryAdapter extends SessionAwareAdapter {
  private readonly prefix = randomBytes(4).toString('hex');
  private next = 0;

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    const event = packet.data?.[0];
    const sprintMessage = packet.type === 2 && packet.id === undefined && opts.flags?.volatile === undefined && typeof event === 'string';
    if (!sprintMessage || !(OFFSET_ONLY.has(event) || NOT_KEPT.has(event))) return super.broadcast(packet, opts);
    // The plain in-memory broadcast, without the recovery buffer's copy.
    if (NOT_KEPT.has(event)) return Adapter.prototype.broadcast.call(this, packet, opts);
    const id = `${this.prefix}${(this.next++).toString(36)}`;
    packet.data!.push(id); // where the client reads its offset, as socket.io does
    // The buffer socket.io's own broadcast pushes to (socket.io-adapter 2.5.8, pinned); it expires entries as usual.
    (this as unknown as { packets: Stored[] }).packets.push({ id, opts: NOBODY, data: NO_DATA, emittedAt: Date.now() });
    Adapter.prototype.broadcast.call(this, packet, opts);
  }
}
