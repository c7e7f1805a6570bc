import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LocalPrompt, PromptsStudioOutputs } from '../../shared/api/prompts';
import type { OutboxStatus } from '../../shared/api/studio-api';
import type { Circle } from '../../shared/protocol/community-events';
import { POST_LIMITS } from '../../shared/rules/limits';
import { createCommunityServer } from '../../server/app';
import { openStore } from '../../server/store/open-store';
import { tempDir } from '../helpers/temp-dir';
import { call, studioFor, waitFor } from '../helpers/studio';

describe('prompt suggestions from a studio, through the posting gate', () => {
  it('suggesting too fast on a first day: the outbox waits out rate_limited with its retry-after, keeps the server’s reason beside the suggestion, and never marks it failed', async () => {
    const store = await openStore(`sqlite:${path.join(tempDir(), 'community.db')}`);
    const server = createCommunityServer({ store, logger: pino({ level: 'silent' }), postLimitScale: 1 });
    const url = `http://127.0.0.1:${await server.listen(0)}`;
    onTestFinished(() => server.close());
    const writer = await studioFor(url, 'keen_suggester');
    const circle = await call<Circle>(writer.core, 'circles.create', { name: 'Ideas' });
    const limit = POST_LIMITS.suggestion.firstDay.limit;
    const sent: LocalPrompt[] = [];
    for (let i = 0; i <= limit; i++) sent.push(await call<LocalPrompt>(writer.core, 'prompts.suggest', { circleId: circle.id, text: `Idea ${i}` }));
    await waitFor(async () => {
      const outbox = await call<OutboxStatus>(writer.core, 'sync.outbox');
      return outbox.pending === 1 && outbox.retryAt !== null;
    }, 'all but one suggestion were sent and the last waits');
    const outbox = await call<OutboxStatus>(writer.core, 'sync.outbox');
    expect(outbox.failed).toEqual([]);
    // It waits about as long as the server said (an hour's window on a first day), not a short backoff.
    expect(outbox.retryAt! - Date.now()).toBeGreaterThan(POST_LIMITS.suggestion.firstDay.windowMs - 5 * 60_000);
    const rows = await store.db.selectFrom('prompts').select('text').where('status', '=', 'suggested').orderBy('text').execute();
    expect(rows.map((r) => r.text)).toEqual(sent.slice(0, limit).map((p) => p.text));
    // The writer still sees the last one as theirs, waiting to be sent (not failed, not lost).
    const library = await call<PromptsStudioOutputs['prompts.library']>(writer.core, 'prompts.library', { circleId: circle.id, status: 'suggested' });
    const last = [...library.prompts, ...library.waiting].find((p) => p.id === sent[limit]!.id);
    expect(last).toMatchObject({ syncState: 'pending', text: `Idea ${limit}` });
    // With the server's words for why it waits, to show beside it ("waiting: …").
    expect(last!.syncError).toMatch(/^You have posted a lot in a short time\. Try again in \d+ min\.$/);
  });
});
