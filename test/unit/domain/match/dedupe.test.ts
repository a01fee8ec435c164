// Merge/purge in memory: comparisons and their words, blocking recall, EM recovering planted weights, the chaining guard, households kept apart, scores.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanRecord, type CanonicalValues } from '../../../../src/domain/clean-record';
import { candidatePairs, BLOCK_RULES } from '../../../../src/domain/match/blocking';
import { clusterPairs } from '../../../../src/domain/match/cluster';
import { comparisonsFor, NULL_LEVEL } from '../../../../src/domain/match/compare';
import { dedupe, DEFAULT_SETTINGS, explainPair, link } from '../../../../src/domain/match/dedupe';
import { pairScores } from '../../../../src/domain/match/evaluate';
import { matchRecord, normalizeDate } from '../../../../src/domain/match/features';
import { expectationMaximization, patternsOf } from '../../../../src/domain/match/model';
import { buildMatchTable } from '../../../../src/domain/match/table';
import { loadEmailLists, loadNicknameTable, loadZipTable } from '../../../../src/jobs/reference-data';

const resources = path.resolve(import.meta.dirname, '../../../../resources');
const nicknames = loadNicknameTable(resources);
const tables = { zips: loadZipTable(resources), email: loadEmailLists(resources), defaultCountry: 'US' };

/** Match records of raw rows, as the job makes them: clean, then the match form. */
function table(rows: CanonicalValues[]) {
  return buildMatchTable(
    rows.map((v) => matchRecord(v, cleanRecord(v, tables))),
    nicknames,
  );
}

const row = (first: string, last: string, address1: string, zip: string, extra: CanonicalValues = {}): CanonicalValues => ({
  first_name: first,
  last_name: last,
  address1,
  city: 'Springfield',
  state: 'IL',
  zip,
  ...extra,
});

describe('normalizeDate', () => {
  it.each([
    ['1971-06-24', '19710624'],
    ['19710624', '19710624'],
    ['6/24/1971', '19710624'],
    ['24/06/1971', '19710624'],
    ['06-24-71', '19710624'],
    ['24 June 1971', '19710624'],
    ['Jun 24, 1971', '19710624'],
    ['', ''],
    ['unknown', ''],
  ])('%j → %j', (raw, out) => expect(normalizeDate(raw)).toBe(out));
});

describe('comparisons say what they saw', () => {
  const t = table([
    row('Robert', 'Smith', '9115 N Main Street Apt 4', '62704', { email: 'bob@example.com' }),
    row('Bob', 'Smith', '9115 North Main St #4', '62704', { email: 'BOB@example.com' }),
    row('Smith', 'Robert', '12 Elm St', '62701'),
    row('Mary', 'Smith', '9115 N Main St Apt 4', '62704'),
    row('Richardson', 'Sammy', '74 Sycamore Ln', '83706'),
    row('Sam', 'Richardson', '74 Sycamore Ln', '83706'),
  ]);
  const comps = comparisonsFor('person');
  const level = (key: string, i: number, j: number) => comps.find((c) => c.key === key)!.compare(t, i, j);
  const words = (key: string, i: number, j: number) => {
    const c = comps.find((x) => x.key === key)!;
    return c.describe(t, i, j, c.compare(t, i, j));
  };

  it('nicknames, swapped names, street number and street, e-mail, missing values', () => {
    expect(words('first_name', 0, 1)).toBe('first names Robert/Bob are nicknames');
    expect(level('first_name', 0, 2)).toBe(2);
    expect(words('first_name', 0, 2)).toMatch(/swapped/);
    expect(words('address', 0, 1)).toBe('street address 9115 N MAIN ST agrees');
    expect(words('email', 0, 1)).toBe('same e-mail bob@example.com');
    expect(level('email', 0, 2)).toBe(NULL_LEVEL);
    expect(words('first_name', 0, 3)).toBe('first names Robert/Mary differ');
    // Swapped, and one of them a nickname: Sam Richardson / Richardson Sammy.
    expect(level('first_name', 4, 5)).toBe(2);
    expect(level('last_name', 4, 5)).toBe(2);
  });
});

describe('blocking', () => {
  it('finds pairs through any one key, so a typo in one field does not hide a duplicate', () => {
    const t = table([
      row('Katherine', 'Johnson', '12 Oak Ave', '62704', { phone: '217-555-0101' }),
      row('Katherine', 'Jonhson', '12 Oak Avenue', '62704'),
      row('Kathy', 'Johnson', '500 Pine Rd', '60601', { phone: '(217) 555-0101' }),
      row('Zed', 'Zulu', '1 Far Way', '99501'),
    ]);
    const c = candidatePairs(t, BLOCK_RULES.person);
    const pairs = Array.from(c.a, (a, k) => `${a}-${c.b[k]}`);
    expect(pairs).toContain('0-1');
    expect(pairs).toContain('0-2');
    expect(pairs.some((p) => p.includes('3'))).toBe(false);
  });
});

describe('expectation-maximization', () => {
  it('recovers planted m and u probabilities and the share of matches', () => {
    // Two binary comparisons, 20% matches with m = (0.1, 0.9), non-matches u = (0.95, 0.05), independent.
    const comps = comparisonsFor('company').slice(1, 3).map((c) => ({ ...c, levels: ['different', 'same'] as const, typicalM: [0.5, 0.5] }));
    const rows: number[] = [];
    const counts: number[] = [];
    const m = [0.1, 0.9];
    const u = [0.95, 0.05];
    for (const g1 of [0, 1]) for (const g2 of [0, 1]) for (const g3 of [0, 1]) {
      rows.push(g1, g2, g3);
      counts.push(100_000 * (0.2 * m[g1]! * m[g2]! * m[g3]! + 0.8 * u[g1]! * u[g2]! * u[g3]!));
    }
    const three = [...comps, { ...comps[0]! }];
    const em = expectationMaximization(Int8Array.from(rows), Float64Array.from(counts), three, [u, u, u]);
    expect(em.lambda).toBeCloseTo(0.2, 2);
    for (const r of em.m) expect(r[1]).toBeCloseTo(0.9, 2);
    for (const r of em.u) expect(r[1]).toBeCloseTo(0.05, 2);
  });

  it('lets review decisions refine the weights (semi-supervised)', () => {
    const comps = comparisonsFor('company').slice(1, 3).map((c) => ({ ...c, levels: ['different', 'same'] as const, typicalM: [0.5, 0.5] }));
    const rows = [0, 0, 0, 1, 1, 0, 1, 1];
    const counts = [7600, 500, 500, 1400];
    const u = [[0.9, 0.1], [0.9, 0.1]];
    const plain = expectationMaximization(Int8Array.from(rows), Float64Array.from(counts), comps, u);
    // The user said 20 pairs that differ on the first field are the same: disagreement there is more common among duplicates than EM thought.
    const taught = expectationMaximization(Int8Array.from(rows), Float64Array.from(counts), comps, u, 100, { patterns: Int8Array.from(Array(20).fill([0, 1]).flat()), same: new Uint8Array(20).fill(1) });
    expect(taught.m[0]![0]!).toBeGreaterThan(plain.m[0]![0]! + 0.05);
  });

  it('groups identical level patterns', () => {
    const p = patternsOf(Int8Array.from([1, 0, 1, 0, -1, 2]), 2);
    expect(Array.from(p.counts)).toEqual([2, 1]);
    expect(Array.from(p.index)).toEqual([0, 0, 1]);
  });
});

describe('clusterPairs', () => {
  it('does not chain two different people through one record that resembles both', () => {
    // 0-1 and 1-2 link strongly; 0-2 are clearly different people.
    const score = (i: number, j: number) => (i + j === 2 && i !== j ? 0.0001 : 0.99);
    const r = clusterPairs(3, [0, 1], [1, 2], [0.99, 0.98], score, { threshold: 0.5, differentBelow: 0.001, groupAgreement: 0.5, maxSize: 60 });
    expect(r.clusterOf[0]).toBe(r.clusterOf[1]);
    expect(r.clusterOf[2]).not.toBe(r.clusterOf[1]);
    expect(r.refused).toBe(1);
  });

  it('honours the user: "same" joins whatever the score, "different" keeps apart', () => {
    const r = clusterPairs(4, [0, 2], [1, 3], [0.99, 0.2], () => 0.5, { threshold: 0.5, differentBelow: 0.001, groupAgreement: 0.5, maxSize: 60, mustLink: [[2, 3]], cannotLink: [[0, 1]] });
    expect(r.clusterOf[0]).not.toBe(r.clusterOf[1]);
    expect(r.clusterOf[2]).toBe(r.clusterOf[3]);
  });
});

describe('dedupe', () => {
  // A small list: true duplicates with typical damage, plus the traps: a spouse and a son at the same address.
  const people: [CanonicalValues, string][] = [];
  const firsts = ['James', 'Mary', 'Patricia', 'Michael', 'Linda', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'];
  const lasts = ['Kowalski', 'Nguyen', 'Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Brennan', 'Castillo', 'Dvorak', 'Abernathy', 'Fitzgerald'];
  const streets = ['Oak Ave', 'Maple St', 'Cedar Ln', 'Pine Rd', 'Elm Ct', 'Birch Dr', 'Walnut Way', 'Spruce Pl'];
  let e = 0;
  for (const last of lasts) {
    for (let k = 0; k < 5; k++) {
      const first = firsts[(e * 7 + k) % firsts.length]!;
      const no = String(100 + ((e * 37 + k * 11) % 900));
      const street = streets[(e + k) % streets.length]!;
      const zip = ['62701', '62702', '62703', '62704'][(e + k) % 4]!;
      const phone = `217555${String(1000 + e * 5 + k).slice(-4)}`;
      const email = `${first.toLowerCase()}.${last.toLowerCase()}@example${k}.com`;
      const id = `e${e}`;
      people.push([row(first, last, `${no} ${street}`, zip, { phone, email }), id]);
      if (k % 2 === 0) people.push([row(first.toUpperCase(), last.toUpperCase(), `${no} ${street.replace('Ave', 'Avenue').replace('St', 'Street')}`, zip, { phone: `(217) 555-${phone.slice(-4)}` }), id]);
      if (k === 1) people.push([row(first[0]!, last, `${no} ${street}`, zip, { email }), id]);
      if (k === 3) people.push([row(first === 'Mary' ? 'Linda' : 'Mary', last, `${no} ${street}`, zip, { phone }), `${id}-spouse`]);
      if (k === 4) {
        // Father and son: same name, same address, Sr and Jr.
        people[people.length - 2]![0].suffix = 'Sr';
        people[people.length - 1]![0].suffix = 'SR';
        people.push([row(first, last, `${no} ${street}`, zip, { suffix: 'Jr', phone }), `${id}-son`]);
      }
      e++;
    }
  }
  const t = table(people.map(([v]) => v));
  let result: Awaited<ReturnType<typeof dedupe>>;
  beforeAll(async () => {
    result = await dedupe(t, { ...DEFAULT_SETTINGS, level: 'person', randomPairs: 50_000 });
  });

  it('finds the duplicates and keeps the spouse and the son apart', () => {
    const s = pairScores(
      people.map(([, id]) => id),
      Array.from(result.clusterOf),
    );
    expect(s.recall).toBeGreaterThan(0.95);
    expect(s.precision).toBeGreaterThan(0.95);
    const spouses = people.flatMap(([, id], i) => (id.endsWith('-spouse') || id.endsWith('-son') ? [i] : []));
    expect(spouses.length).toBeGreaterThan(0);
    for (const i of spouses) expect(result.clusterOf.filter((c) => c === result.clusterOf[i]).length).toBe(1);
  });

  it('explains a pair in words with each field weight', () => {
    const i = people.findIndex(([v]) => v.first_name === v.first_name?.toUpperCase() && v.first_name!.length > 1);
    const j = people.findIndex(([, id], k) => k !== i && id === people[i]![1]);
    const x = explainPair(t, result.comparisons, result.model, Math.min(i, j), Math.max(i, j));
    expect(x.text).toMatch(/first name \w+ agrees/);
    expect(x.text).toMatch(/street address/);
    expect(x.parts.find((p) => p.field === 'First name')!.weight).toBeGreaterThan(0);
    expect(x.weight).toBeGreaterThan(0);
  });

  it('learns weights that favour agreement and punish disagreement', () => {
    const first = result.model.fields.find((f) => f.key === 'first_name')!;
    expect(first.weights.at(-1)!).toBeGreaterThan(0);
    expect(first.weights[0]!).toBeLessThan(0);
  });
});

describe('pairScores', () => {
  it('counts true, found and correct pairs', () => {
    const s = pairScores(['a', 'a', 'a', 'b', 'c'], [1, 1, 2, 2, 3]);
    expect(s.truePairs).toBe(3);
    expect(s.foundPairs).toBe(2);
    expect(s.correctPairs).toBe(1);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
  });
});

describe('link: record linkage between two sides (suppression, customers, the ledger)', () => {
  const people = [
    row('Robert', 'Smith', '12 Main Street Apt 1', '62701'),
    { ...row('Robert', 'Smith', '480 Oak Ave', '60614'), city: 'Chicago' },
    row('Maria', 'Lopez', '12 Main St Apt 2', '62701'),
    row('Bob', 'Smith', '12 Main St', '62701'),
    row('Robert', 'Smyth', '12 Main St Apt 1', '62701'),
  ];

  it('makes only cross pairs, and leaves out records with a negative side', () => {
    const t = table(people);
    const side = Int8Array.from([0, 0, 0, 1, -1]);
    const c = candidatePairs(t, BLOCK_RULES.person, side);
    expect(c.a.length).toBeGreaterThan(0);
    for (let p = 0; p < c.a.length; p++) {
      expect(side[c.a[p]!]! + side[c.b[p]!]!).toBe(1);
      expect([side[c.a[p]!], side[c.b[p]!]]).not.toContain(-1);
    }
  });

  it('links Bob Smith to Robert Smith at his address, not to the Robert Smith elsewhere nor to a neighbour', async () => {
    const t = table(people);
    const r = await link(t, Int8Array.from([0, 0, 0, 1, -1]), { ...DEFAULT_SETTINGS, level: 'person' });
    const merged = [...r.pairs.prob].map((p, k) => [r.pairs.a[k], r.pairs.b[k], p] as const).filter(([, , p]) => p >= 0.5);
    expect(merged.map(([a, b]) => [a, b])).toEqual([[0, 3]]);
    expect(explainPair(t, r.comparisons, r.model, 0, 3).text).toMatch(/Bob\/Robert|nickname/i);
  });

  it('finds nothing when one side is empty', async () => {
    const r = await link(table(people), Int8Array.from([0, 0, 0, -1, -1]), { ...DEFAULT_SETTINGS, level: 'person' });
    expect(r.candidates).toBe(0);
    expect(r.pairs.a.length).toBe(0);
  });

  it('in a block too big to compare in full, still pairs each entry with its nearest records of the other side', () => {
    // 80 Smiths in one ZIP and one Smith entry: the cross block has 80 pairs (over CROSS_FULL), so neighbours are used.
    const rows = Array.from({ length: 80 }, (_, k) => row(`Name${String.fromCharCode(65 + (k % 26))}${k}`, 'Smith', `${k + 1} Elm St`, '62701'));
    rows.push(row('NameM12', 'Smith', '13 Elm St', '62701'));
    const t = table(rows);
    const side = new Int8Array(rows.length);
    side[80] = 1;
    const c = candidatePairs(t, BLOCK_RULES.person, side);
    const partners = new Set<number>();
    for (let p = 0; p < c.a.length; p++) partners.add(c.a[p] === 80 ? c.b[p]! : c.a[p]!);
    expect(partners.has(12)).toBe(true);
    expect(partners.size).toBeLessThan(80);
  });
});

describe('unit numbers at the address level', () => {
  it('two units of one building are two addresses; the same unit written two ways is one', async () => {
    const t = table([row('', '', '12 Main St Apt 1', '62701'), row('', '', '12 Main St Apt 2', '62701'), row('', '', '12 Main St # 1', '62701'), row('', '', '400 Elm St', '62701')]);
    const r = await link(t, Int8Array.from([0, 0, 1, 0]), { ...DEFAULT_SETTINGS, level: 'address' });
    const merged = [...r.pairs.prob].map((p, k) => [r.pairs.a[k], p] as const).filter(([, p]) => p >= 0.5).map(([a]) => a);
    expect(merged).toEqual([0]);
  });
});
