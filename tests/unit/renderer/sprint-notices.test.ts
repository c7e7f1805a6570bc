import { describe, expect, it } from 'vitest';
import { sprintNotice } from '../../../renderer/src/panels/sprint/sprint-notices';

describe('sprint notifications', () => {
  it('announces the start and the end of a sprint the writer is in, once each', () => {
    expect(sprintNotice('upcoming', 'running')).toEqual({ title: 'Sprint started', body: 'Write!' });
    expect(sprintNotice('running', 'grace')).toEqual({ title: 'Sprint over', body: 'See how it went.' });
    expect(sprintNotice('running', 'finished')).toMatchObject({ title: 'Sprint over' });
  });

  it('says nothing on ticks that change nothing, or when the studio joins a sprint already running', () => {
    expect(sprintNotice('running', 'running')).toBeNull();
    expect(sprintNotice(null, 'running')).toBeNull();
    expect(sprintNotice('grace', 'finished')).toBeNull();
    expect(sprintNotice('upcoming', 'upcoming')).toBeNull();
  });
});
