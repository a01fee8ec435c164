// Proves the compact stored form of a cleaned record (data layout 2) gives back exactly what cleanRecord made, that rows
// written in layout 1 still read, and that the stored issue codes and the clean counts equal their Set-based forms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueField, IssueSeverity } from '../../../src/api/contract';
import { generateRows } from '../../../bench/normalize-bench';
import { cleanRecord, type CanonicalValues, type CleanedRecord, type CleanIssue, type CleanTables } from '../../../src/domain/clean-record';
import { cleanBatch, unwire, valuesOf, type FieldColumns } from '../../../src/jobs/clean-batch';
import { loadEmailLists, loadZipTable } from '../../../src/jobs/reference-data';
import { decodeClean, emptyStats, encodeClean, tally, type CleanStats } from '../../../src/store/clean';

const tables: CleanTables = { zips: loadZipTable('resources'), email: loadEmailLists('resources'), defaultCountry: 'US' };

const roundTrip = (r: CleanedRecord): CleanedRecord => {
  const e = encodeClean(r);
  return decodeClean({ flags: e.flags, quality: e.quality, state: e.state, zip5: e.zip5, data: e.data });
};

/** The codes column as first written: each code once, in order, between spaces. */
const referenceCodes = (issues: readonly CleanIssue[]) => (issues.length === 0 ? '' : ` ${[...new Set(issues.map((i) => i.code))].join(' ')} `);

/** tally as first written, with a Set. */
function referenceTally(stats: CleanStats, flags: number, quality: number, issues: readonly CleanIssue[]): void {
  stats.rows += 1;
  if (flags & 1) stats.mailable += 1;
  if (flags & 2) stats.emailable += 1;
  if (flags & 4) stats.callable += 1;
  if (issues.some((i) => i.severity !== 'info')) stats.withIssues += 1;
  stats.qualitySum += quality;
  const seen = new Set<string>();
  for (const i of issues) {
    if (seen.has(i.code)) continue;
    seen.add(i.code);
    const c = (stats.codes[i.code] ??= [i.severity, 0]);
    c[1] += 1;
  }
}

const COLUMNS: FieldColumns = [
  [0, 'first_name'], [1, 'last_name'], [2, 'company'], [3, 'title'], [4, 'address1'], [5, 'address2'], [6, 'city'], [7, 'state'], [8, 'zip'], [9, 'phone'], [10, 'email'],
];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', 'person', 'company', 'No e-mail address.', 'No e-mail address (−15)', 'x@Y.com', 'Acme', 'acme', '0', 'null', '\uD800', 'é'),
);
const field = fc.constantFrom<IssueField>('name', 'company', 'title', 'email', 'phone', 'address', 'city', 'state', 'zip');
const severity = fc.oneof(fc.constantFrom<IssueSeverity>('info', 'warning', 'error'), fc.string({ maxLength: 4 }) as fc.Arbitrary<IssueSeverity>);
const issue = fc.record(
  {
    field,
    code: fc.oneof(fc.tuple(field, fc.string({ maxLength: 6 })).map(([f, c]) => `${f}.${c}`), fc.string({ maxLength: 10 }), fc.constantFrom('email.missing', 'zip.missing', 'name', 'namex.y', '.', 'name.')),
    severity,
    message: fc.oneof(text, fc.constantFrom('No e-mail address.', 'No phone number.', 'No ZIP code', 'No city.')),
    suggestion: fc.oneof(text, fc.constant('')),
  },
  { requiredKeys: ['field', 'code', 'severity', 'message'] },
).map((i) => ({ ...i })) as fc.Arbitrary<CleanIssue>; // plain objects, as cleanRecord makes (fast-check's have no prototype)
const coordinate = fc.oneof(fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)));

/** Any record of the CleanedRecord shape, including ones cleanRecord never makes (a key unlike the company, a field unlike the code). */
const anyRecord: fc.Arbitrary<CleanedRecord> = fc.record({
  nameKind: fc.oneof(fc.constantFrom('person', 'company', 'couple', 'empty'), text),
  prefix: text, firstName: text, middleName: text, lastName: text, suffix: text,
  company: text,
  companyKey: text,
  title: text,
  email: fc.oneof(text, fc.tuple(text, text).map(([a, b]) => `${a}@${b}`)),
  emailDomain: text,
  phone: text, address1: text, address2: text, city: text, state: text, zip5: text, zip4: text,
  lat: coordinate, lon: coordinate,
  mailable: fc.boolean(), emailable: fc.boolean(), callable: fc.boolean(),
  quality: fc.integer({ min: 0, max: 100 }),
  qualityReasons: fc.array(fc.oneof(text, fc.constantFrom('No e-mail address (−15)', '1 warning (−4)', 'Not mailable: No ZIP code (−35)')), { maxLength: 4 }),
  issues: fc.array(issue, { maxLength: 5 }),
}).map((r) => ({ ...r })).chain((r) => fc.constantFrom(r, { ...r, companyKey: r.company.toLowerCase() }, { ...r, emailDomain: r.email.slice(r.email.lastIndexOf('@') + 1) }));

describe('stored clean results', () => {
  it('decode(encode(r)) is r for any record of the shape', () => {
    fc.assert(fc.property(anyRecord, (r) => {
        expect(roundTrip(r)).toStrictEqual(r);
      }), { numRuns: 20_000 });
  });

  it('decode(encode(r)) is r for cleaned generated list rows, and the codes column is as before', () => {
    for (const row of generateRows(4000, 7)) {
      const r = cleanRecord(valuesOf(row, COLUMNS), tables);
      expect(roundTrip(r)).toStrictEqual(r);
      expect(encodeClean(r).codes).toBe(referenceCodes(r.issues));
    }
  });

  it('decode(encode(r)) is r for cleaned random values', () => {
    const values = fc.dictionary(fc.constantFrom('first_name', 'last_name', 'full_name', 'company', 'title', 'address1', 'address2', 'city', 'state', 'zip', 'phone', 'email'), text) as fc.Arbitrary<CanonicalValues>;
    fc.assert(fc.property(values, (v) => {
        const r = cleanRecord(v, tables);
        expect(roundTrip(r)).toStrictEqual(r);
      }), { numRuns: 3000 });
  });

  it('reads rows written in layout 1 (rules version 1)', () => {
    const row = {
      flags: 5, quality: 85, state: 'FL', zip5: '33606',
      data: '["person","","Luis","L","Brown","","Acme Inc","acme","","","","+18139068315","8093 SPRUCE ST","","TAMPA","2110",27.9475,-82.4584,["No e-mail address (−15)"],[["email","email.missing","info","No e-mail address."],["email","email.typo","warning","typo","l@gmail.com"]]]',
    };
    expect(decodeClean(row)).toStrictEqual({
      nameKind: 'person', prefix: '', firstName: 'Luis', middleName: 'L', lastName: 'Brown', suffix: '', company: 'Acme Inc', companyKey: 'acme', title: '',
      email: '', emailDomain: '', phone: '+18139068315', address1: '8093 SPRUCE ST', address2: '', city: 'TAMPA', zip4: '2110', lat: 27.9475, lon: -82.4584,
      qualityReasons: ['No e-mail address (−15)'],
      issues: [{ field: 'email', code: 'email.missing', severity: 'info', message: 'No e-mail address.' }, { field: 'email', code: 'email.typo', severity: 'warning', message: 'typo', suggestion: 'l@gmail.com' }],
      state: 'FL', zip5: '33606', mailable: true, emailable: false, callable: true, quality: 85,
    });
  });

  it('a batch (one JSON.parse, counts without a Set) gives what cleaning row by row gives', () => {
    const rows = generateRows(3000, 13);
    const w = cleanBatch(JSON.stringify(rows), COLUMNS, tables);
    const cols = unwire(w);
    const expected = emptyStats();
    rows.forEach((row, i) => {
      const r = cleanRecord(valuesOf(row, COLUMNS), tables);
      const e = encodeClean(r);
      expect([cols.flags[i], cols.quality[i], cols.state[i], cols.zip5[i], cols.codes[i], cols.data[i]]).toEqual([e.flags, e.quality, e.state, e.zip5, e.codes, e.data]);
      referenceTally(expected, e.flags, e.quality, r.issues);
    });
    expect(w.stats).toEqual(expected);
    const one = emptyStats();
    tally(one, encodeClean(cleanRecord({}, tables)), [{ code: 'a.b', severity: 'info' }, { code: 'a.b', severity: 'info' }, { code: 'c.d', severity: 'error' }], 1);
    expect(one.codes).toEqual({ 'a.b': ['info', 1], 'c.d': ['error', 1] });
  });
});
