import { describe, expect, it } from 'vitest';
import { createStudioCore } from '../../../../electron/core/studio-core';
import { tempDir } from '../../../helpers/temp-dir';

describe('"Saved" is durable', () => {
  it('runs WAL with synchronous=FULL, so a power cut cannot drop an acknowledged save', () => {
    const dir = tempDir();
    for (let open = 0; open < 2; open++) {
      const core = createStudioCore({ dataDir: dir, host: 'browser' });
      expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(core.db.pragma('synchronous', { simple: true })).toBe(2); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
      core.close();
    }
  });
});
