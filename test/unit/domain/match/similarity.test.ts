// String similarity for matching: published Jaro-Winkler values, the fast bound agreeing with the full computation, one-edit checks, folding.
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { foldKey, jaro, jaroWinkler, jaroWinklerAtLeast, tokenSetSimilarity, withinOneEdit } from '../../../../src/domain/match/similarity';

describe('Jaro and Jaro-Winkler', () => {
  // Values from Winkler (1990) and the usual textbook examples.
  it.each([
    ['martha', 'marhta', 0.944, 0.961],
    ['dixon', 'dicksonx', 0.767, 0.813],
    ['dwayne', 'duane', 0.822, 0.84],
    ['jellyfish', 'smellyfish', 0.896, 0.896],
    ['abc', 'abc', 1, 1],
    ['abc', 'xyz', 0, 0],
  ])('%s / %s → Jaro %f, Jaro-Winkler %f', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
  });

  it('is symmetric and between 0 and 1 (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(x - jaroWinkler(b, a))).toBeLessThan(1e-12);
      }),
      { numRuns: 2000 },
    );
  });

  it('the bounded check answers exactly as the full score does (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeilmnorst '), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.constantFrom(0.8, 0.88, 0.9, 0.92, 0.95), (a, b, t) => {
        expect(jaroWinklerAtLeast(a, b, t)).toBe(jaroWinkler(a, b) >= t);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['smith', 'smyth', true],
    ['smith', 'smiht', true],
    ['smith', 'smit', true],
    ['smith', 'smiths', true],
    ['smith', 'smythe', false],
    ['19710624', '19710642', true],
    ['19710624', '19720625', false],
  ])('%s / %s → %s', (a, b, expected) => expect(withinOneEdit(a, b)).toBe(expected));

  it('is true exactly when Levenshtein ≤ 1 or one swap of neighbours (property)', () => {
    const s = fc.string({ unit: fc.constantFrom(...'abcd'), maxLength: 7 });
    fc.assert(
      fc.property(s, s, (a, b) => {
        const swap = a.length === b.length && [...a].some((_, i) => i + 1 < a.length && a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) === b);
        expect(withinOneEdit(a, b)).toBe(distance(a, b) <= 1 || swap);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('foldKey', () => {
  it.each([
    ["O'Brien-Smith, Jr.", 'obrien smith jr'],
    ['  JOSÉ   Müller ', 'jose muller'],
    ['McDonald', 'mcdonald'],
    ['', ''],
    ['---', ''],
  ])('%j → %j', (raw, folded) => expect(foldKey(raw)).toBe(folded));

  it('folding twice equals folding once, and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const once = foldKey(s);
        expect(foldKey(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('tokenSetSimilarity', () => {
  it.each([
    ['main st', 'n main st', 1],
    ['main st', 'main ave', 0.5],
    ['n e', 'n e st', 0],
    ['acme widgets', 'acme widget', 1],
  ])('%s / %s → %f', (a, b, x) => expect(tokenSetSimilarity(a, b)).toBeCloseTo(x, 5));
});
