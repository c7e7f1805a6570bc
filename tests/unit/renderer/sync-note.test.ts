import { describe, expect, it } from 'vitest';
import { syncNote } from '../../../renderer/src/ui/sync-note';

describe('the note beside a writer’s post or suggestion on its way to the server', () => {
  it('says nothing once synced, that it waits (and why, when the server said), or that it was refused and why', () => {
    expect(syncNote({ syncState: 'synced', syncError: null })).toBeNull();
    expect(syncNote({ syncState: 'pending', syncError: null })).toBe('waiting to be sent');
    expect(syncNote({ syncState: 'pending', syncError: 'You have posted a lot in a short time. Try again in 42 min.' })).toBe('waiting: You have posted a lot in a short time. Try again in 42 min.');
    expect(syncNote({ syncState: 'failed', syncError: 'You are suspended until Friday.' })).toBe('not sent: You are suspended until Friday.');
    expect(syncNote({ syncState: 'failed', syncError: null })).toBe('not sent: refused');
  });
});
