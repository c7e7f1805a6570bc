import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../../server/store/group-commit';

describe('group commit', () => {
  it('writes the first item at once and the ones that arrive meanwhile together', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const write = groupCommit<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = write(1);
    const rest = [2, 3, 4].map((n) => write(n));
    await Promise.resolve();
    expect(writes).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch, and a failed write fails only its own batch', async () => {
    const writes: number[][] = [];
    const write = groupCommit<number>(async (items) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes(3)) throw new Error('disk full');
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => write(n)));
    expect(writes).toEqual([[1], [2, 3], [4, 5]]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    // And it keeps working afterwards.
    await write(6);
    expect(writes.at(-1)).toEqual([6]);
  });
});
