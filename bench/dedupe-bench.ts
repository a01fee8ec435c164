// dedupe: pairwise precision/recall/F1 of `winnow dedupe FILE --clusters` on labeled sets (Febrl, Splink, our generated US
// lists), and its end-to-end speed on 100k and 1M generated rows (ratio 1M/100k, peak RSS).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { pairScores, type PairScores } from '../src/domain/match/evaluate';
import { runMeasured, type RunResult } from './import-bench';

export interface LabeledSet {
  name: string;
  file: string;
  /** Entity label of each data row, in file order. */
  truth: () => string[];
}

function readCsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return parsed.data.map((r) => r.map((c) => c.trim()));
}

/** The labeled sets in ../shared/data: Febrl rec_id "rec-N-org"/"rec-N-dup-K" (N is the person), Splink's cluster column. */
export function sharedSets(sharedData: string): LabeledSet[] {
  const febrl = (name: string) => ({
    name: `febrl ${name}`,
    file: path.join(sharedData, 'febrl', `${name}.csv`),
    truth: () => readCsv(path.join(sharedData, 'febrl', `${name}.csv`)).slice(1).map((r) => /^rec-(\d+)-/.exec(r[0]!)?.[1] ?? r[0]!),
  });
  const splinkFile = path.join(sharedData, 'splink', 'fake_1000.csv');
  return [
    febrl('dataset1'),
    febrl('dataset2'),
    {
      name: 'splink fake_1000',
      file: splinkFile,
      truth: () => {
        const rows = readCsv(splinkFile);
        const at = rows[0]!.indexOf('cluster');
        return rows.slice(1).map((r) => r[at]!);
      },
    },
  ];
}

/** A generated list with its truth file (row,entity_id). */
export function generatedSet(name: string, file: string, truthFile: string): LabeledSet {
  return { name, file, truth: () => readCsv(truthFile).slice(1).map((r) => r[1]!) };
}

export interface DedupeQuality {
  set: string;
  scores: PairScores;
  run: RunResult;
}

/** Runs the CLI on one labeled set and scores its clusters. */
export async function dedupeQuality(set: LabeledSet, cli: string, tmp: string): Promise<DedupeQuality> {
  const out = path.join(tmp, `${set.name.replace(/\W+/g, '-')}-clusters.csv`);
  const run = await runMeasured(process.execPath, [cli, 'dedupe', set.file, '--clusters', out]);
  if (run.code !== 0) throw new Error(`winnow dedupe ${set.file} failed (exit ${run.code}): ${run.stderr.trim() || run.stdout.trim()}`);
  const rows = readCsv(out);
  if (rows[0]?.join(',') !== 'row,cluster') throw new Error(`${out}: header is not row,cluster`);
  const found = rows.slice(1).map((r) => r[1]!);
  const scores = pairScores(set.truth(), found);
  fs.rmSync(out, { force: true });
  return { set: set.name, scores, run };
}

export interface DedupeSpeed {
  rows: number;
  run: RunResult;
  scores: PairScores;
}

/** `winnow dedupe FILE --clusters` end to end (read, map, clean, match, write) on a generated list, scored against its truth. */
export async function dedupeSpeed(file: string, truthFile: string, rows: number, cli: string, tmp: string, log: (s: string) => void): Promise<DedupeSpeed> {
  const q = await dedupeQuality(generatedSet(`generated ${rows}`, file, truthFile), cli, tmp);
  log(`  ${q.set}: ${q.run.seconds.toFixed(2)} s, peak RSS ${q.run.peakRss ? Math.round(q.run.peakRss / 1048576) : '?'} MB, F1 ${q.scores.f1.toFixed(4)}`);
  return { rows, run: q.run, scores: q.scores };
}

export function qualityRow(q: DedupeQuality, target: number): string[] {
  const f = (x: number) => x.toFixed(4);
  return [q.set, q.scores.rows.toLocaleString('en-US'), q.scores.truePairs.toLocaleString('en-US'), f(q.scores.precision), f(q.scores.recall), f(q.scores.f1), `${q.run.seconds.toFixed(2)} s`, `≥ ${target}`, q.scores.f1 >= target ? 'ok' : 'MISSED'];
}
