// Exports a list or a mailing set to CSV or .xlsx: chosen fields (list columns, cleaned columns, mail-merge lines,
// scores), one piece per household or company, best-scored cap, ZIP order, one file per state / segment / score band;
// every cell neutralized against formula injection unless raw; every file written atomically.
import path from 'node:path';
import { WinnowError, type ListInfo } from '../api/contract';
import { cleanRecord, type CleanedRecord, type CleanTables } from '../domain/clean-record';
import { exportRow, needsClean, scoreBand, zipSortKey, type ExportField, type ExportScore } from '../domain/export/export-fields';
import { neutralizeRow } from '../domain/export/neutralize';
import { recordKey } from '../domain/export/postal-layout';
import { matchRecord } from '../domain/match/features';
import { householdKey } from '../domain/target/household';
import { cleanForIds, decodeClean } from '../store/clean';
import type { Db } from '../store/db';
import { editsForIds } from '../store/edits';
import { listRecordIds, recordId, rowsByNumber, MAX_ROWS_PER_LIST } from '../store/records';
import { latestRun, listMembers } from '../store/matches';
import { listScores } from '../store/scoring';
import { openAtomicFile, type AtomicFile } from './atomic-file';
import { valuesOf } from './clean-batch';
import { fieldColumns } from './clean-list';
import { csvLines } from './export-delimited';
import { recordsOf } from './lead-records';
import type { ProgressSink } from './progress';
import { xlsxWriter } from './xlsx-writer';

export const SPLIT_BY = ['state', 'segment', 'band'] as const;
export type SplitBy = (typeof SPLIT_BY)[number];
export const ONE_PER = ['household', 'company'] as const;
export type OnePer = (typeof ONE_PER)[number];

export interface ExportSetInput {
  list: ListInfo;
  outPath: string;
  fields: readonly ExportField[];
  /** CSV only: start the file with a UTF-8 byte-order mark, so Excel reads it as UTF-8. */
  bom: boolean;
  /** false (--raw) writes values exactly; true (default) neutralizes formula triggers. */
  neutralize: boolean;
  /** Only these records (a mailing's recipients); null: the whole list. */
  only: ReadonlySet<number> | null;
  /** One record per entity: record id → its entity (cluster) and whether it is the entity's surviving record. */
  entities: ReadonlyMap<number, { cluster: number; survivor: boolean }> | null;
  limit: number | null;
  sort: 'zip' | null;
  splitBy: SplitBy | null;
  /** Collect the written records with their household keys, for the mailing ledger. */
  recipients: boolean;
  freeMail: (d: string) => boolean;
  tables: () => CleanTables;
  signal: AbortSignal;
  progress: ProgressSink;
}

export interface ExportSetFile {
  /** The split value ("CA", "A1", "B"), or null for a single file. */
  key: string | null;
  fileName: string;
  path: string;
  rows: number;
}

export interface ExportSetOutput {
  files: ExportSetFile[];
  rowsWritten: number;
  /** Records of the list (or mailing) before one-per and the cap. */
  considered: number;
  /** Records left out as another record of the same household or company. */
  onePerDropped: number;
  /** Records left out by the cap. */
  limitDropped: number;
  recipients: { recordId: number; household: string }[];
  seconds: number;
}

const cancelled = () => new WinnowError('JOB_CANCELLED', 'The export was cancelled; no file was written.');

/** A split value as a file-name part: "CA", "A1"; records without one go to "unknown" / "unscored". */
export function splitFileName(outPath: string, key: string): string {
  const ext = path.extname(outPath);
  const safe = key.replace(/[^A-Za-z0-9_-]+/g, '_');
  return path.join(path.dirname(outPath), `${path.basename(outPath, ext)}-${safe}${ext}`);
}

/** What each selected record needs for choosing and ordering: read in one pass over the list's cleaned records. */
interface Planned {
  id: number;
  quality: number;
  zipKey: string;
  state: string;
  household: string;
}

export async function exportSet(db: Db, job: ExportSetInput): Promise<ExportSetOutput> {
  const started = performance.now();
  const { list } = job;
  const lo = recordId(list.id, 1);
  const hi = recordId(list.id, MAX_ROWS_PER_LIST);
  const wantsScores = job.limit !== null || job.splitBy === 'segment' || job.splitBy === 'band' || job.fields.some((f) => f.kind === 'named' && (f.name === 'score' || f.name === 'grade' || f.name === 'band'));
  const scores = wantsScores || job.entities ? listScores(db, lo, hi) : new Map<number, ExportScore>();
  if (job.limit !== null && scores.size === 0) {
    throw new WinnowError('NOT_FOUND', `--limit keeps the best-scored records, but no record of "${list.name}" has a score; run winnow score --project first.`, { listId: list.id });
  }

  // Pass 1: the records to write, with what choosing and ordering them needs.
  const planned: Planned[] = [];
  job.progress({ phase: 'choosing records', rows: 0, done: 0, total: list.rowCount });
  const plain = !job.only && !job.entities && job.limit === null && job.sort === null && job.splitBy !== 'state' && !job.recipients;
  // Nothing to choose by the clean: every record, in list order, without reading (or cleaning) the list twice.
  if (plain) for (const id of listRecordIds(db, list.id)) planned.push({ id, quality: 0, zipKey: '', state: '', household: '' });
  for (const batch of plain ? [] : recordsOf(db, list, job.tables, job.signal)) {
    if (job.signal.aborted) throw cancelled();
    for (const r of batch) {
      if (job.only && !job.only.has(r.id)) continue;
      planned.push({
        id: r.id,
        quality: r.clean.quality,
        zipKey: job.sort === 'zip' ? zipSortKey(r.clean) : '',
        state: r.clean.state,
        household: job.recipients ? householdKey(matchRecord(r.values, r.clean, job.freeMail)) : '',
      });
    }
    job.progress({ phase: 'choosing records', rows: planned.length, done: planned.length, total: list.rowCount });
  }
  const considered = planned.length;
  const fit = (id: number) => scores.get(id)?.fit ?? -1;
  // Better first: higher score, then the merge/purge survivor, then higher quality, then earlier in the list.
  const better = (a: Planned, b: Planned) => fit(b.id) - fit(a.id) || Number(job.entities?.get(b.id)?.survivor ?? false) - Number(job.entities?.get(a.id)?.survivor ?? false) || b.quality - a.quality || a.id - b.id;

  let chosen = planned;
  if (job.entities) {
    const best = new Map<number, Planned>();
    const alone: Planned[] = [];
    for (const p of chosen) {
      const e = job.entities.get(p.id);
      if (!e) {
        alone.push(p);
        continue;
      }
      const cur = best.get(e.cluster);
      if (!cur || better(p, cur) < 0) best.set(e.cluster, p);
    }
    chosen = [...alone, ...best.values()].sort((a, b) => a.id - b.id);
  }
  const onePerDropped = considered - chosen.length;
  let limitDropped = 0;
  if (job.limit !== null && chosen.length > job.limit) {
    const keep = new Set([...chosen].sort(better).slice(0, job.limit).map((p) => p.id));
    limitDropped = chosen.length - keep.size;
    chosen = chosen.filter((p) => keep.has(p.id));
  }
  if (job.sort === 'zip') chosen.sort((a, b) => (a.zipKey < b.zipKey ? -1 : a.zipKey > b.zipKey ? 1 : a.id - b.id));

  // One group per file; files are written (and printed) in key order.
  const groups = new Map<string | null, Planned[]>();
  const keyOf = (p: Planned): string | null => {
    switch (job.splitBy) {
      case 'state':
        return p.state || 'unknown';
      case 'segment':
        return scores.get(p.id)?.grade || 'unscored';
      case 'band': {
        const s = scores.get(p.id);
        return s ? scoreBand(s.fit) : 'unscored';
      }
      default:
        return null;
    }
  };
  for (const p of chosen) {
    const k = keyOf(p);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(p);
  }
  if (groups.size === 0) groups.set(job.splitBy ? 'none' : null, []);
  const keys = [...groups.keys()].sort((a, b) => String(a).localeCompare(String(b)));

  // Pass 2: write each file under a temporary name; rename them all only when every one is complete.
  const xlsx = /\.xlsx$/i.test(job.outPath);
  const delimiter = /\.(tsv|tab)$/i.test(job.outPath) ? '\t' : ',';
  const unparse = csvLines(delimiter, '\r\n');
  const clean = needsClean(job.fields);
  const columns = fieldColumns(list);
  const header = job.fields.map((f) => f.header);
  const safe = (row: readonly string[]) => (job.neutralize ? neutralizeRow(row) : row);
  const open: AtomicFile[] = [];
  const files: ExportSetFile[] = [];
  let written = 0;
  try {
    for (const key of keys) {
      const members = groups.get(key)!;
      const target = key === null ? job.outPath : splitFileName(job.outPath, key);
      const file = openAtomicFile(target);
      open.push(file);
      const sheet = xlsx ? xlsxWriter({ write: (b) => file.write(b) }, key === null ? 'Mailing' : key, safe(header)) : null;
      if (!sheet) await file.write((job.bom ? '\uFEFF' : '') + unparse([safe(header)]) + '\r\n');
      for (let at = 0; at < members.length; at += 500) {
        if (job.signal.aborted) throw cancelled();
        const ids = members.slice(at, at + 500).map((p) => p.id);
        const rows = rowsFor(db, list, ids, job.fields, clean, columns, job.tables, scores).map(safe);
        if (sheet) await sheet.addRows(rows);
        else await file.write(`${unparse(rows)}\r\n`);
        written += rows.length;
        job.progress({ phase: 'writing', rows: written, done: written, total: chosen.length });
      }
      if (sheet) await sheet.finish();
      await file.close();
      files.push({ key, fileName: path.basename(target), path: target, rows: members.length });
    }
    for (const f of open) await f.commit();
  } catch (err) {
    for (const f of open) await f.abort();
    throw err;
  }
  const recipients = job.recipients ? chosen.map((p) => ({ recordId: p.id, household: p.household })) : [];
  return { files, rowsWritten: written, considered, onePerDropped, limitDropped, recipients, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

/** Output rows of some records, in the order asked: their cells with the user's edits, cleaned when a field needs it. */
function rowsFor(
  db: Db,
  list: ListInfo,
  ids: readonly number[],
  fields: readonly ExportField[],
  clean: boolean,
  columns: ReturnType<typeof fieldColumns>,
  tables: () => CleanTables,
  scores: ReadonlyMap<number, ExportScore>,
): string[][] {
  const rowNos = ids.map((id) => id - recordId(list.id, 0));
  const raw = new Map(rowsByNumber(db, list.id, rowNos).map((r) => [recordId(list.id, r.rowNo), r.cells]));
  const edits = editsForIds(db, ids);
  const stored = clean && list.clean ? cleanForIds(db, ids) : null;
  return ids.map((id) => {
    const e = edits.get(id);
    const base = raw.get(id) ?? [];
    const cells = e ? base.map((c, i) => e.get(i) ?? c) : base;
    let r: CleanedRecord | null = null;
    if (clean) {
      const s = stored?.get(id);
      r = s ? decodeClean(s) : cleanRecord(valuesOf(cells, columns), tables());
    }
    return exportRow(fields, cells, r, scores.get(id), recordKey(list.id, id - recordId(list.id, 0)));
  });
}

/**
 * The newest merge/purge run at `level` that covers the list and is current: made after the list was imported and last
 * cleaned (an edit re-cleans, so it counts too). Null when there is none: the export then runs the matching itself.
 */
export function currentMatchRun(db: Db, list: ListInfo, level: OnePer): number | null {
  const run = latestRun(db, level);
  if (!run || !run.lists.includes(list.id)) return null;
  const changed = [list.importedAt, list.clean?.cleanedAt ?? ''].reduce((a, b) => (a > b ? a : b));
  return run.createdAt >= changed ? run.id : null;
}

/** Each record of the list in a cluster of the run: its cluster and whether it survives it. */
export function entitiesOf(db: Db, runId: number, listId: number): Map<number, { cluster: number; survivor: boolean }> {
  return new Map(listMembers(db, runId, listId).map((m) => [m.recordId, { cluster: m.cluster, survivor: m.survivor === 1 }]));
}
