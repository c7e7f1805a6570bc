import { describe, expect, it } from 'vitest';
import { studioMethods } from '../../../shared/api/studio-methods';
import { studioInputs } from '../../../shared/schemas/studio';

describe('the plain list of StudioApi methods (the preload bundles no zod)', () => {
  it('names exactly the methods of studioInputs, once each', () => {
    const listed = [...studioMethods];
    const schemas = Object.keys(studioInputs);
    expect(new Set(listed).size, 'a method is listed twice').toBe(listed.length);
    const missing = schemas.filter((m) => !listed.includes(m as never));
    const extra = listed.filter((m) => !schemas.includes(m));
    expect({ missing, extra }, 'shared/api/studio-methods.ts and studioInputs must name the same methods').toEqual({ missing: [], extra: [] });
  });
});
