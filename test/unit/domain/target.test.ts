// Targeting's pure parts: the level an entry allows, household keys, places and radius centres from the ZIP table (great-
// circle distances against published ones), "where my best customers are", step labels and the waterfall's bookkeeping.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TargetStep } from '../../../src/api/contract';
import type { MatchRecord } from '../../../src/domain/match/features';
import { entryLevel } from '../../../src/domain/target/entry-level';
import { bestAreas, milesFrom, placeOf, resolveCenter } from '../../../src/domain/target/geography';
import { householdKey, householdWords } from '../../../src/domain/target/household';
import { describeRecord, stepLabel, Waterfall } from '../../../src/domain/target/steps';
import { parseZipTable } from '../../../src/domain/zip-data';

const zips = parseZipTable(fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/zip/us-zips.csv'), 'utf8'));

const EMPTY: MatchRecord = { first: '', middle: '', last: '', suffix: '', dob: '', nid: '', houseNo: '', street: '', unit: '', city: '', postcode: '', state: '', email: '', workDomain: '', phone: '', company: '' };
const rec = (r: Partial<MatchRecord>): MatchRecord => ({ ...EMPTY, ...r });

describe('entryLevel: the most specific level an entry allows', () => {
  const ADDRESS = { houseNo: '12', street: 'main st', postcode: '89501' };
  it.each([
    ['name + address', rec({ first: 'bob', last: 'smith', ...ADDRESS }), 'person'],
    ['name + e-mail', rec({ first: 'bob', last: 'smith', email: 'bob@x.com' }), 'person'],
    ['name + phone', rec({ first: 'bob', last: 'smith', phone: '17755550100' }), 'person'],
    ['surname at an address', rec({ last: 'smith', ...ADDRESS }), 'household'],
    ['company at an address', rec({ company: 'acme supply', ...ADDRESS }), 'company'],
    ['company + address + e-mail, no person', rec({ company: 'acme supply', email: 'info@acme.com', ...ADDRESS }), 'company'],
    ['an address alone', rec(ADDRESS), 'address'],
    ['an address with a city instead of a ZIP', rec({ houseNo: '12', street: 'main st', city: 'reno' }), 'address'],
    ['an e-mail alone', rec({ email: 'bob@x.com' }), 'email'],
    ['a first name + e-mail (no surname)', rec({ first: 'bob', email: 'bob@x.com' }), 'email'],
    ['a phone alone', rec({ phone: '17755550100' }), 'phone'],
    ['a competitor by name', rec({ company: 'rival mailers' }), 'companyName'],
    ['a name alone', rec({ first: 'bob', last: 'smith' }), null],
    ['a street without ZIP or city', rec({ houseNo: '12', street: 'main st' }), null],
    ['nothing', rec({}), null],
  ])('%s → %s', (_what, r, level) => {
    expect(entryLevel(r)).toBe(level);
  });
});

describe('householdKey', () => {
  it('is a surname at a delivery address, and empty without one', () => {
    const a = rec({ last: 'lee', houseNo: '3', street: 'pine st', unit: 'apt 2', postcode: '89501' });
    expect(householdKey(a)).toBe('89501|3|pine st|apt 2|lee');
    expect(householdWords(householdKey(a))).toBe('LEE at 3 PINE ST APT 2, 89501');
    expect(householdKey({ ...a, last: 'park' })).not.toBe(householdKey(a));
    expect(householdKey({ ...a, unit: 'apt 3' })).not.toBe(householdKey(a));
    expect(householdKey({ ...a, street: '' })).toBe('');
    expect(householdKey({ ...a, last: '' })).toBe('');
    expect(householdKey({ ...a, postcode: '', city: '' })).toBe('');
  });
});

describe('places and radius centres', () => {
  it('takes the state of the ZIP over a mistyped state, and the record state when the ZIP is unknown', () => {
    expect(placeOf('89501', 'CA', zips)).toEqual({ zip: '89501', zip3: '895', state: 'NV', lat: 39.5268, lon: -119.8113 });
    expect(placeOf('', 'nv', zips)).toEqual({ zip: '', zip3: '', state: 'NV', lat: null, lon: null });
    expect(placeOf('', 'Nevada', zips).state).toBe('');
    expect(placeOf('ABCDE', '', zips).zip).toBe('');
  });

  it.each([
    ['89501', 'RENO, NV 89501'],
    ['89501-1234', 'RENO, NV 89501'],
    ['12 Main St, Reno NV 89501', 'RENO, NV 89501'],
    ['10001 Elm Road, Sacramento CA 95814', 'SACRAMENTO, CA 95814'],
  ])('resolves %s', (text, label) => {
    expect(resolveCenter(text, zips).label).toBe(label);
  });

  it.each([
    ['Main Street', /no 5-digit ZIP/],
    ['99999', /ZIP 99999 is not in the bundled ZIP table/],
  ])('refuses %s in words', (text, message) => {
    expect(() => resolveCenter(text, zips)).toThrow(message);
  });

  // Published great-circle ("as the crow flies") distances between the cities' centres; ZIP centroids sit within a few
  // miles of them.
  it.each([
    ['89501', '95814', 112, 3], // Reno – Sacramento
    ['10001', '90001', 2446, 15], // New York – Los Angeles
    ['02108', '10001', 190, 5], // Boston – New York
    ['60601', '48201', 238, 6], // Chicago – Detroit
  ])('%s to %s is about %i miles', (a, b, miles, tolerance) => {
    const d = milesFrom(resolveCenter(a, zips), placeOf(b, '', zips))!;
    expect(Math.abs(d - miles)).toBeLessThanOrEqual(tolerance);
  });

  it('is symmetric, zero to itself, and unknown without a centroid', () => {
    const reno = resolveCenter('89501', zips);
    expect(milesFrom(reno, placeOf('89501', '', zips))).toBe(0);
    expect(milesFrom(reno, placeOf('', 'NV', zips))).toBeNull();
    const sac = resolveCenter('95814', zips);
    expect(milesFrom(reno, placeOf('95814', '', zips))).toBeCloseTo(milesFrom(sac, placeOf('89501', '', zips))!, 9);
  });
});

describe('bestAreas: the fewest areas holding a share', () => {
  it('takes the heaviest areas first until the share is reached', () => {
    const w = new Map([['895', 6], ['841', 3], ['941', 1]]);
    expect(bestAreas(w, 60)).toEqual({ areas: ['895'], covered: 6, total: 10, share: 0.6 });
    expect(bestAreas(w, 61).areas).toEqual(['841', '895']);
    expect(bestAreas(w, 100).areas).toEqual(['841', '895', '941']);
    expect(bestAreas(new Map(), 80)).toEqual({ areas: [], covered: 0, total: 0, share: 0 });
  });

  it('no smaller set of areas holds as much (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 100 }), (weights, percent) => {
        const m = new Map(weights.map((w, k) => [String(100 + k), w]));
        const r = bestAreas(m, percent);
        expect(r.covered).toBeGreaterThanOrEqual((r.total * percent) / 100 - 1e-9);
        // The best set one area smaller falls short.
        const sorted = [...weights].sort((a, b) => b - a);
        const smaller = sorted.slice(0, r.areas.length - 1).reduce((s, x) => s + x, 0);
        expect(smaller).toBeLessThan((r.total * percent) / 100 - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('step labels and record summaries', () => {
  const name = (id: number) => ({ 1: 'Do not mail', 2: 'House file' })[id] ?? `list ${id}`;
  it.each<[TargetStep, string]>([
    [{ kind: 'suppress', listIds: [1], level: 'auto' }, 'Suppress "Do not mail" (most specific level each entry allows)'],
    [{ kind: 'customers', mode: 'exclude', level: 'auto' }, 'Exclude existing customers'],
    [{ kind: 'customers', mode: 'only', listIds: [2], level: 'person' }, 'Existing customers only ("House file")'],
    [{ kind: 'states', mode: 'include', states: ['ca', 'NV'] }, 'States: CA, NV'],
    [{ kind: 'zip3', mode: 'exclude', zip3: ['100', '101', '102', '103', '104', '105', '106', '107', '108', '109'] }, 'Not in ZIP3 areas: 100, 101, 102, 103, 104, 105, 106, 107 … (+2)'],
    [{ kind: 'radius', mode: 'include', center: '89501', miles: 25 }, 'Within 25 miles of RENO, NV 89501'],
    [{ kind: 'radius', mode: 'exclude', center: '89501', miles: 2.5 }, 'Farther than 2.5 miles of RENO, NV 89501'],
    [{ kind: 'notMailed', days: 30 }, 'Not mailed in the last 30 days'],
    [{ kind: 'householdLimit', pieces: 1, days: 90 }, 'At most 1 piece per household in 90 days'],
    [{ kind: 'mailable' }, 'Deliverable postal address'],
    [{ kind: 'multiBuyers', minLists: 2 }, 'Multi-buyers only (on 2+ bought lists)'],
  ])('%j', (step, label) => {
    expect(stepLabel(step, name, 'RENO, NV 89501')).toBe(label);
  });

  it('describes a record by name, company and address, or by its e-mail when it has neither name nor address', () => {
    expect(describeRecord(rec({ first: 'bob', last: 'smith', houseNo: '12', street: 'main st', unit: 'apt 1', postcode: '89501' }))).toBe('Bob Smith, 12 Main St Apt 1, 89501');
    expect(describeRecord(rec({ company: 'acme supply', houseNo: '1', street: 'market st', city: 'san francisco' }))).toBe('Acme Supply, 1 Market St, SAN FRANCISCO');
    expect(describeRecord(rec({ email: 'tom@x.com' }))).toBe('tom@x.com');
    expect(describeRecord(rec({}))).toBe('(no name or address)');
  });
});

describe('Waterfall', () => {
  it('counts add up and a record is removed once, by the first step that removes it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.array(fc.nat(80)), { maxLength: 6 }), (n, steps) => {
        const w = new Waterfall(n);
        let expectIn = n;
        const firstStep = new Map<number, number>();
        steps.forEach((picks, k) => {
          const c = w.step(k + 1, picks.filter((i) => i < n).map((i) => [i, `step ${k + 1}`] as const));
          expect(c.in).toBe(expectIn);
          expectIn -= c.removed;
          for (const i of picks) if (i < n && !firstStep.has(i)) firstStep.set(i, k + 1);
        });
        expect(w.remaining).toBe(expectIn);
        expect([...w.kept()]).toHaveLength(expectIn);
        for (let i = 0; i < n; i++) {
          expect(w.removedAt[i]).toBe(firstStep.get(i) ?? -1);
          expect(w.reasons[i]).toBe(firstStep.has(i) ? `step ${firstStep.get(i)}` : undefined);
        }
      }),
      { numRuns: 200 },
    );
  });
});
