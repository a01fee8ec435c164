// Proves the synthetic US list generator is deterministic, well-formed CSV, and that its truth file tells the real duplicates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIES, STATES, FIRST_NAMES, SURNAMES } from '../../bench/generate/data';
import { makeEntity } from '../../bench/generate/entity';
import { hashKey, Rng } from '../../bench/generate/prng';
import { COLUMNS, mojibake, renderRow, typo } from '../../bench/generate/render';
import { generateUsList, planRows, usListChunks, type UsListOptions } from '../../bench/generate/us-list';
import { makeSample } from '../../bench/generate/make-sample';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-gen-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function textOf(opts: Omit<UsListOptions, 'out' | 'truthOut'>): { csv: string; truth: string } {
  let csv = '';
  let truth = '';
  for (const c of usListChunks(opts)) {
    csv += c.csv;
    truth += c.truth;
  }
  return { csv, truth };
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** ZIP codes by state and by "city|state", from the reference table. */
const zipsByState = new Map<string, Set<string>>();
const zipsByCity = new Map<string, Set<string>>();
for (const c of CITIES) {
  for (const z of c.zips) {
    if (!zipsByState.has(c.state)) zipsByState.set(c.state, new Set());
    zipsByState.get(c.state)!.add(z);
    const key = `${cityKey(c.name)}|${c.state}`;
    if (!zipsByCity.has(key)) zipsByCity.set(key, new Set());
    zipsByCity.get(key)!.add(z);
  }
}
const stateByName = new Map(Object.entries(STATES).map(([abbr, name]) => [name.toUpperCase(), abbr]));

function cityKey(city: string): string {
  return city
    .toUpperCase()
    .replace(/^(SAINT|ST\.?) /, 'ST ')
    .replace(/^(FORT|FT\.?) /, 'FT ')
    .replace(/[^A-Z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function stateCode(s: string): string | undefined {
  const t = s.trim().toUpperCase();
  return t.length === 2 ? t : stateByName.get(t);
}

/** A 5-digit ZIP from what a row holds ("2108" lost its zero in a spreadsheet; "021081234" lost its hyphen). */
function zip5(z: string): string {
  const digits = z.trim().split('-')[0]!;
  return digits.length === 9 ? digits.slice(0, 5) : digits.padStart(5, '0');
}

describe('prng', () => {
  it('gives the same stream for the same key and different streams for different keys', () => {
    const a = new Rng(hashKey(42, 1, 2));
    const b = new Rng(hashKey(42, 1, 2));
    const c = new Rng(hashKey(42, 2, 1));
    const xs = Array.from({ length: 8 }, () => a.u32());
    expect(Array.from({ length: 8 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.u32())).not.toEqual(xs);
  });

  it('folds seeds above 32 bits into the key', () => {
    expect(hashKey(2 ** 32 + 5)).not.toBe(hashKey(5));
  });

  it('is roughly uniform', () => {
    const r = new Rng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[r.int(10)]!++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('reference tables', () => {
  it('has the promised sizes and real nicknames', () => {
    expect(FIRST_NAMES.length).toBeGreaterThanOrEqual(300);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(300);
    expect(CITIES.length).toBeGreaterThanOrEqual(150);
    const robert = FIRST_NAMES.find((n) => n.name === 'Robert')!;
    expect(robert.nicknames).toEqual(expect.arrayContaining(['Bob', 'Rob', 'Bobby']));
    expect(FIRST_NAMES.find((n) => n.name === 'William')!.nicknames).toEqual(expect.arrayContaining(['Bill', 'Will']));
    expect(FIRST_NAMES.find((n) => n.name === 'Elizabeth')!.nicknames).toEqual(expect.arrayContaining(['Liz', 'Beth']));
  });

  it('skews surnames the way the census does', () => {
    const smith = SURNAMES.find((s) => s.name === 'Smith')!.weight;
    const kowalski = SURNAMES.find((s) => s.name === 'Kowalski')!.weight;
    expect(smith / kowalski).toBeGreaterThan(500);
  });

  it('keeps leading zeros and ties each ZIP to its own city and state', () => {
    expect(CITIES.find((c) => c.name === 'Boston')!.zips).toContain('02108');
    expect(CITIES.find((c) => c.name === 'Newark')!.zips).toContain('07102');
    for (const c of CITIES) {
      expect(STATES[c.state], c.name).toBeDefined();
      for (const z of c.zips) expect(z, `${c.name}, ${c.state}`).toMatch(/^\d{5}$/);
      for (const a of c.areaCodes) expect(a).toMatch(/^[2-9]\d{2}$/);
    }
    // ZIP prefixes follow the USPS regions: New England starts with 0, the West Coast with 9.
    for (const c of CITIES.filter((c) => ['MA', 'RI', 'CT', 'NH', 'ME', 'VT', 'NJ', 'PR'].includes(c.state))) {
      for (const z of c.zips) expect(z.startsWith('0'), `${c.name} ${z}`).toBe(true);
    }
    for (const c of CITIES.filter((c) => ['CA', 'OR', 'WA', 'AK', 'HI'].includes(c.state))) {
      for (const z of c.zips) expect(z.startsWith('9'), `${c.name} ${z}`).toBe(true);
    }
    const allZips = CITIES.flatMap((c) => c.zips);
    expect(new Set(allZips).size).toBe(allZips.length);
  });
});

describe('generateUsList', () => {
  const rows = 5000;
  const seed = 12345;
  let csv: string;
  let truthText: string;
  let data: string[][];
  let truth: Map<number, number>;

  beforeAll(async () => {
    const out = path.join(dir, 'list.csv');
    const truthOut = path.join(dir, 'truth.csv');
    const summary = await generateUsList({ rows, seed, out, truthOut });
    expect(summary.rows).toBe(rows);
    csv = fs.readFileSync(out, 'utf8');
    truthText = fs.readFileSync(truthOut, 'utf8');
    data = parseCsv(csv);
    truth = new Map(
      parseCsv(truthText)
        .slice(1)
        .map(([row, entity]) => [Number(row), Number(entity)]),
    );
  });

  it('is byte-for-byte the same for the same seed, and different for another seed', async () => {
    const again = path.join(dir, 'again.csv');
    await generateUsList({ rows, seed, out: again });
    expect(fs.readFileSync(again).equals(Buffer.from(csv, 'utf8'))).toBe(true);
    expect(textOf({ rows, seed }).csv).toBe(csv);
    expect(textOf({ rows, seed: seed + 1 }).csv).not.toBe(csv);
  });

  it('writes the header, then exactly `rows` rows of 12 cells, with CRLF line ends', () => {
    expect(data[0]).toEqual([...COLUMNS]);
    expect(data.length).toBe(rows + 1);
    for (const r of data) expect(r.length).toBe(12);
    expect(csv.startsWith('First Name,Last Name,Company,Title,Address,Address 2,City,State,Zip,Phone,Email,Source\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every bare LF is inside a quoted cell: outside quotes, lines end in CRLF.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes).not.toMatch(/[^\r]\n/);
  });

  it('has a truth row for every data row, and duplicates share an entity id', () => {
    expect(truthText.startsWith('row,entity_id\r\n')).toBe(true);
    expect(truth.size).toBe(rows);
    for (let i = 1; i <= rows; i++) expect(truth.get(i)).toBeGreaterThan(0);
    const byEntity = new Map<number, number[]>();
    for (const [row, e] of truth) byEntity.set(e, [...(byEntity.get(e) ?? []), row]);
    const duplicated = [...byEntity.values()].filter((r) => r.length > 1);
    // Default dupRate 0.25: a quarter of entities have 1–3 duplicates.
    const share = duplicated.length / byEntity.size;
    expect(share).toBeGreaterThan(0.21);
    expect(share).toBeLessThan(0.29);
    expect(Math.max(...[...byEntity.values()].map((r) => r.length))).toBeLessThanOrEqual(4);
    // Rows of one entity really are one person: the last name or the email agrees in most of them.
    let agree = 0;
    for (const group of duplicated) {
      const lastNames = group.map((r) => fold(data[r]![1]!));
      const firstNames = group.map((r) => fold(data[r]![0]!));
      if (lastNames.some((l, i) => i > 0 && (l === lastNames[0] || firstNames[0]!.includes(l) || l.includes(firstNames[0]!)))) agree++;
    }
    expect(agree / duplicated.length).toBeGreaterThan(0.8);
  });

  it('shuffles rows so duplicates are never next to each other', () => {
    for (let i = 2; i <= rows; i++) expect(truth.get(i), `rows ${i - 1} and ${i}`).not.toBe(truth.get(i - 1));
    const plan = planRows({ rows: 50_000, seed: 9 });
    for (let i = 1; i < plan.entity.length; i++) if (plan.entity[i] === plan.entity[i - 1]) expect.fail(`adjacent duplicates at ${i}`);
  });

  it('keeps ZIP, city and state in agreement', () => {
    let checkedCity = 0;
    for (const r of data.slice(1)) {
      const [, , , , , , city, state, zip] = r as string[];
      if (!zip!.trim()) continue;
      const st = stateCode(state!);
      expect(st && STATES[st], `state "${state}"`).toBeTruthy();
      const z = zip5(zip!);
      expect(zipsByState.get(st!)?.has(z), `${zip} in ${state}`).toBe(true);
      const cityZips = zipsByCity.get(`${cityKey(city!)}|${st}`);
      if (cityZips) {
        checkedCity++;
        expect(cityZips.has(z), `${zip} in ${city}, ${state}`).toBe(true);
      }
    }
    // City typos are allowed in duplicates; nearly all rows still name a known city.
    expect(checkedCity / rows).toBeGreaterThan(0.9);
  });

  it('writes each true record (variant 0) with the exact city, state and ZIP of its entity', () => {
    const plan = planRows({ rows, seed });
    let checked = 0;
    for (let i = 0; i < rows; i++) {
      if (plan.variant[i] !== 0) continue;
      const e = makeEntity(seed, plan.entity[i]!);
      const city = CITIES[e.city]!;
      expect(city.zips).toContain(e.zip5);
      const [, , , , , , cityCell, stateCell, zipCell] = data[i + 1]!;
      expect(cityKey(cityCell!)).toBe(cityKey(city.name));
      expect(stateCode(stateCell!)).toBe(city.state);
      expect(zip5(zipCell!)).toBe(e.zip5);
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('carries the messy content real lists have', () => {
    const cells = data.slice(1).flat();
    expect(cells.some((c) => c.includes('\n'))).toBe(true);
    expect(csv).toMatch(/"[^"\r\n]*,[^"\r\n]*"/); // a quoted cell holding a comma
    expect(csv).toContain('""'); // an escaped quote
    expect(cells.some((c) => /[éüñóáí]/.test(c))).toBe(true);
    expect(cells.some((c) => c.includes("O'"))).toBe(true);
    expect(cells.some((c) => /^\d{5}-\d{4}$/.test(c))).toBe(true); // ZIP+4
    expect(cells.some((c) => /^0\d{4}$/.test(c))).toBe(true); // leading-zero ZIP kept
    const phones = data.slice(1).map((r) => r[9]!);
    for (const shape of [/^\(\d{3}\) \d{3}-\d{4}/, /^\d{3}-\d{3}-\d{4}/, /^\d{3}\.\d{3}\.\d{4}/, /^\+1 \d{3} \d{3} \d{4}/, /^\d{10}$/, /(x|ext\.?|Ext) ?\d+$/i]) {
      expect(phones.some((p) => shape.test(p)), String(shape)).toBe(true);
    }
    expect(data.some((r) => r[0] === r[0]!.toUpperCase() && /[A-Z]{3}/.test(r[0]!))).toBe(true); // ALL CAPS rows
    expect(cells.some((c) => c !== c.trim())).toBe(true); // stray whitespace
    expect(data.some((r) => r[10] === '')).toBe(true); // missing email
  });

  it('makes realistic duplicates: nicknames, typos, abbreviations', () => {
    const plan = planRows({ rows, seed });
    let nickname = 0;
    let suffixChanged = 0;
    for (let i = 0; i < rows; i++) {
      if (plan.variant[i] === 0) continue;
      const e = makeEntity(seed, plan.entity[i]!);
      const fn = FIRST_NAMES[e.first]!;
      const first = data[i + 1]![0]!.trim().toLowerCase().split(/\s+/);
      // "Robert" written as "Bob", or as 'Robert "Bob"'.
      if (e.goesBy < 0 && fn.nicknames.some((n) => first[0] === n.toLowerCase() || first[1] === `"${n.toLowerCase()}"`)) nickname++;
      const orig = renderRow(seed, e, 0)[4]!;
      if (orig && data[i + 1]![4] !== orig) suffixChanged++;
    }
    expect(nickname).toBeGreaterThan(50);
    expect(suffixChanged).toBeGreaterThan(200);
  });

  it('applies dupRate', () => {
    const none = planRows({ rows: 2000, seed: 1, dupRate: 0 });
    expect(none.entities).toBe(2000);
    expect(none.duplicatedEntities).toBe(0);
    const all = planRows({ rows: 2000, seed: 1, dupRate: 1 });
    expect(all.duplicatedEntities / all.entities).toBeGreaterThan(0.99);
  });
});

describe('noise helpers', () => {
  it('typo changes a word by one keystroke', () => {
    const r = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const t = typo(r, 'Washington');
      expect(t).not.toBe('Washington');
      expect(Math.abs(t.length - 'Washington'.length)).toBeLessThanOrEqual(1);
      expect(t[0]).toBe('W');
    }
  });

  it('mojibake reproduces UTF-8 read as Windows-1252', () => {
    expect(mojibake('José Müller')).toBe('JosÃ© MÃ¼ller');
    expect(mojibake('Smith')).toBe('Smith');
  });
});

describe('sample project', () => {
  it('makes a house file and a bought list that overlap by about 10%', () => {
    const out = path.join(dir, 'sample');
    const s = makeSample(out);
    expect(s.houseRows).toBeGreaterThanOrEqual(290);
    expect(s.boughtRows).toBe(1000);
    const house = parseCsv(fs.readFileSync(path.join(out, 'house-file.csv'), 'utf8'));
    expect(house[0]).toEqual(['Customer ID', 'First Name', 'Last Name', 'Company', 'Title', 'Address', 'City', 'State', 'Zip', 'Phone', 'Email', 'Total Orders', 'Lifetime Value', 'Last Order Date']);
    for (const r of house) expect(r.length).toBe(14);
    expect(house.length - 1).toBe(s.houseRows);
    const bought = parseCsv(fs.readFileSync(path.join(out, 'bought-list.csv'), 'utf8'));
    expect(bought.length - 1).toBe(1000);
    const truth = parseCsv(fs.readFileSync(path.join(out, 'truth.csv'), 'utf8')).slice(1);
    const houseEntities = new Set(truth.filter((t) => t[0] === 'house-file.csv').map((t) => t[2]));
    const shared = truth.filter((t) => t[0] === 'bought-list.csv' && houseEntities.has(t[2]));
    expect(shared.length).toBe(s.overlapRows);
    expect(shared.length / 1000).toBeCloseTo(0.1, 1);
    // Deterministic: the committed sample is what the script makes.
    const committed = path.resolve(import.meta.dirname, '../../resources/sample/bought-list.csv');
    if (fs.existsSync(committed)) expect(fs.readFileSync(committed, 'utf8')).toBe(fs.readFileSync(path.join(out, 'bought-list.csv'), 'utf8'));
  });
});

describe('any seed', () => {
  it('yields parseable CSV with 12 cells a row and a truth row for each', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, rows, dupRate) => {
        const { csv, truth } = textOf({ rows, seed, dupRate });
        const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data.length).toBe(rows + 1);
        for (const r of parsed.data) expect(r.length).toBe(12);
        expect(truth.split('\r\n').filter(Boolean).length).toBe(rows + 1);
      }),
      { numRuns: 60 },
    );
  });
});

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Ã./g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
