// Covers `winnow model train` (the report, its last line auc=0.812, the saved model, leaks warned, errors in words) and
// `winnow score FILE` (the file's columns plus score and reasons, in the file's row order).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeResponseFile } from '../../bench/generate/response';
import { parseCsv } from '../fixtures/csv';
import { cli } from '../fixtures/cli';
import { cleanupAfterEach, tempDir, writeFile } from '../fixtures/helpers';

cleanupAfterEach();

describe('winnow model train', () => {
  it('reports both models and ends with the cross-validated AUC; the saved model scores a new file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'campaign.csv');
    // The bank data's layout: semicolon-separated.
    writeResponseFile(file, 4000, 21, { delimiter: ';' });
    const model = path.join(dir, 'model.json');
    const r = await cli(['model', 'train', file, '--outcome', 'y', '--positive', 'yes', '--folds', '3', '--save', model]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[r.out.length - 1]).toMatch(/^auc=0\.\d{3}$/);
    expect(Number(r.out[r.out.length - 1]!.slice(4))).toBeGreaterThan(0.7);
    expect(r.out[0]).toMatch(/^Read 4,000 rows of campaign\.csv in [\d.]+ s: "y" = "yes" in [\d,]+ \([\d.]+%\)\.$/);
    expect(r.out).toEqual(expect.arrayContaining([
      'Left out: customer_id — an identifier or free text (100% of values distinct).',
      expect.stringMatching(/^3-fold cross-validation: logistic regression auc 0\.\d{4}; gradient-boosted trees auc 0\.\d{4} → kept (logistic regression|gradient-boosted trees)\.$/),
      'Model saved to model.json.',
    ]));
    const saved = JSON.parse(fs.readFileSync(model, 'utf8')) as { format: string; outcome: string; cv: { folds: number } };
    expect(saved).toEqual(expect.objectContaining({ format: 'winnow-response-model', outcome: 'y', cv: expect.objectContaining({ folds: 3 }) }));

    const fresh = path.join(dir, 'fresh.csv');
    writeResponseFile(fresh, 500, 22);
    const out = path.join(dir, 'scored.csv');
    const s = await cli(['score', fresh, '--model', model, '--out', out]);
    expect(s.err).toEqual([]);
    expect(s.out).toEqual([expect.stringMatching(/^Scored 500 rows into scored\.csv in [\d.]+ s \(average score [\d.]+\)\.$/)]);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), ',').filter((x) => x.length > 1);
    expect(rows[0]!.slice(-3)).toEqual(['y', 'score', 'reasons']);
    expect(rows).toHaveLength(501);
    expect(rows[1]![0]).toBe('C100000');
    for (const row of rows.slice(1)) {
      expect(Number(row[row.length - 2])).toBeGreaterThanOrEqual(0);
      expect(Number(row[row.length - 2])).toBeLessThanOrEqual(100);
      expect(row[row.length - 1]).toMatch(/^$|^[\w ]+ (=|missing)[^;]*\(\+\d+\.\d\d\)(; .*)?$/);
    }
  });

  it('warns about a column that leaks the outcome', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'leaky.csv');
    writeResponseFile(file, 3000, 23, { withLeak: true });
    const r = await cli(['model', 'train', file, '--outcome', 'y', '--positive', 'yes', '--folds', '3']);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith('Warning: '))).toEqual([expect.stringContaining('Column "duration" alone predicts the outcome')]);
  });

  it.each([
    [['--outcome', 'bought', '--positive', 'yes'], 1, /There is no column "bought"/],
    [['--outcome', 'y', '--positive', 'maybe'], 1, /No row has "y" = "maybe"/],
    [['--outcome', 'y'], 2, /--positive is required/],
    [['--outcome', 'y', '--positive', 'yes', '--folds', '1'], 2, /--folds must be a whole number from 2 to 20/],
  ])('refuses %j in words', async (args, code, message) => {
    const dir = tempDir();
    const file = writeFile(dir, 'small.csv', 'age,y\n30,yes\n40,no\n50,no\n60,yes\n');
    const r = await cli(['model', 'train', file, ...args]);
    expect(r.code).toBe(code);
    expect(r.err.join('\n')).toMatch(message);
  });

  it('refuses a file that is not a model, and a file without any of the model\'s columns', async () => {
    const dir = tempDir();
    const notModel = writeFile(dir, 'm.json', '{"hello": 1}');
    const data = writeFile(dir, 'd.csv', 'a,b\n1,2\n');
    const r = await cli(['score', data, '--model', notModel, '--out', path.join(dir, 'o.csv')]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/m\.json is not a model file Winnow wrote/);
  });
});
