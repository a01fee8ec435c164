// What the Mailing view reads: removed records with their reasons, counts per ZIP3 area for the map, the ZIP centroids
// to draw areas with, and "where my best customers are".
import { WinnowError, type GeoArea, type GeoSummary, type ListInfo, type RemovedRecord } from '../api/contract';
import type { CleanedRecord } from '../domain/clean-record';
import { bestAreas, placeOf } from '../domain/target/geography';
import type { ZipTable } from '../domain/zip-data';
import { cleanRange } from '../store/clean';
import type { Db } from '../store/db';
import { editsInRange } from '../store/edits';
import { iterateRows, recordId } from '../store/records';
import { getTargetRun, latestTargetRun, removedCount, removedPage, zipCounts, type StoredTargetRun } from '../store/targeting';
import { readRecord } from './match-review';

const LIST_SHIFT = 4294967296;

export function targetRunFor(db: Db, runId: number | undefined): StoredTargetRun {
  const run = runId === undefined ? latestTargetRun(db) : getTargetRun(db, runId);
  if (!run) throw new WinnowError('NOT_FOUND', runId === undefined ? 'No mailing set has been built in this project yet.' : `There is no mailing run ${runId} (only the newest runs are kept).`, { runId });
  return run;
}

/** A cleaned record in a few words: "Robert Smith, Acme Inc, 12 MAIN ST APT 1, RENO NV 89501". */
export function summaryOf(c: CleanedRecord): string {
  const name = [c.firstName, c.lastName].filter((x) => x).join(' ');
  const place = [c.city, [c.state, c.zip5].filter((x) => x).join(' ')].filter((x) => x).join(' ');
  const address = [c.address1, c.address2].filter((x) => x).join(' ');
  const parts = [name, c.company, [address, place].filter((x) => x).join(', ')].filter((x) => x);
  if (parts.length === 0) parts.push(c.email || c.phone || '(empty record)');
  return parts.join(', ');
}

export function removedRecords(db: Db, run: StoredTargetRun, lists: ReadonlyMap<number, ListInfo>, step: number | null, offset: number, limit: number): { total: number; records: RemovedRecord[] } {
  if (step !== null && step >= run.result.steps.length) throw new WinnowError('INVALID_INPUT', `Run ${run.id} has steps 1 to ${run.result.steps.length - 1}; there is no step ${step}.`);
  const rows = removedPage(db, run.id, step, offset, limit);
  return {
    total: removedCount(db, run.id, step),
    records: rows.map((r) => {
      const { listId, rowNo, summary } = recordSummary(db, lists, r.recordId);
      return { listId, rowNo, step: r.step, reason: r.reason, summary };
    }),
  };
}

/** A record in a few words by its id, with its list and row; says so when the record or its clean is gone. */
export function recordSummary(db: Db, lists: ReadonlyMap<number, ListInfo>, id: number): { listId: number; rowNo: number; summary: string } {
  const listId = Math.floor(id / LIST_SHIFT);
  const rowNo = id % LIST_SHIFT;
  const list = lists.get(listId);
  if (!list) return { listId, rowNo, summary: '(the record is no longer in the project)' };
  try {
    return { listId, rowNo, summary: summaryOf(readRecord(db, list, rowNo).clean) };
  } catch {
    return { listId, rowNo, summary: `(row ${rowNo} has not been cleaned since)` };
  }
}

const areasOf = new WeakMap<ZipTable, Map<string, { state: string; place: string }>>();

/** The ZIP3 areas of the ZIP table: the state most of its ZIPs are in and the city of its first ZIP (worked out once). */
export function zip3Areas(zips: ZipTable): Map<string, { state: string; place: string }> {
  let known = areasOf.get(zips);
  if (!known) areasOf.set(zips, (known = areasFrom(zips)));
  return known;
}

function areasFrom(zips: ZipTable): Map<string, { state: string; place: string }> {
  const states = new Map<string, Map<string, number>>();
  const first = new Map<string, string>();
  for (const z of zips.values()) {
    const a = z.zip.slice(0, 3);
    if (!first.has(a)) first.set(a, z.city);
    let m = states.get(a);
    if (!m) states.set(a, (m = new Map()));
    m.set(z.state, (m.get(z.state) ?? 0) + 1);
  }
  const out = new Map<string, { state: string; place: string }>();
  for (const [a, m] of states) out.set(a, { state: [...m].sort((x, y) => y[1] - x[1])[0]![0], place: first.get(a)! });
  return out;
}

/** ZIP5 and state of a list's records: from the clean when the list was cleaned, else read from its ZIP and state columns. */
function zipStates(db: Db, l: ListInfo): { zip5: string; state: string; n: number }[] {
  if (l.clean) return zipCounts(db, l.id);
  const zipCol = l.columns.find((c) => c.field === 'zip')?.index;
  const stateCol = l.columns.find((c) => c.field === 'state')?.index;
  const out: { zip5: string; state: string; n: number }[] = [];
  for (const batch of iterateRows(db, l.id)) {
    for (const r of batch) {
      const zip = zipCol === undefined ? '' : (/^\s*(\d{5})(?:-?\d{4})?\s*$/.exec(r.cells[zipCol] ?? '')?.[1] ?? '');
      out.push({ zip5: zip, state: stateCol === undefined ? '' : (r.cells[stateCol] ?? ''), n: 1 });
    }
  }
  return out;
}

function zip3Counts(db: Db, lists: readonly ListInfo[], zips: ZipTable): { counts: Map<string, number>; unplaced: number } {
  const counts = new Map<string, number>();
  let unplaced = 0;
  for (const l of lists) {
    for (const r of zipStates(db, l)) {
      const p = placeOf(r.zip5, r.state, zips);
      if (p.zip3 === '') unplaced += r.n;
      else counts.set(p.zip3, (counts.get(p.zip3) ?? 0) + r.n);
    }
  }
  return { counts, unplaced };
}

/** Counts per ZIP3 area: customers (customer lists), prospects (the run's input, or every bought list) and the mailing set. */
export function geoSummary(db: Db, run: StoredTargetRun | null, lists: readonly ListInfo[], zips: ZipTable): GeoSummary {
  const customers = zip3Counts(db, lists.filter((l) => l.role === 'customers' && l.id !== run?.fromList), zips);
  const prospects = run ? null : zip3Counts(db, lists.filter((l) => l.role === 'prospects'), zips);
  const areas = zip3Areas(zips);
  const codes = new Set([...customers.counts.keys(), ...(prospects ? prospects.counts.keys() : Object.keys(run!.geo.zip3))]);
  const target = new Set(run?.geo.target ?? []);
  for (const a of target) codes.add(a);
  const out: GeoArea[] = [...codes].sort().map((zip3) => {
    const info = areas.get(zip3);
    const g = run?.geo.zip3[zip3];
    return {
      zip3,
      state: info?.state ?? '',
      place: info?.place ?? '',
      customers: customers.counts.get(zip3) ?? 0,
      prospects: prospects ? (prospects.counts.get(zip3) ?? 0) : (g?.[0] ?? 0),
      kept: g?.[1] ?? 0,
      target: target.has(zip3),
    };
  });
  return {
    areas: out,
    circles: run?.geo.circles ?? [],
    unplaced: { customers: customers.unplaced, prospects: prospects ? prospects.unplaced : (run?.geo.unplaced[0] ?? 0), kept: run?.geo.unplaced[1] ?? 0 },
  };
}

/** The bundled ZIP centroids as parallel arrays (ZIPs without a centroid left out). */
export function zipReference(zips: ZipTable): { zip3: string[]; lat: number[]; lon: number[] } {
  const out = { zip3: [] as string[], lat: [] as number[], lon: [] as number[] };
  for (const z of zips.values()) {
    if (z.lat === null || z.lon === null) continue;
    out.zip3.push(z.zip.slice(0, 3));
    out.lat.push(z.lat);
    out.lon.push(z.lon);
  }
  return out;
}

/** A money amount as people type it: "$1,234.50", "1234", "(12.00)" (negative). NaN when it is not one. */
export function parseAmount(text: string): number {
  const t = text.trim();
  if (t === '') return NaN;
  const negative = /^\(.*\)$/.test(t) || t.startsWith('-');
  const digits = t.replace(/[()$€£\s,-]/g, '');
  if (!/^\d+(\.\d+)?$/.test(digits)) return NaN;
  return (negative ? -1 : 1) * Number(digits);
}

/** "Where my best customers are": the fewest ZIP3 areas holding `percent` % of the customers, or of their purchase amount. */
export function bestCustomerAreas(
  db: Db,
  lists: readonly ListInfo[],
  by: 'customers' | 'amount',
  percent: number,
  zips: ZipTable,
): { zip3: string[]; by: 'customers' | 'amount'; covered: number; total: number; share: number } {
  if (lists.length === 0) throw new WinnowError('NOT_FOUND', 'This project has no customer list: import the house file as customers first.');
  const weights = new Map<string, number>();
  if (by === 'customers') {
    for (const [a, n] of zip3Counts(db, lists, zips).counts) weights.set(a, n);
  } else {
    const withAmount = lists.filter((l) => l.columns.some((c) => c.field === 'amount'));
    if (withAmount.length === 0) throw new WinnowError('INVALID_INPUT', 'No customer list has a column mapped to "amount" (what each customer spent); choose by customers instead.');
    for (const l of withAmount) {
      const col = l.columns.find((c) => c.field === 'amount')!.index;
      const zipCol = l.columns.find((c) => c.field === 'zip')?.index;
      for (const batch of iterateRows(db, l.id)) {
        if (batch.length === 0) continue;
        const lo = recordId(l.id, batch[0]!.rowNo);
        const hi = recordId(l.id, batch[batch.length - 1]!.rowNo);
        const clean = cleanRange(db, lo, hi);
        const edits = editsInRange(db, lo, hi);
        for (const r of batch) {
          const id = recordId(l.id, r.rowNo);
          const amount = parseAmount(edits.get(id)?.get(col) ?? r.cells[col] ?? '');
          const stored = clean.get(id);
          if (!Number.isFinite(amount) || amount <= 0) continue;
          const zipCell = zipCol === undefined ? '' : (edits.get(id)?.get(zipCol) ?? r.cells[zipCol] ?? '');
          const p = stored ? placeOf(stored.zip5, stored.state, zips) : placeOf(/^\s*(\d{5})/.exec(zipCell)?.[1] ?? '', '', zips);
          if (p.zip3 !== '') weights.set(p.zip3, (weights.get(p.zip3) ?? 0) + amount);
        }
      }
    }
  }
  const r = bestAreas(weights, percent);
  return { zip3: r.areas, by, covered: Math.round(r.covered * 100) / 100, total: Math.round(r.total * 100) / 100, share: r.share };
}

