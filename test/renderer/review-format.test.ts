// The Duplicates view's pure helpers: review shortcuts, signed weights and their bars, probabilities, side-by-side rows, queue paging.
import { describe, expect, it } from 'vitest';
import type { PairSide } from '../../src/api/contract';
import { clampIndex, formatProbability, formatWeight, isTypingTarget, pageOffset, pairRows, reviewCommand, weightShare, weightTone } from '../../renderer/src/duplicates/review-format';

describe('reviewCommand', () => {
  it.each([
    ['m', 'same'],
    ['M', 'same'],
    ['n', 'different'],
    ['N', 'different'],
    ['s', 'next'],
    ['S', 'next'],
    ['ArrowRight', 'next'],
    ['ArrowLeft', 'prev'],
    ['x', null],
    ['Enter', null],
    [' ', null],
  ])('%s → %s', (key, cmd) => {
    expect(reviewCommand({ key })).toBe(cmd);
  });

  it('leaves keys with a modifier to the app and the browser (Ctrl+N, Cmd+M, Alt+←)', () => {
    expect(reviewCommand({ key: 'n', ctrlKey: true })).toBeNull();
    expect(reviewCommand({ key: 'm', metaKey: true })).toBeNull();
    expect(reviewCommand({ key: 'ArrowLeft', altKey: true })).toBeNull();
  });

  it('knows which targets type', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('weights', () => {
  it.each([
    [10.24, '+10.2'],
    [-4.26, '−4.3'],
    [0.04, '0.0'],
    [-0.04, '0.0'],
    [3, '+3.0'],
    [Number.NaN, '—'],
  ])('formatWeight(%s) = %s', (w, text) => {
    expect(formatWeight(w)).toBe(text);
  });

  it('scales bars against the strongest weight, never past the half track, and weak evidence stays short', () => {
    expect(weightShare(10, 10)).toBe(1);
    expect(weightShare(-5, 10)).toBe(0.5);
    expect(weightShare(20, 10)).toBe(1);
    expect(weightShare(1, 1)).toBe(0.25);
    expect(weightShare(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it('tones: for, against, neutral', () => {
    expect(weightTone(2)).toBe('for');
    expect(weightTone(-2)).toBe('against');
    expect(weightTone(0.01)).toBe('neutral');
  });
});

describe('formatProbability', () => {
  it.each([
    [0.46, '46%'],
    [0.5, '50%'],
    [0.001, '<1%'],
    [0.999, '>99%'],
    [1, '100%'],
    [0, '0%'],
  ])('%s → %s', (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });
});

describe('pairRows', () => {
  const side = (fields: PairSide['fields']): PairSide => ({ listId: 1, rowNo: 1, listName: 'L', fields });
  const f = (field: string, raw: string, cleaned: string, differs = false) => ({ field, label: field.toUpperCase(), raw, cleaned, differs });

  it('lines the two sides up by field, in A’s order, with fields only B has at the end', () => {
    const rows = pairRows({ a: side([f('first', 'Bob', 'BOB', true), f('zip', '1', '1')]), b: side([f('zip', '1', '1'), f('first', 'Robert', 'ROBERT', true), f('email', 'x', 'x')]) });
    expect(rows.map((r) => [r.field, r.a?.raw ?? null, r.b?.raw ?? null, r.differs])).toEqual([
      ['first', 'Bob', 'Robert', true],
      ['zip', '1', '1', false],
      ['email', null, 'x', false],
    ]);
  });

  it('marks a field as differing when either side says so', () => {
    const rows = pairRows({ a: side([f('city', 'A', 'A')]), b: side([f('city', 'B', 'B', true)]) });
    expect(rows[0]!.differs).toBe(true);
  });
});

describe('queue position', () => {
  it('pages hold 50 pairs', () => {
    expect(pageOffset(0, 50)).toBe(0);
    expect(pageOffset(49, 50)).toBe(0);
    expect(pageOffset(50, 50)).toBe(50);
    expect(pageOffset(-1, 50)).toBe(0);
  });

  it('stays at the same position after a decision (the next pair), within a shrinking queue', () => {
    expect(clampIndex(3, 10)).toBe(3);
    expect(clampIndex(9, 9)).toBe(8);
    expect(clampIndex(0, 0)).toBe(0);
    expect(clampIndex(-2, 5)).toBe(0);
  });
});
