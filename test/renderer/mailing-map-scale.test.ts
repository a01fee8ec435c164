// The map's colour scale: quantile classes of the positive counts (zeros are "nothing", not a class), the class of a count,
// legend labels, the count a layer shows, and miles as degrees of arc.
import { describe, expect, it } from 'vitest';
import { classOf, layerCount, legendLabels, milesToDegrees, PALETTES, quantileBreaks } from '../../renderer/src/mailing/map-scale';

describe('quantileBreaks', () => {
  it.each([
    [[], []],
    [[0, 0, 0], []],
    [[7], [7]],
    [[3, 3, 3, 3], [3]],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 4, 6, 8, 10]],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], [2, 4, 6, 8, 10]],
    [[1, 1, 1, 1, 1, 1, 1, 1, 2, 50], [1, 2, 50]],
    [[1, 2], [1, 2]],
  ])('%j → %j', (values, breaks) => {
    expect(quantileBreaks(values)).toEqual(breaks);
  });

  it('every positive count falls in a class, the largest in the last, and classes never outnumber the palette', () => {
    const values = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 97) + (i % 3 === 0 ? 0 : 1));
    const breaks = quantileBreaks(values);
    expect(breaks.length).toBeLessThanOrEqual(PALETTES.light.classes.length);
    expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
    for (const v of values) {
      const c = classOf(v, breaks);
      if (v === 0) expect(c).toBe(-1);
      else {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(breaks[c]!);
        if (c > 0) expect(v).toBeGreaterThan(breaks[c - 1]!);
      }
    }
    expect(classOf(Math.max(...values), breaks)).toBe(breaks.length - 1);
  });
});

describe('classOf', () => {
  it.each([
    [0, [2, 4, 6], -1],
    [-1, [2, 4, 6], -1],
    [1, [2, 4, 6], 0],
    [2, [2, 4, 6], 0],
    [3, [2, 4, 6], 1],
    [6, [2, 4, 6], 2],
    [99, [2, 4, 6], 2],
    [5, [], -1],
  ])('classOf(%d, %j) = %d', (v, breaks, out) => {
    expect(classOf(v, breaks)).toBe(out);
  });
});

describe('legendLabels', () => {
  it.each([
    [[1], ['1']],
    [[1, 3, 9, 51], ['1', '2–3', '4–9', '10–51']],
    [[2, 4, 1200], ['1–2', '3–4', '5–1,200']],
  ])('%j → %j', (breaks, labels) => {
    expect(legendLabels(breaks)).toEqual(labels);
  });
});

describe('layers and distances', () => {
  it('each layer shows its own count', () => {
    const a = { customers: 1, prospects: 2, kept: 3 };
    expect([layerCount(a, 'customers'), layerCount(a, 'prospects'), layerCount(a, 'kept')]).toEqual([1, 2, 3]);
  });

  it.each([
    [69.05, 1],
    [0, 0],
    [50, 0.7241],
  ])('%d miles ≈ %d degrees of arc', (miles, deg) => {
    expect(milesToDegrees(miles)).toBeCloseTo(deg, 3);
  });
});
