// generateUsList: streams a messy US prospect list with known duplicates to disk, plus its truth file (row → entity).
import fs from 'node:fs';
import path from 'node:path';
import { makeEntity } from './entity';
import { hashKey, Rng } from './prng';
import { COLUMNS, renderRow } from './render';

export interface UsListOptions {
  rows: number;
  seed: number;
  /** Share of entities that have one to three duplicate rows (default 0.25). */
  dupRate?: number;
  /** Where to write the CSV. */
  out: string;
  /** Where to write `row,entity_id` (row = 1-based data row). */
  truthOut?: string;
  /** The first entity id of this list (default 1), so two lists can keep their entities apart. */
  firstEntityId?: number;
  /** Entities of another list (same seed) that also turn up here, once each, as a noisy row: list overlap. */
  sharedEntities?: readonly number[];
}

export interface UsListSummary {
  rows: number;
  entities: number;
  /** Entities with more than one row. */
  duplicatedEntities: number;
  bytes: number;
  seconds: number;
}

export const DEFAULT_DUP_RATE = 0.25;
/** Rows per write: big enough that the file system sees ~1–2 MB writes, small enough to keep memory flat. */
const CHUNK_ROWS = 8192;

/** Which entity (and which of its versions) each output row is, already shuffled. 5 bytes a row. */
export interface RowPlan {
  entity: Uint32Array;
  /** 0 = the original row of that entity, 1… = duplicates. */
  variant: Uint8Array;
  entities: number;
  duplicatedEntities: number;
}

export function planRows(opts: Pick<UsListOptions, 'rows' | 'seed' | 'dupRate' | 'firstEntityId' | 'sharedEntities'>): RowPlan {
  const { rows, seed } = opts;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`rows must be a whole number ≥ 0 (got ${rows})`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer (got ${seed})`);
  const dupRate = opts.dupRate ?? DEFAULT_DUP_RATE;
  if (!(dupRate >= 0 && dupRate <= 1)) throw new Error(`dupRate must be between 0 and 1 (got ${dupRate})`);
  const shared = opts.sharedEntities ?? [];
  if (shared.length > rows) throw new Error(`more shared entities (${shared.length}) than rows (${rows})`);
  const entity = new Uint32Array(rows);
  const variant = new Uint8Array(rows);
  const r = new Rng(hashKey(seed, 21));
  let n = 0;
  for (const id of shared) {
    entity[n] = id;
    variant[n] = 1 + r.int(3);
    n++;
  }
  let id = opts.firstEntityId ?? 1;
  let entities = shared.length;
  let duplicatedEntities = 0;
  while (n < rows) {
    let copies = 1;
    if (r.chance(dupRate)) {
      const k = r.next();
      copies += k < 0.6 ? 1 : k < 0.88 ? 2 : 3;
    }
    copies = Math.min(copies, rows - n);
    if (copies > 1) duplicatedEntities++;
    for (let v = 0; v < copies; v++) {
      entity[n] = id;
      variant[n] = v;
      n++;
    }
    id++;
    entities++;
  }
  shuffle(entity, variant, new Rng(hashKey(seed, 22)));
  separateDuplicates(entity, variant, new Rng(hashKey(seed, 23)));
  return { entity, variant, entities, duplicatedEntities };
}

function shuffle(a: Uint32Array, b: Uint8Array, r: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
    const u = b[i]!;
    b[i] = b[j]!;
    b[j] = u;
  }
}

/** A shuffle still puts a few duplicates side by side; move them apart, so neighbours never share an entity. */
function separateDuplicates(a: Uint32Array, b: Uint8Array, r: Rng): void {
  const n = a.length;
  const clashes = (i: number, e: number) => (i > 0 && a[i - 1] === e) || (i + 1 < n && a[i + 1] === e);
  for (let i = 1; i < n; i++) {
    if (a[i] !== a[i - 1]) continue;
    for (let attempt = 0; attempt < 50; attempt++) {
      const j = r.int(n);
      if (Math.abs(j - i) <= 1) continue;
      const ei = a[i]!;
      const ej = a[j]!;
      a[i] = ej;
      a[j] = ei;
      if (!clashes(i, ej) && !clashes(j, ei)) {
        const t = b[i]!;
        b[i] = b[j]!;
        b[j] = t;
        break;
      }
      a[i] = ei;
      a[j] = ej;
    }
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell only when it holds a comma, a quote or a line break; double the quotes inside. */
export function csvCell(s: string): string {
  if (!NEEDS_QUOTES.test(s)) return s;
  return s.indexOf('"') >= 0 ? '"' + s.replace(/"/g, '""') + '"' : '"' + s + '"';
}

export function csvLine(cells: readonly string[]): string {
  let line = csvCell(cells[0]!);
  for (let i = 1; i < cells.length; i++) line += ',' + csvCell(cells[i]!);
  return line + '\r\n';
}

export const CSV_HEADER = csvLine(COLUMNS);
export const TRUTH_HEADER = 'row,entity_id\r\n';

/** The list as text chunks (header first), with the matching truth-file chunks. Nothing else is held in memory. */
export function* usListChunks(opts: Omit<UsListOptions, 'out' | 'truthOut'>, plan: RowPlan = planRows(opts)): Generator<{ csv: string; truth: string }> {
  yield { csv: CSV_HEADER, truth: TRUTH_HEADER };
  const { entity, variant } = plan;
  for (let start = 0; start < entity.length; start += CHUNK_ROWS) {
    const end = Math.min(entity.length, start + CHUNK_ROWS);
    let csv = '';
    let truth = '';
    for (let i = start; i < end; i++) {
      const id = entity[i]!;
      csv += csvLine(renderRow(opts.seed, makeEntity(opts.seed, id), variant[i]!));
      truth += `${i + 1},${id}\r\n`;
    }
    yield { csv, truth };
  }
}

/** Writes the list (and its truth file) to disk, streaming: memory stays flat whatever the row count. */
export async function generateUsList(opts: UsListOptions): Promise<UsListSummary> {
  const started = performance.now();
  const plan = planRows(opts);
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  const out = await fs.promises.open(opts.out, 'w');
  let truth: fs.promises.FileHandle | null = null;
  let bytes = 0;
  try {
    if (opts.truthOut) {
      fs.mkdirSync(path.dirname(path.resolve(opts.truthOut)), { recursive: true });
      truth = await fs.promises.open(opts.truthOut, 'w');
    }
    for (const chunk of usListChunks(opts, plan)) {
      const buf = Buffer.from(chunk.csv, 'utf8');
      bytes += buf.length;
      // The two files are written concurrently; the next chunk is built while neither waits on the other.
      await Promise.all([out.write(buf), truth ? truth.write(chunk.truth) : null]);
    }
  } finally {
    await out.close();
    await truth?.close();
  }
  return {
    rows: opts.rows,
    entities: plan.entities,
    duplicatedEntities: plan.duplicatedEntities,
    bytes,
    seconds: (performance.now() - started) / 1000,
  };
}
