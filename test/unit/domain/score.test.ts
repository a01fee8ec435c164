// Response modelling's pure parts: AUC and folds, reading columns as numbers / dates / categories, the logistic model
// recovering known weights, trees finding an interaction a straight line cannot, explanations that add up to the score,
// and training on a file with a planted pattern (recovered, named in the reasons, leaks flagged).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONSE_HEADER, PLANTED, responseRow } from '../../../bench/generate/response';
import { binOf, encode, isMissing, parseDay, parseNumber, profileColumns } from '../../../src/domain/score/features';
import { binned, boostedMargins, boostedParts, fitBoosted } from '../../../src/domain/score/gbt';
import { fitLogistic, logisticMargins } from '../../../src/domain/score/logistic';
import { auc, gains, mailToReach, stratifiedFolds } from '../../../src/domain/score/metrics';
import { columnsFor, importance, labelsOf, scoreRows, train } from '../../../src/domain/score/train';
import { seededRandom } from '../../../src/domain/random';

describe('metrics', () => {
  it('AUC is the chance a positive outscores a negative, ties counting half', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([5, 5, 5, 5], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([1, 2], [1, 1])).toBe(0.5);
  });

  it('AUC equals the share of positive–negative pairs ordered right (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { minLength: 2, maxLength: 40 }), (rows) => {
        const s = rows.map(([x]) => x);
        const y = rows.map(([, b]) => (b ? 1 : 0));
        let good = 0;
        let pairs = 0;
        for (let i = 0; i < rows.length; i++) for (let j = 0; j < rows.length; j++) if (y[i] === 1 && y[j] === 0) {
          pairs++;
          good += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
        expect(auc(s, y)).toBeCloseTo(pairs === 0 ? 0.5 : good / pairs, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('stratified folds share out positives and negatives evenly', () => {
    const y = Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const fold = stratifiedFolds(y, 5, 3);
    for (let k = 0; k < 5; k++) {
      const rows = [...fold.keys()].filter((i) => fold[i] === k);
      const pos = rows.filter((i) => y[i] === 1).length;
      expect(pos).toBeGreaterThanOrEqual(2);
      expect(pos).toBeLessThanOrEqual(3);
      expect(rows.length).toBeGreaterThanOrEqual(20);
    }
  });

  it('gains and "mail the top N" follow the score order', () => {
    const s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0];
    const y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    const g = gains(s, y, 5);
    expect(g[0]).toEqual({ depth: 0.2, mailed: 2, responders: 2, captured: 2 / 3, lift: (2 / 2) / (3 / 10) });
    expect(g[4]!.captured).toBe(1);
    expect(mailToReach(s, y, 0.5)).toBe(2);
    expect(mailToReach(s, y, 1)).toBe(4);
  });
});

describe('reading columns', () => {
  it.each([
    ['42', 42],
    ['1,234.50', 1234.5],
    ['$12', 12],
    ['45%', 45],
    ['(12.00)', -12],
    ['-3e2', -300],
    ['12 Main St', NaN],
    ['1,23', NaN],
    ['', NaN],
  ])('number %j → %d', (cell, n) => {
    expect(parseNumber(cell)).toBe(n);
  });

  it.each([
    ['2024-03-05', Date.UTC(2024, 2, 5) / 86_400_000],
    ['3/5/2024', Date.UTC(2024, 2, 5) / 86_400_000],
    ['3/5/99', Date.UTC(1999, 2, 5) / 86_400_000],
    ['13/45/2024', NaN],
    ['yesterday', NaN],
  ])('date %j', (cell, days) => {
    expect(parseDay(cell)).toBe(days);
  });

  it('treats NA-like cells as missing but keeps "unknown" and "none" as categories', () => {
    expect(['', ' ', 'NA', 'n/a', 'NULL', '?'].every((c) => isMissing(c))).toBe(true);
    expect(isMissing('unknown')).toBe(false);
    expect(isMissing('none')).toBe(false);
  });

  it('profiles numbers, dates and categories, and leaves out identifiers and constants with the reason', () => {
    const header = ['id', 'age', 'joined', 'plan', 'country', 'y'];
    const rows = Array.from({ length: 200 }, (_, i) => [`X${i}`, String(20 + (i % 50)), `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, ['gold', 'silver', 'basic'][i % 3]!, 'US', i % 7 ? 'no' : 'yes']);
    const { features, leftOut } = profileColumns(header, rows, { skip: new Set([5]) });
    expect(features.map((f) => [f.name, f.kind])).toEqual([['age', 'numeric'], ['joined', 'date'], ['plan', 'categorical']]);
    expect(leftOut).toEqual([
      { name: 'id', why: 'an identifier or free text (100% of values distinct)' },
      { name: 'country', why: 'one value only ("US")' },
    ]);
    const plan = features[2]!;
    // Most frequent first (gold and silver 67 rows each, basic 66).
    expect(plan.levels).toEqual(['gold', 'silver', 'basic']);
    const e = encode(features, [['', '', '', 'platinum', '', '']]);
    expect(Number.isNaN(e.values[0]![0]!)).toBe(true);
    expect(e.values[2]![0]).toBe(3);
    expect(encode(features, [['', '', '', 'basic', '', '']]).values[2]![0]).toBe(2);
    expect(binOf(plan, 3)).toBe(4);
    expect(binOf(features[0]!, NaN)).toBe(0);
  });
});

/** Rows from a known logistic model: y ~ Bernoulli(sigmoid(-1 + 1.5·x1 − 0.8·x2 + 1.0·[c = b])). */
function planted(n: number, seed: number) {
  const r = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = normal();
    const x2 = normal();
    const c = ['a', 'b', 'c'][Math.floor(r() * 3)]!;
    const z = -1 + 1.5 * x1 - 0.8 * x2 + (c === 'b' ? 1 : 0);
    rows.push([x1.toFixed(4), x2.toFixed(4), c, r() < 1 / (1 + Math.exp(-z)) ? '1' : '0']);
  }
  return rows;
}

describe('the logistic model', () => {
  it('recovers planted weights (per standard deviation) and category effects', () => {
    const rows = planted(20_000, 5);
    const { features } = profileColumns(['x1', 'x2', 'c', 'y'], rows, { skip: new Set([3]) });
    const data = encode(features, rows);
    const y = Uint8Array.from(rows, (r) => (r[3] === '1' ? 1 : 0));
    const m = fitLogistic(data, y, { l2: 0.01 });
    expect(m.weights[0]![0]! / features[0]!.sd!).toBeCloseTo(1.5, 1);
    expect(m.weights[1]![0]! / features[1]!.sd!).toBeCloseTo(-0.8, 1);
    const level = (name: string) => m.weights[2]![features[2]!.levels!.indexOf(name)]!;
    expect(Math.abs(level('b') - level('a') - 1)).toBeLessThan(0.15);
    expect(Math.abs(level('c') - level('a'))).toBeLessThan(0.15);
    expect(auc(logisticMargins(m, data), y)).toBeGreaterThan(0.8);
  });
});

describe('boosted trees', () => {
  it('find an interaction a straight line cannot, and each score splits into parts that add up', () => {
    // y = 1 when a and b agree (XOR-like), with noise.
    const r = seededRandom(9);
    const rows = Array.from({ length: 6000 }, () => {
      const a = r() < 0.5 ? 'yes' : 'no';
      const b = r() < 0.5 ? 'yes' : 'no';
      const y = (a === b) !== r() < 0.1 ? '1' : '0';
      return [a, b, (r() * 10).toFixed(2), y];
    });
    const { features } = profileColumns(['a', 'b', 'noise', 'y'], rows, { skip: new Set([3]) });
    const data = encode(features, rows);
    const y = Uint8Array.from(rows, (x) => (x[3] === '1' ? 1 : 0));
    const lm = fitLogistic(data, y);
    expect(auc(logisticMargins(lm, data), y)).toBeLessThan(0.6);
    const bins = binned(data);
    const all = Int32Array.from({ length: 6000 }, (_, i) => i);
    const bm = fitBoosted(data, bins, y, { train: all.subarray(0, 5000), valid: all.subarray(5000), params: { maxDepth: 2 } });
    const margins = boostedMargins(bm, bins, data.n);
    expect(auc(margins.subarray(5000), y.subarray(5000))).toBeGreaterThan(0.85);
    for (const i of [0, 17, 4242]) {
      const parts = boostedParts(bm, bins.map((b) => b[i]!), features.length);
      const roots = bm.trees.reduce((s, t) => s + t.value[0]!, 0);
      expect(bm.base + roots + parts.reduce((s, x) => s + x, 0)).toBeCloseTo(margins[i]!, 9);
      // The noise column hardly counts.
      expect(Math.abs(parts[2]!)).toBeLessThan(Math.abs(parts[0]!) + Math.abs(parts[1]!));
    }
  });
});

describe('labelsOf', () => {
  it('matches the positive value whatever its case, spaces or number format, and leaves out rows without an outcome', () => {
    const rows = [['Yes'], [' yes '], ['no'], [''], ['1.0'], ['1'], ['0']];
    expect(labelsOf(rows, 0, 'yes')).toEqual({ y: Uint8Array.from([1, 1, 0, 0, 0, 0]), kept: [0, 1, 2, 4, 5, 6] });
    expect(Array.from(labelsOf(rows, 0, '1').y)).toEqual([0, 0, 0, 1, 1, 0]);
  });
});

describe('train', () => {
  const rows = Array.from({ length: 8000 }, (_, i) => responseRow(11, i).cells);
  const model = train(RESPONSE_HEADER, rows, { outcome: 'y', positive: 'YES', folds: 3 });

  it('recovers the planted response pattern: AUC near what the true probabilities reach, on new rows too', () => {
    const fresh = Array.from({ length: 4000 }, (_, i) => responseRow(12, i));
    const truth = auc(fresh.map((r) => r.p), fresh.map((r) => (r.cells[21] === 'yes' ? 1 : 0)));
    const scored = scoreRows(model, fresh.map((r) => r.cells), columnsFor(model, RESPONSE_HEADER).at);
    const got = auc(scored.map((s) => s.probability), fresh.map((r) => (r.cells[21] === 'yes' ? 1 : 0)));
    expect(got).toBeGreaterThan(truth - 0.04);
    expect(model.cv.auc).toBeGreaterThan(0.7);
    expect(model.cv.logistic).toBeGreaterThan(0.7);
    expect(model.leftOut.map((l) => l.name)).toEqual(['customer_id']);
    expect(model.cv.gains[0]!.lift).toBeGreaterThan(2.5);
  });

  it('names planted attributes as the reasons and as the top factors', () => {
    const top = importance(model, RESPONSE_HEADER, rows).slice(0, 6).map((f) => f.name);
    expect(top.filter((name) => (PLANTED as readonly string[]).includes(name)).length).toBeGreaterThanOrEqual(5);
    // The best-scored rows are explained by planted attributes.
    const scored = scoreRows(model, rows.slice(0, 2000), columnsFor(model, RESPONSE_HEADER).at);
    const best = scored.map((s, i) => [s, i] as const).sort((a, b) => b[0].probability - a[0].probability).slice(0, 50);
    const named = best.flatMap(([s]) => s.reasons.map((r) => r.words.split(' ')[0]!));
    const plantedShare = named.filter((n) => (PLANTED as readonly string[]).includes(n)).length / named.length;
    expect(plantedShare).toBeGreaterThan(0.8);
    expect(best[0]![0].reasons[0]!.words).toMatch(/^(poutcome = success|month = (mar|sep|oct|dec)|age = \d+)$/);
  });

  it('warns about a column that leaks the outcome, and says how to leave it out', () => {
    const leaky = Array.from({ length: 3000 }, (_, i) => responseRow(13, i, true).cells);
    const header = [...RESPONSE_HEADER.slice(0, -1), 'duration', 'y'];
    const m = train(header, leaky, { outcome: 'y', positive: 'yes', folds: 3, logisticOnly: true });
    expect(m.warnings).toEqual([expect.stringMatching(/^Column "duration" alone predicts the outcome .* --ignore "duration"\.$/)]);
    const without = train(header, leaky, { outcome: 'y', positive: 'yes', folds: 3, logisticOnly: true, ignore: ['duration'] });
    expect(without.features.map((f) => f.name)).not.toContain('duration');
    expect(without.warnings).toEqual([]);
  });

  it('refuses in words: an unknown outcome column, a value no row has, a column to ignore that is not there', () => {
    expect(() => train(RESPONSE_HEADER, rows, { outcome: 'bought', positive: 'yes' })).toThrow(/There is no column "bought"; the columns are "customer_id", "age"/);
    expect(() => train(RESPONSE_HEADER, rows, { outcome: 'y', positive: 'maybe' })).toThrow(/No row has "y" = "maybe"; values seen: "(no|yes)", "(no|yes)"/);
    expect(() => train(RESPONSE_HEADER, rows, { outcome: 'y', positive: 'yes', ignore: ['nope'] })).toThrow(/--ignore names "nope"/);
  });
});
