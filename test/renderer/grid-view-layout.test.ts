// The grid's view state as pure functions: header clicks cycle sort keys (Shift adds one), facet picks toggle values, the
// view sent to the engine, and the column layout (show/hide, move, pin) keeps every column exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLayout, fitLayout, moveColumn, pinThrough, shownColumns, toggleColumn } from '../../renderer/src/grid/column-layout';
import { conditionComplete, describeCondition, opsFor } from '../../renderer/src/grid/view-targets';
import { apiView, cycleSort, EMPTY_LIST_VIEW, narrows, toggleFacetValue } from '../../renderer/src/state/grid-view-store';

const A = { column: 0 };
const B = { column: 1 };

describe('cycleSort', () => {
  it('a click sorts A→Z, again Z→A, a third time back to file order', () => {
    const one = cycleSort([], A, false);
    expect(one).toEqual([{ target: A, desc: false }]);
    const two = cycleSort(one, A, false);
    expect(two).toEqual([{ target: A, desc: true }]);
    expect(cycleSort(two, A, false)).toEqual([]);
  });
  it('a plain click on another column replaces the keys; Shift adds it after them', () => {
    expect(cycleSort([{ target: A, desc: true }], B, false)).toEqual([{ target: B, desc: false }]);
    expect(cycleSort([{ target: A, desc: true }], B, true)).toEqual([
      { target: A, desc: true },
      { target: B, desc: false },
    ]);
  });
  it('Shift on a key flips it in place, then drops it', () => {
    const keys = [
      { target: A, desc: false },
      { target: B, desc: false },
    ];
    expect(cycleSort(keys, A, true)).toEqual([
      { target: A, desc: true },
      { target: B, desc: false },
    ]);
    expect(cycleSort([{ target: A, desc: true }, { target: B, desc: false }], A, true)).toEqual([{ target: B, desc: false }]);
  });
  it('a plain click on one of several keys makes it the only key', () => {
    expect(cycleSort([{ target: A, desc: true }, { target: B, desc: false }], A, false)).toEqual([{ target: A, desc: false }]);
  });
});

describe('facet picks and the view sent to the engine', () => {
  it('toggles values of one facet and drops the facet when none is left', () => {
    let sel = toggleFacetValue([], { clean: 'state' }, 'CA');
    sel = toggleFacetValue(sel, { clean: 'state' }, 'NY');
    expect(sel).toEqual([{ target: { clean: 'state' }, values: ['CA', 'NY'] }]);
    sel = toggleFacetValue(sel, { clean: 'state' }, 'CA');
    sel = toggleFacetValue(sel, { clean: 'state' }, 'NY');
    expect(sel).toEqual([]);
  });
  it('asks for no view when nothing narrows or orders the list', () => {
    expect(apiView(EMPTY_LIST_VIEW)).toBeUndefined();
    expect(apiView({ ...EMPTY_LIST_VIEW, search: '   ' })).toBeUndefined();
    expect(narrows(EMPTY_LIST_VIEW)).toBe(false);
  });
  it('sends conditions and facet picks as AND filters (a facet’s values as one "in")', () => {
    const v = apiView({
      ...EMPTY_LIST_VIEW,
      conditions: [{ target: { clean: 'quality' }, op: 'gte', value: '80' }],
      facetSel: [{ target: { clean: 'state' }, values: ['CA', 'NY'] }],
      search: ' smith ',
    });
    expect(v).toEqual({
      filters: [
        { target: { clean: 'quality' }, op: 'gte', value: '80' },
        { target: { clean: 'state' }, op: 'in', values: ['CA', 'NY'] },
      ],
      sort: [],
      search: 'smith',
    });
  });
});

describe('conditions in words', () => {
  it('says what a condition does', () => {
    expect(describeCondition({ target: { column: 1 }, op: 'contains', value: 'son' }, [{ name: 'First' }, { name: 'Last' }] as never)).toBe('Last contains son');
    expect(describeCondition({ target: { clean: 'quality' }, op: 'between', value: 40, to: 70 }, [])).toBe('Quality between 40 and 70');
    expect(describeCondition({ target: { clean: 'issue' }, op: 'equals', value: 'email.typo' }, [], new Map([['email.typo', 'Likely e-mail typo']]))).toBe('Issue kind has Likely e-mail typo');
  });
  it('a condition that needs a value is not complete without one', () => {
    expect(conditionComplete({ target: A, op: 'contains', value: ' ' })).toBe(false);
    expect(conditionComplete({ target: A, op: 'isEmpty' })).toBe(true);
    expect(conditionComplete({ target: A, op: 'between', value: '1' })).toBe(false);
  });
  it('issue kinds are never offered an ordering operator', () => {
    expect(opsFor({ clean: 'issue' }).some((op) => ['gt', 'gte', 'lt', 'lte', 'between'].includes(op))).toBe(false);
  });
});

describe('column layout', () => {
  it('hides and shows a column; the last shown column cannot be hidden', () => {
    let l = toggleColumn(defaultLayout(3), 1);
    expect(shownColumns(l)).toEqual([0, 2]);
    l = toggleColumn(toggleColumn(l, 0), 2);
    expect(shownColumns(l)).toEqual([2]);
    l = toggleColumn(l, 1);
    expect(shownColumns(l)).toEqual([1, 2]);
  });
  it('moves a column among the shown ones, hidden columns keep their slot', () => {
    const l = moveColumn(toggleColumn(defaultLayout(4), 1), 3, -1);
    expect(shownColumns(l)).toEqual([0, 3, 2]);
    expect(l.order).toEqual([0, 1, 3, 2]);
  });
  it('pins through a column, again unpins; hiding a pinned column unpins one', () => {
    let l = pinThrough(defaultLayout(5), 1);
    expect(l.pinned).toBe(2);
    expect(pinThrough(l, 1).pinned).toBe(0);
    l = toggleColumn(l, 0);
    expect(l.pinned).toBe(1);
  });
  it('fits a saved layout to a list whose column count changed', () => {
    expect(fitLayout({ order: [2, 0, 7, 1], hidden: [7, 1], pinned: 9 }, 4)).toEqual({ order: [2, 0, 1, 3], hidden: [1], pinned: 3 });
  });
  it('any sequence of moves, hides and pins keeps every column exactly once and at least one shown', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('move' as const), col: fc.nat(7), by: fc.integer({ min: -3, max: 3 }) }),
      fc.record({ k: fc.constant('toggle' as const), col: fc.nat(7) }),
      fc.record({ k: fc.constant('pin' as const), col: fc.nat(7) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let l = defaultLayout(8);
        for (const o of ops) l = o.k === 'move' ? moveColumn(l, o.col, o.by) : o.k === 'toggle' ? toggleColumn(l, o.col) : pinThrough(l, o.col);
        expect([...l.order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(shownColumns(l).length).toBeGreaterThanOrEqual(1);
        expect(l.pinned).toBeLessThanOrEqual(shownColumns(l).length);
      }),
    );
  });
});
