// Covers the CASS/NCOA round trip: `export --fields cass` with its record key, a service bureau's result file read back by
// `postal-import` (header detection for three vendor layouts, unmatched / duplicate / blank keys with line numbers), the
// results kept beside the records and shown by records.get, DPV N / vacant / moved without forwarding made not mailable
// and kept through a re-clean, a re-import replacing them, an edited address setting them aside, and bad files refused.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../../src/api/contract';
import { detectPostalLayout, parseRecordKey, readPostalRow, recordKey, type PostalField } from '../../../src/domain/export/postal-layout';
import { applyPostal, postalEffect, type PostalFinding } from '../../../src/domain/postal-verdict';
import { parseCsv } from '../../fixtures/csv';
import { cli } from '../../fixtures/cli';
import { cleanupAfterEach, openService, tempDir, writeFile } from '../../fixtures/helpers';

cleanupAfterEach();

const PROSPECTS = [
  'id,First Name,Last Name,Address,City,State,Zip',
  'p1,Robert,Smith,12 Main Street Apt 1,Reno,NV,89501',
  'p2,Maria,Smith,12 Main St Apt 1,Reno,NV,89501',
  'p3,James,Carter,7 Lake Rd,Sparks,NV,89431',
  'p4,Linda,Nguyen,55 Curry St,Carson City,NV,89701',
  'p5,Paul,Brown,900 State St,Salt Lake City,UT,84101',
  'p6,Karen,White,1 Market St,San Francisco,CA,94102',
].join('\n');

const readCsv = (file: string) => parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), ',').filter((x) => x.length > 1);
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

async function setup() {
  const dir = tempDir();
  const project = path.join(dir, 'p.winnow');
  const r = await cli(['import', writeFile(dir, 'bought.csv', PROSPECTS), '--project', project, '--name', 'Bought']);
  expect(r.err).toEqual([]);
  return { dir, project };
}

/** The project opened in a service of its own, for records.get and records.edit. */
async function open(project: string) {
  const service = openService();
  const info: ProjectInfo = await service.invoke('project.open', { file: service.registerFile(project, 'read') });
  const get = (rowNo: number) => service.invoke('records.get', { projectId: info.projectId, listId: 1, rowNo });
  return { service, info, get, close: () => service.invoke('project.close', { projectId: info.projectId }) };
}

const VENDOR_HEADER = ['winnow_id', 'Name', 'Address', 'Suite', 'City', 'St', 'ZIP', 'Plus4', 'DPV', 'DPVVacant', 'NCOA Return Code', 'NCOA Move Type', 'Move Effective Date', 'New Address', 'New City', 'New State', 'New ZIP'];

/** What a service bureau sends back: its own headers, ZIP+4, DPV, vacancy and NCOA columns, in the order it likes. */
function vendorFile(dir: string, name: string, sent: string[][], change: (key: string) => Partial<Record<string, string>> = () => ({})): string {
  const head = sent[0]!;
  const at = (row: string[], h: string) => row[head.indexOf(h)] ?? '';
  const rows: string[][] = [VENDOR_HEADER];
  for (const row of sent.slice(1)) {
    const key = at(row, 'winnow_id');
    const base: Record<string, string> = {
      winnow_id: key, Name: at(row, 'full_name').toUpperCase(), Address: at(row, 'address1').toUpperCase(), Suite: at(row, 'address2').toUpperCase(),
      City: at(row, 'city').toUpperCase(), St: at(row, 'state'), ZIP: at(row, 'zip').slice(0, 5), Plus4: '1234', DPV: 'Y', DPVVacant: 'N',
      'NCOA Return Code': '00',
    };
    const v = { ...base, ...change(key) };
    rows.push(VENDOR_HEADER.map((h) => v[h] ?? ''));
  }
  return writeFile(dir, name, csv(rows));
}

describe('export --fields cass', () => {
  it('writes the record key first, then name, company and the address cleaned (on the fly when the list was never cleaned)', async () => {
    const { dir, project } = await setup();
    const out = path.join(dir, 'cass.csv');
    const r = await cli(['export', '--project', project, '--list', 'Bought', '--out', out, '--fields', 'cass']);
    expect(r.err).toEqual([]);
    const rows = readCsv(out);
    expect(rows[0]).toEqual(['winnow_id', 'full_name', 'first_name', 'last_name', 'company', 'address1', 'address2', 'city', 'state', 'zip']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['W1-1', 'W1-2', 'W1-3', 'W1-4', 'W1-5', 'W1-6']);
    expect(rows[1]).toEqual(['W1-1', 'Robert Smith', 'Robert', 'Smith', '', '12 MAIN ST APT 1', '', 'RENO', 'NV', '89501']);
    // The key is never touched by formula neutralization, and reads back as the record.
    expect(parseRecordKey(rows[3]![0]!)).toEqual({ listId: 1, rowNo: 3 });
    expect(parseRecordKey("'W1-3")).toEqual({ listId: 1, rowNo: 3 });
    expect(recordKey(12, 40000)).toBe('W12-40000');
    for (const bad of ['', 'W1', '1-0', 'X1-2', 'W1-2-3']) expect(parseRecordKey(bad), bad).toBeNull();
  });
});

describe('postal-import round trip', () => {
  it('matches rows by key, reports counts with line numbers, shows the result on the record and makes DPV N, vacant and moved-away records not mailable', async () => {
    const { dir, project } = await setup();
    expect((await cli(['clean', '--project', project])).code).toBe(0);
    const sent = path.join(dir, 'cass.csv');
    expect((await cli(['export', '--project', project, '--list', 'Bought', '--out', sent, '--fields', 'cass'])).code).toBe(0);
    const rows = readCsv(sent);
    // Rows 3 DPV N, 4 vacant, 5 moved to a new address, 6 moved left no address, 2 building only (S); then an unknown
    // key (line 8), a blank key (line 9) and row 6 again (line 10).
    let file = vendorFile(dir, 'results.csv', rows, (key) =>
      ({
        'W1-2': { DPV: 'S' },
        'W1-3': { DPV: 'N', Plus4: '' },
        'W1-4': { DPVVacant: 'Y' },
        'W1-5': { 'NCOA Return Code': 'A', 'NCOA Move Type': 'F', 'Move Effective Date': '202403', 'New Address': '77 OAK AVE', 'New City': 'PROVO', 'New State': 'UT', 'New ZIP': '84601-1111' },
        'W1-6': { 'NCOA Return Code': '02', 'NCOA Move Type': 'I', 'Move Effective Date': '2024-01' },
      })[key] ?? {},
    );
    const text = fs.readFileSync(file, 'utf8');
    const extra = csv([
      ['W9-1', 'SOMEONE ELSE', '1 ELM ST', '', 'RENO', 'NV', '89501', '', 'Y', 'N', '00', '', '', '', '', '', ''],
      ['', 'NO KEY', '2 ELM ST', '', 'RENO', 'NV', '89501', '', 'Y', 'N', '00', '', '', '', '', '', ''],
      ['W1-6', 'KAREN WHITE', '1 MARKET ST', '', 'SAN FRANCISCO', 'CA', '94102', '', 'N', 'N', '00', '', '', '', '', '', ''],
    ]);
    file = writeFile(dir, 'results.csv', text + extra);

    const r = await cli(['postal-import', '--project', project, '--list', 'Bought', '--file', file]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.slice(0, 8)).toEqual([
      'postal-import: results.csv → list 1 "Bought"',
      'matched: 6',
      'unmatched: 1 (first lines: 8)',
      'dpv confirmed: 5',
      'dpv not confirmed: 1',
      'vacant: 1',
      'moved: 2',
      'now not mailable: 3',
    ]);
    expect(r.out).toContain('  duplicate keys: 1 (lines 10; the first row of each key was used)');
    expect(r.out).toContain('  rows without a key: 1 (lines 9)');
    expect(r.out).toContain('  moves: 1 with a new address, 1 without a forwarding address');
    expect(r.out.at(-1)).toMatch(/^ {2}columns: winnow_id → record key, Address → address, Suite → address line 2, City → city, St → state, ZIP → ZIP, Plus4 → ZIP\+4 add-on, DPV → DPV match code/);

    const p = await open(project);
    const r1 = await p.get(1);
    expect(r1.postal).toMatchObject({ fileName: 'results.csv', lineNo: 2, address1: '12 MAIN ST APT 1', address2: '', zip5: '89501', zip4: '1234', dpv: { code: 'Y' }, vacant: false, move: null, undeliverable: false, applies: true });
    expect(r1.clean?.verdict.mailable).toBe(true);
    const r3 = await p.get(3);
    expect(r3.postal?.dpv).toEqual({ code: 'N', words: 'not confirmed: USPS does not deliver to this address (DPV N)' });
    expect(r3.postal?.undeliverable).toBe(true);
    expect(r3.clean?.verdict.mailable).toBe(false);
    expect(r3.clean?.issues.find((i) => i.code === 'address.dpv_not_confirmed')).toMatchObject({ severity: 'error', field: 'address', columns: [3] });
    expect(r3.clean?.qualityReasons).toContain('Not mailable: DPV did not confirm the address (−35)');
    // The imported and cleaned values stay as they were.
    expect(r3.columns.find((c) => c.name === 'Address')).toMatchObject({ raw: '7 Lake Rd', value: '7 Lake Rd', edited: false });
    expect((await p.get(4)).clean?.verdict.mailable).toBe(false);
    const r5 = await p.get(5);
    expect(r5.postal?.move).toEqual({ kind: 'new-address', type: 'family', date: '2024-03', code: 'A', newAddress: '77 OAK AVE, PROVO UT 84601-1111', words: 'moved (family, effective 2024-03) to 77 OAK AVE, PROVO UT 84601-1111' });
    expect(r5.clean?.verdict.mailable).toBe(true);
    expect(r5.clean?.issues.find((i) => i.code === 'address.moved')).toMatchObject({ severity: 'warning', suggestion: '77 OAK AVE, PROVO UT 84601-1111' });
    const r6 = await p.get(6);
    expect(r6.postal?.move?.words).toBe('moved, left no forwarding address (NCOA 02); individual, effective 2024-01');
    expect(r6.postal?.lineNo).toBe(7);
    expect(r6.clean?.verdict.mailable).toBe(false);
    expect((await p.get(2)).clean?.issues.map((i) => i.code)).toContain('address.dpv_secondary');
    const before = (await p.service.invoke('project.info', { projectId: p.info.projectId })).lists[0]!.clean!;
    expect(before.mailable).toBe(3);
    const issues = await p.service.invoke('lists.issues', { projectId: p.info.projectId, listId: 1 });
    expect(issues.kinds.find((k) => k.code === 'address.vacant')).toMatchObject({ records: 1, label: 'Vacant (DPV)', severity: 'error' });
    await p.close();

    // A clean keeps the results.
    expect((await cli(['clean', '--project', project])).out[0]).toMatch(/Cleaned 6 records/);
    const q = await open(project);
    expect((await q.get(3)).clean?.verdict.mailable).toBe(false);
    expect((await q.get(6)).clean?.verdict.mailable).toBe(false);
    expect((await q.service.invoke('project.info', { projectId: q.info.projectId })).lists[0]!.clean!.mailable).toBe(3);
    await q.close();

    // A re-import replaces the results of the records it names (row 3 is now confirmed) and leaves the others.
    const again = writeFile(dir, 'results2.csv', csv([VENDOR_HEADER, ['W1-3', 'JAMES CARTER', '7 LAKE RD', '', 'SPARKS', 'NV', '89431', '0001', 'Y', 'N', '00', '', '', '', '', '', '']]));
    const r2 = await cli(['postal-import', '--project', project, '--list', '1', '--file', again]);
    expect(r2.out.slice(0, 8)).toEqual(['postal-import: results2.csv → list 1 "Bought"', 'matched: 1', 'unmatched: 0', 'dpv confirmed: 1', 'dpv not confirmed: 0', 'vacant: 0', 'moved: 0', 'now not mailable: 0']);
    expect(r2.out).toContain('  mailable again (an earlier result replaced): 1');
    const s = await open(project);
    const r3b = await s.get(3);
    expect(r3b.postal).toMatchObject({ fileName: 'results2.csv', lineNo: 2, zip4: '0001', dpv: { code: 'Y' } });
    expect(r3b.clean?.verdict.mailable).toBe(true);
    expect(r3b.clean?.issues.map((i) => i.code)).not.toContain('address.dpv_not_confirmed');
    expect((await s.get(4)).postal?.fileName).toBe('results.csv');

    // Editing the address of a record sets its result aside: it speaks for the old address.
    const edited = await s.service.invoke('records.edit', { projectId: s.info.projectId, listId: 1, rowNo: 4, column: 3, value: '57 Curry St' });
    expect(edited.row.verdict?.mailable).toBe(true);
    expect((await s.get(4)).postal).toMatchObject({ vacant: true, applies: false });
    await s.service.invoke('edits.undo', { projectId: s.info.projectId });
    expect((await s.get(4)).clean?.verdict.mailable).toBe(false);
    await s.close();
  });

  it('treats the mailing waterfall and the export of a mailable set the same way (the verdict is in the clean)', async () => {
    const { dir, project } = await setup();
    const sent = path.join(dir, 'cass.csv');
    // Never cleaned: the export cleans on the fly, the import cleans the list first.
    expect((await cli(['export', '--project', project, '--list', 'Bought', '--out', sent, '--fields', 'cass'])).code).toBe(0);
    const file = vendorFile(dir, 'r.csv', readCsv(sent), (key) => (key === 'W1-1' ? { DPV: 'N' } : {}));
    const r = await cli(['postal-import', '--project', project, '--list', 'Bought', '--file', file]);
    expect(r.out[7]).toBe('now not mailable: 1');
    const db = new Database(project, { readonly: true });
    try {
      expect(db.prepare(`SELECT flags & 1 AS m FROM clean WHERE id = ?`).get(2 ** 32 + 1)).toEqual({ m: 0 });
      expect(db.prepare(`SELECT count(*) AS n FROM postal_results`).get()).toEqual({ n: 6 });
    } finally {
      db.close();
    }
  });
});

describe('result file layouts', () => {
  const sample = [['W1-1']];
  const headerOf = (layout: ReturnType<typeof detectPostalLayout>, header: string[]) =>
    Object.fromEntries(Object.entries(layout.columns).map(([f, c]) => [f, header[c]])) as Partial<Record<PostalField, string>>;

  it.each([
    {
      vendor: 'SmartyStreets-style (snake case, our columns echoed before its own)',
      header: ['winnow_id', 'full_name', 'address1', 'address2', 'city', 'state', 'zip', 'delivery_line_1', 'delivery_line_2', 'city_name', 'state_abbreviation', 'zipcode', 'plus4_code', 'dpv_match_code', 'dpv_vacant', 'dpv_footnotes'],
      expected: { key: 'winnow_id', address1: 'delivery_line_1', address2: 'delivery_line_2', city: 'city_name', state: 'state_abbreviation', zip5: 'zipcode', zip4: 'plus4_code', dpv: 'dpv_match_code', vacant: 'dpv_vacant' },
    },
    {
      vendor: 'Melissa-style (CamelCase, result codes, NCOA new address columns)',
      header: ['winnow_id', 'FullName', 'AddressLine1', 'Suite', 'City', 'State', 'PostalCode', 'Plus4', 'Results', 'MoveTypeCode', 'MoveEffectiveDate', 'NCOA Address', 'NCOA Suite', 'NCOA City', 'NCOA State', 'NCOA ZIP', 'NCOA_ReturnCode'],
      expected: {
        key: 'winnow_id', address1: 'AddressLine1', address2: 'Suite', city: 'City', state: 'State', zip5: 'PostalCode', zip4: 'Plus4', results: 'Results', moveType: 'MoveTypeCode',
        moveDate: 'MoveEffectiveDate', newAddress1: 'NCOA Address', newAddress2: 'NCOA Suite', newCity: 'NCOA City', newState: 'NCOA State', newZip5: 'NCOA ZIP', moveCode: 'NCOA_ReturnCode',
      },
    },
    {
      vendor: 'TrueNCOA / BCC style (spaces, input echoed with "Input", key renamed, move applied over the address)',
      header: ['Customer ID', 'Input Address Line 1', 'Input City', 'Input State', 'Input ZIP', 'Address Line 1', 'Address Line 2', 'City Name', 'St', 'ZIP Code', 'ZIP+4', 'DPV Confirmation', 'Vacant', 'Move Applied', 'Move Type', 'Move Date'],
      expected: { key: 'Customer ID', address1: 'Address Line 1', address2: 'Address Line 2', city: 'City Name', state: 'St', zip5: 'ZIP Code', zip4: 'ZIP+4', dpv: 'DPV Confirmation', vacant: 'Vacant', moveFlag: 'Move Applied', moveType: 'Move Type', moveDate: 'Move Date' },
    },
  ])('$vendor', ({ header, expected }) => {
    const layout = detectPostalLayout(header, sample.map((r) => [...r, ...header.slice(1).map(() => 'x')]));
    expect(headerOf(layout, header)).toEqual(expected);
  });

  it('reads each layout\'s values: ZIP+4 in one cell, result codes, a move applied over the address', () => {
    const melissa = ['winnow_id', 'AddressLine1', 'City', 'State', 'PostalCode', 'Results', 'MoveTypeCode', 'NCOA Address', 'NCOA City', 'NCOA State', 'NCOA ZIP', 'NCOA_ReturnCode'];
    const m = detectPostalLayout(melissa, sample);
    expect(readPostalRow(['W1-1', '12 MAIN ST', 'RENO', 'NV', '89501-1234', 'AS01,AS16', 'B', '1 NEW RD', 'SPARKS', 'NV', '894311234', '91'], m)).toMatchObject({
      zip5: '89501', zip4: '1234', dpv: 'Y', vacant: true, move: 'new-address', moveType: 'B', newAddress1: '1 NEW RD', newZip5: '89431', newZip4: '1234',
    });
    expect(readPostalRow(['W1-1', '12 MAIN ST', 'RENO', 'NV', '89501', 'AE02', '', '', '', '', '', '0'], m)).toMatchObject({ dpv: 'N', vacant: false, move: 'none' });
    const trueNcoa = ['Customer ID', 'Address Line 1', 'City Name', 'St', 'ZIP Code', 'ZIP+4', 'Move Applied', 'Move Type', 'Move Date'];
    const t = detectPostalLayout(trueNcoa, [['W1-1']]);
    expect(readPostalRow(['W1-1', '9 PINE ST', 'OGDEN', 'UT', '84401', '84401-2222', '2024-05-01', 'I', '05/2024'], t)).toMatchObject({
      move: 'new-address', newAddress1: '9 PINE ST', newCity: 'OGDEN', newZip5: '84401', newZip4: '2222', moveDate: '2024-05', zip4: '2222',
    });
    expect(readPostalRow(['W1-1', '9 PINE ST', 'OGDEN', 'UT', '84401', '', 'N', '', ''], t).move).toBe('none');
  });

  it('applies a finding to a record once, recomputing quality the way the clean does', () => {
    const finding: PostalFinding = { dpv: 'Y', vacant: true, move: 'none', moveType: '', moveDate: '', moveCode: '', newAddress1: '', newAddress2: '', newCity: '', newState: '', newZip5: '', newZip4: '' };
    expect(postalEffect(finding)).toBe(2);
    expect(postalEffect({ ...finding, vacant: false })).toBe(0);
    expect(postalEffect({ ...finding, vacant: null, dpv: 'D' })).toBe(1);
    const base = { mailable: true, quality: 74, qualityReasons: ['No e-mail address (−15)', '1 warning (−4)', 'Only part of the name (−5)'], issues: [{ field: 'city', code: 'city.differs_from_zip', severity: 'warning', message: 'x' }] } as const;
    const r = applyPostal({ ...(base as unknown as Parameters<typeof applyPostal>[0]), issues: [...base.issues], qualityReasons: [...base.qualityReasons] }, { ...finding, dpv: 'S' });
    expect(r.mailable).toBe(false);
    expect(r.qualityReasons).toEqual(['Not mailable: vacant (−35)', 'No e-mail address (−15)', '2 warnings (−8)', 'Only part of the name (−5)']);
    expect(r.quality).toBe(37);
  });
});

describe('bad result files', () => {
  async function tryImport(content: string) {
    const { dir, project } = await setup();
    const r = await cli(['postal-import', '--project', project, '--list', 'Bought', '--file', writeFile(dir, 'r.csv', content)]);
    const db = new Database(project, { readonly: true });
    const stored = (db.prepare(`SELECT (SELECT count(*) FROM postal_results) + (SELECT count(*) FROM postal_imports) + (SELECT count(*) FROM list_clean) AS n`).get() as { n: number }).n;
    db.close();
    return { ...r, stored };
  }

  it.each([
    ['no key column', 'Name,Address,DPV\nA,1 Main St,Y\n', /^winnow: r\.csv: no record key column\. Expected a column named winnow_id holding keys like W3-17 .*the header \(line 1\) has "Name", "Address", "DPV"\.$/],
    ['no result columns', 'winnow_id,address1,city\nW1-1,1 MAIN ST,RENO\n', /^winnow: r\.csv: no postal result columns\. Expected at least one of: a DPV match code/],
    ['a DPV value that is not a code', 'winnow_id,DPV\nW1-1,Y\nW1-2,maybe\n', /^winnow: r\.csv, line 3, column "DPV": DPV match code "maybe" is not a DPV match code \(Y, S, D or N, or blank when the address was not matched\)\. Nothing was imported\.$/],
    ['a vacant flag that is not yes or no', 'winnow_id,dpv_vacant\nW1-1,perhaps\n', /^winnow: r\.csv, line 2, column "dpv_vacant": vacant flag "perhaps" is not a yes\/no flag/],
    ['keys of another list', 'winnow_id,DPV\nW7-1,Y\n,Y\n', /^winnow: r\.csv: none of its 2 rows is a record of list 1 "Bought" \(1 with keys that are not records of it \(first on line 2: "W7-1", a record of list 7\); 1 without a key \(first on line 3\)\)\. Was it sent out from this list/],
    ['a header only', 'winnow_id,DPV\n', /^winnow: r\.csv has a header but no data rows/],
  ])('%s: one line naming the file, the line and what was expected; nothing is written', async (_what, content, message) => {
    const r = await tryImport(content);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([expect.stringMatching(message)]);
    // Not even the clean the import does first: the file is checked before anything is written.
    expect(r.stored).toBe(0);
  });

  it('refuses a missing file and a missing option in words', async () => {
    const { dir, project } = await setup();
    expect(await cli(['postal-import', '--project', project, '--list', 'Bought', '--file', path.join(dir, 'nope.csv')])).toMatchObject({ code: 1, err: [expect.stringMatching(/result file .*nope\.csv does not exist/)] });
    expect(await cli(['postal-import', '--project', project, '--list', 'Bought'])).toMatchObject({ code: 2, err: [expect.stringMatching(/--file is required/)] });
    expect(await cli(['postal-import', '--project', project, '--list', 'Other', '--file', path.join(dir, 'bought.csv')])).toMatchObject({ code: 1, err: [expect.stringMatching(/no list named "Other"/)] });
  });
});
