import { describe, expect, it } from 'vitest';
import { CARD_GAP, stackCards } from '../../../renderer/src/panels/critique/margin-layout';

describe('margin cards beside their passages', () => {
  it('each beside its passage when there is room, in text order', () => {
    expect(stackCards([{ id: 'b', top: 400, height: 100 }, { id: 'a', top: 100, height: 100 }], null)).toEqual([{ id: 'a', top: 100 }, { id: 'b', top: 400 }]);
  });

  it('pushed down without overlapping; unfound passages go last', () => {
    const placed = stackCards([{ id: 'a', top: 100, height: 120 }, { id: 'b', top: 110, height: 50 }, { id: 'x', top: null, height: 40 }, { id: 'c', top: 150, height: 50 }], null);
    expect(placed).toEqual([
      { id: 'a', top: 100 },
      { id: 'b', top: 100 + 120 + CARD_GAP },
      { id: 'c', top: 100 + 120 + CARD_GAP + 50 + CARD_GAP },
      { id: 'x', top: 100 + 120 + CARD_GAP + 50 + CARD_GAP + 50 + CARD_GAP },
    ]);
  });

  it('the active card sits beside its passage and the ones before it move up', () => {
    const placed = stackCards([{ id: 'a', top: 100, height: 120 }, { id: 'b', top: 110, height: 50 }, { id: 'c', top: 150, height: 50 }], 'b');
    expect(placed).toEqual([
      { id: 'a', top: 110 - CARD_GAP - 120 },
      { id: 'b', top: 110 },
      { id: 'c', top: 110 + 50 + CARD_GAP },
    ]);
  });
});
