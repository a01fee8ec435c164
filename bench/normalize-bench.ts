// Micro-benchmark of the per-record normalizers the clean job calls, on generated messy rows: ns per record, each and combined.
import fs from 'node:fs';
import path from 'node:path';
import { makeEntity } from './generate/entity';
import { planRows } from './generate/us-list';
import { renderRow } from './generate/render';
import { cleanAddress, normalizeState } from '../src/domain/address';
import { normalizeCompany } from '../src/domain/companies';
import { normalizeEmail } from '../src/domain/email';
import { parseNameFields } from '../src/domain/names';
import { normalizePhone } from '../src/domain/phone';
import { checkZipCityState, parseZip } from '../src/domain/zip';
import { loadEmailLists, loadZipTable } from '../src/jobs/reference-data';

export interface NormalizeBenchOptions {
  rows: number;
  seed?: number;
  /** Folder holding zip/ and email/ (default: resources/ of the repository). */
  resourcesDir?: string;
  /** Rows run through every normalizer before timing (JIT warm-up; memo tables warm as they would early in a job). Default min(rows, 20,000). */
  warmupRows?: number;
}

export interface NormalizeBenchResult {
  rows: number;
  /** Nanoseconds per record for each normalizer (zip = parseZip + normalizeState + checkZipCityState). */
  nsPerRecord: { names: number; company: number; address: number; zip: number; email: number; phone: number };
  /** Sum of the above: one core's normalizing cost per record. */
  combinedNs: number;
  /** The same set run together, row by row (as the clean job does), timed as one loop. */
  interleavedNs: number;
  /** Records per second per core at interleavedNs. */
  perCoreRowsPerSecond: number;
}

/** Index of each column in a generated row (bench/generate/render.ts COLUMNS). */
const C = { first: 0, last: 1, company: 2, title: 3, line1: 4, line2: 5, city: 6, state: 7, zip: 8, phone: 9, email: 10 } as const;

/** The nearest folder above `from` holding resources/zip (source tree or dist/bench), else the working directory. */
function findResources(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'resources', 'zip'))) return path.join(dir, 'resources');
  }
  return path.join(process.cwd(), 'resources');
}

export function generateRows(rows: number, seed: number): string[][] {
  const plan = planRows({ rows, seed });
  const out: string[][] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = renderRow(seed, makeEntity(seed, plan.entity[i]!), plan.variant[i]!);
  return out;
}

export function runNormalizeBench(opts: NormalizeBenchOptions): NormalizeBenchResult {
  const seed = opts.seed ?? 42;
  const resources = opts.resourcesDir ?? (fs.existsSync(path.join(process.cwd(), 'resources', 'zip')) ? path.join(process.cwd(), 'resources') : findResources(import.meta.dirname));
  const zipTable = loadZipTable(resources);
  const lists = loadEmailLists(resources);
  const data = generateRows(opts.rows, seed);
  const warm = generateRows(opts.warmupRows ?? Math.min(opts.rows, 20_000), seed + 1);

  let sink = 0;
  const steps = {
    names: (r: string[]) => {
      sink += parseNameFields({ first: r[C.first], last: r[C.last] }).first.length;
    },
    company: (r: string[]) => {
      sink += normalizeCompany(r[C.company]!).key.length;
    },
    address: (r: string[]) => {
      sink += cleanAddress(r[C.line1]!, r[C.line2]).line1.length;
    },
    zip: (r: string[]) => {
      const z = parseZip(r[C.zip]!, r[C.state]);
      const st = normalizeState(r[C.state]!);
      sink += checkZipCityState(z.zip5, r[C.city], st.code ?? r[C.state], zipTable).length + z.issues.length;
    },
    email: (r: string[]) => {
      sink += normalizeEmail(r[C.email], lists).value.length;
    },
    phone: (r: string[]) => {
      sink += normalizePhone(r[C.phone], { defaultCountry: 'US' }).value.length;
    },
  };
  const names = Object.keys(steps) as (keyof typeof steps)[];
  for (const row of warm) for (const k of names) steps[k](row);

  const ns = {} as NormalizeBenchResult['nsPerRecord'];
  for (const k of names) {
    const f = steps[k];
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < data.length; i++) f(data[i]!);
    ns[k] = Number(process.hrtime.bigint() - t0) / data.length;
  }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < data.length; i++) {
    const row = data[i]!;
    for (const k of names) steps[k](row);
  }
  const interleavedNs = Number(process.hrtime.bigint() - t0) / data.length;
  if (sink === -1) console.log(sink);
  const combinedNs = names.reduce((s, k) => s + ns[k], 0);
  return { rows: data.length, nsPerRecord: ns, combinedNs, interleavedNs, perCoreRowsPerSecond: 1e9 / interleavedNs };
}

/** Run directly (bundled with esbuild): node normalize-bench.js [rows]. */
if (process.argv[1] && /normalize-bench\.[cm]?js$/.test(process.argv[1])) {
  const rows = Number(process.argv[2] ?? 200_000);
  const r = runNormalizeBench({ rows });
  const fmt = (n: number) => `${(n / 1000).toFixed(2)} µs`;
  for (const [k, v] of Object.entries(r.nsPerRecord)) console.log(`${k.padEnd(10)} ${fmt(v).padStart(10)}  ${Math.round(1e9 / v).toLocaleString('en-US').padStart(10)}/s`);
  console.log(`${'combined'.padEnd(10)} ${fmt(r.combinedNs).padStart(10)}`);
  console.log(`${'together'.padEnd(10)} ${fmt(r.interleavedNs).padStart(10)}  ${Math.round(r.perCoreRowsPerSecond).toLocaleString('en-US').padStart(10)}/s per core`);
}
