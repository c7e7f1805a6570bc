import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorAt, findAnchor } from '../../../shared/text/anchor';

const TEXT = 'The keeper climbed the stairs. The lamp was cold. She lit it anyway, and the sea answered.\n\nThe lamp was cold again by morning.';

describe('anchors', () => {
  it('finds a quote exactly at its old place', () => {
    const start = TEXT.indexOf('She lit it');
    const anchor = anchorAt(TEXT, start, start + 'She lit it anyway'.length);
    expect(findAnchor(TEXT, anchor)).toEqual({ start, end: start + 17, how: 'exact' });
  });

  it('finds a moved quote exactly, and picks the repeated one whose context matches', () => {
    const second = TEXT.lastIndexOf('The lamp was cold');
    const anchor = anchorAt(TEXT, second, second + 'The lamp was cold'.length);
    const edited = `A new opening line.\n\n${TEXT}`;
    expect(findAnchor(edited, anchor)).toEqual({ start: second + 21, end: second + 21 + 17, how: 'exact' });
  });

  it('finds a lightly edited quote approximately', () => {
    const start = TEXT.indexOf('She lit it anyway');
    const anchor = anchorAt(TEXT, start, start + 'She lit it anyway, and the sea answered.'.length);
    const edited = TEXT.replace('She lit it anyway, and the sea answered.', 'She lit it regardless, and the sea answered.');
    const match = findAnchor(edited, anchor);
    expect(match?.how).toBe('approximate');
    expect(edited.slice(match!.start, match!.end)).toContain('regardless, and the sea answered');
  });

  it('gives up on a passage that is gone (the comment is then shown detached)', () => {
    const start = TEXT.indexOf('She lit it anyway');
    const anchor = anchorAt(TEXT, start, start + 'She lit it anyway, and the sea answered.'.length);
    expect(findAnchor(TEXT.replace('She lit it anyway, and the sea answered.', ''), anchor)).toBeNull();
    expect(findAnchor('', anchor)).toBeNull();
  });

  it('does not trust very short quotes approximately', () => {
    const anchor = anchorAt('a cat sat', 2, 5);
    expect(findAnchor('a dog sat', anchor)).toBeNull();
  });

  // Property: edits anywhere that do not touch the quote (insertions and deletions before or
  // after it) must re-anchor exactly, at the quote's new offset.
  it('re-anchors exactly after random edits that do not touch the quote', () => {
    const words = fc.constantFrom('river', 'lamp', 'stone', 'night', 'keeper', 'gull', 'salt', 'rope', 'tide', 'window', '—', ',', '.');
    const prose = fc.array(words, { minLength: 30, maxLength: 200 }).map((w) => w.join(' '));
    const edit = fc.record({ before: fc.boolean(), at: fc.nat(), del: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 60 }) });
    fc.assert(
      fc.property(prose, fc.nat(), fc.integer({ min: 8, max: 60 }), fc.array(edit, { maxLength: 6 }), (text, startSeed, length, edits) => {
        const start = startSeed % Math.max(1, text.length - length);
        const end = Math.min(text.length, start + length);
        fc.pre(end - start >= 8);
        const anchor = anchorAt(text, start, end);
        let before = text.slice(0, start);
        let after = text.slice(end);
        for (const e of edits) {
          if (e.before) {
            const at = e.at % (before.length + 1);
            before = before.slice(0, at) + e.insert + before.slice(at + Math.min(e.del, before.length - at));
          } else {
            const at = e.at % (after.length + 1);
            after = after.slice(0, at) + e.insert + after.slice(at + Math.min(e.del, after.length - at));
          }
        }
        const edited = before + anchor.quote + after;
        const match = findAnchor(edited, anchor);
        expect(match?.how).toBe('exact');
        expect(edited.slice(match!.start, match!.end)).toBe(anchor.quote);
        // The same quote may occur elsewhere by chance; when it occurs once, it must be this one.
        if (edited.indexOf(anchor.quote) === edited.lastIndexOf(anchor.quote)) expect(match!.start).toBe(before.length);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });
});
