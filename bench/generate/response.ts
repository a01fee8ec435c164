// A campaign-history file with a planted response pattern, shaped like the public bank telemarketing data (age, job,
// marital status, balance, housing loan, contact, month, previous outcome...) plus a customer id, an e-mail domain type
// and noise columns. The planted pattern has curves, thresholds and an interaction, so trees have something to find
// that a straight-line model misses — and the planted attributes are known, so reasons can be checked.
import fs from 'node:fs';
import { hashKey, Rng } from './prng';

const JOBS = ['admin.', 'blue-collar', 'technician', 'services', 'management', 'retired', 'self-employed', 'entrepreneur', 'unemployed', 'housemaid', 'student', 'unknown'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_SHARE = [3, 6, 1, 6, 30, 12, 15, 14, 1, 2, 9, 1];
const STATES = ['CA', 'TX', 'NY', 'FL', 'IL', 'PA', 'OH', 'GA', 'NC', 'MI', 'NJ', 'VA', 'WA', 'AZ', 'MA'];
const TITLES = ['Owner', 'Manager', 'Director', 'Assistant', 'Engineer', 'Analyst', 'Clerk', ''];

/** The planted attributes, for tests that check the reasons name them. */
export const PLANTED = ['poutcome', 'month', 'age', 'contact', 'housing', 'job', 'campaign', 'balance'] as const;

export const RESPONSE_HEADER = [
  'customer_id', 'age', 'job', 'marital', 'education', 'default', 'balance', 'housing', 'loan', 'contact', 'day', 'month',
  'campaign', 'pdays', 'previous', 'poutcome', 'state', 'email_type', 'title', 'tenure_years', 'noise', 'y',
];

function weighted<T>(r: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r.next() * total;
  for (let k = 0; k < items.length; k++) {
    x -= weights[k]!;
    if (x < 0) return items[k]!;
  }
  return items[items.length - 1]!;
}

function normal(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/** One row: cells in RESPONSE_HEADER order, and the true response probability. */
export function responseRow(seed: number, i: number, withLeak = false): { cells: string[]; p: number } {
  const r = new Rng(hashKey(seed, 7, i));
  const age = Math.max(18, Math.min(95, Math.round(41 + 11 * normal(r) + (r.chance(0.06) ? 25 : 0))));
  const job = age > 62 && r.chance(0.7) ? 'retired' : age < 25 && r.chance(0.45) ? 'student' : weighted(r, JOBS, [11, 21, 17, 9, 21, 2, 3, 3, 3, 3, 1, 1]);
  const marital = age < 28 ? weighted(r, ['single', 'married', 'divorced'], [7, 3, 0.2]) : weighted(r, ['married', 'single', 'divorced'], [6, 2.5, 1.2]);
  const education = job === 'management' ? weighted(r, ['tertiary', 'secondary', 'primary', 'unknown'], [8, 2, 0.3, 0.3]) : weighted(r, ['secondary', 'tertiary', 'primary', 'unknown'], [5, 2, 2, 0.4]);
  const dflt = r.chance(0.02) ? 'yes' : 'no';
  const balance = Math.round(r.chance(0.08) ? -r.int(2000) : Math.exp(5 + 1.8 * Math.abs(normal(r))) - 150);
  const housing = r.chance(age < 55 ? 0.6 : 0.25) ? 'yes' : 'no';
  const loan = r.chance(0.16) ? 'yes' : 'no';
  const contact = weighted(r, ['cellular', 'telephone', 'unknown'], [65, 6, 29]);
  const day = r.range(1, 31);
  const month = weighted(r, MONTHS, MONTH_SHARE);
  const campaign = Math.min(50, 1 + Math.floor(-Math.log(1 - r.next()) * 2));
  const contacted = r.chance(0.18);
  const pdays = contacted ? r.range(1, 800) : -1;
  const previous = contacted ? 1 + Math.floor(-Math.log(1 - r.next()) * 1.5) : 0;
  const poutcome = contacted ? weighted(r, ['failure', 'other', 'success'], [11, 4, 3.4]) : 'unknown';
  const state = r.pick(STATES);
  const emailType = weighted(r, ['free', 'work', 'none'], [5, 3, 2]);
  const title = r.pick(TITLES);
  const tenure = Math.round(r.next() * 20 * 10) / 10;
  const noise = Math.round(normal(r) * 1000) / 1000;
  // The planted pattern (log-odds).
  let z = -2.1;
  if (poutcome === 'success') z += 2.4;
  else if (poutcome === 'other') z += 0.4;
  if (['mar', 'sep', 'oct', 'dec'].includes(month)) z += 1.5;
  else if (month === 'may') z -= 0.5;
  if (age < 25) z += 1.0;
  else if (age > 60) z += 1.2;
  if (contact === 'unknown') z -= 1.1;
  if (housing === 'yes') z -= age < 35 ? 1.1 : 0.5;
  if (job === 'student' || job === 'retired') z += 0.4;
  if (loan === 'yes') z -= 0.4;
  z -= 0.18 * Math.min(campaign, 10);
  if (balance > 3000) z += 0.5;
  else if (balance < 0) z -= 0.4;
  const p = 1 / (1 + Math.exp(-z));
  const y = r.next() < p ? 'yes' : 'no';
  const cells = [
    `C${String(100000 + i)}`, String(age), job, marital, education, dflt, String(balance), housing, loan, contact, String(day), month,
    String(campaign), String(pdays), String(previous), poutcome, state, emailType, title, String(tenure), String(noise), y,
  ];
  if (withLeak) cells.splice(cells.length - 1, 0, String(Math.round(Math.exp(4.8 + normal(r) * 0.6 + (y === 'yes' ? 1.2 : 0)))));
  return { cells, p };
}

const quote = (c: string) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** Writes `rows` rows in chunks; `delimiter` ';' gives the bank data's layout. Returns the responders and the AUC the true probabilities reach. */
export function writeResponseFile(out: string, rows: number, seed = 1, opts: { delimiter?: string; withLeak?: boolean } = {}): { positives: number; p: Float64Array; y: Uint8Array } {
  const d = opts.delimiter ?? ',';
  const header = opts.withLeak ? [...RESPONSE_HEADER.slice(0, -1), 'duration', 'y'] : RESPONSE_HEADER;
  const fd = fs.openSync(out, 'w');
  const p = new Float64Array(rows);
  const y = new Uint8Array(rows);
  let positives = 0;
  try {
    let chunk: string[] = [header.map(quote).join(d)];
    for (let i = 0; i < rows; i++) {
      const r = responseRow(seed, i, opts.withLeak);
      p[i] = r.p;
      if (r.cells[r.cells.length - 1] === 'yes') {
        positives++;
        y[i] = 1;
      }
      chunk.push(r.cells.map(quote).join(d));
      if (chunk.length >= 20_000) {
        fs.writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return { positives, p, y };
}
