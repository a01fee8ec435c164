// Proves the export field catalog: mail-merge lines as a label prints them, --fields presets and names resolved in the
// order given (canonical names, mail-merge names, original headers), and unknown names refused with every valid one.
import { describe, expect, it } from 'vitest';
import { addresseeLine, deliveryLine, lastLine, resolveExportFields, scoreBand, zipSortKey } from '../../../src/domain/export/export-fields';

const blank = { prefix: '', firstName: '', middleName: '', lastName: '', suffix: '', address1: '', address2: '', city: '', state: '', zip5: '', zip4: '' };

describe('mail-merge lines', () => {
  it.each([
    [{ ...blank, firstName: 'Mary', lastName: 'Smith' }, 'Mary Smith'],
    [{ ...blank, prefix: 'Dr.', firstName: 'Mary', middleName: 'A.', lastName: 'Smith', suffix: 'Jr.' }, 'Dr. Mary A. Smith Jr.'],
    [{ ...blank, lastName: 'Smith' }, 'Smith'],
    [{ ...blank, prefix: 'Mr.' }, ''],
  ])('addressee of %j is %j', (r, want) => expect(addresseeLine(r)).toBe(want));

  it.each([
    [{ ...blank, address1: '123 N MAIN ST APT 4B' }, '123 N MAIN ST APT 4B'],
    [{ ...blank, address1: '123 MAIN ST', address2: 'STE 200' }, '123 MAIN ST STE 200'],
    [{ ...blank, address2: 'PO BOX 12' }, 'PO BOX 12'],
  ])('delivery line of %j is %j', (r, want) => expect(deliveryLine(r)).toBe(want));

  it.each([
    [{ ...blank, city: 'Reno', state: 'NV', zip5: '89501', zip4: '1234' }, 'RENO NV 89501-1234'],
    [{ ...blank, city: 'NEW YORK', state: 'NY', zip5: '10001' }, 'NEW YORK NY 10001'],
    [{ ...blank, city: 'Reno', state: 'NV' }, 'RENO NV'],
    [{ ...blank, zip5: '02108' }, '02108'],
  ])('last line of %j is %j', (r, want) => expect(lastLine(r)).toBe(want));

  it('sorts by ZIP5, ZIP+4, then delivery line, records without a ZIP last', () => {
    const rs = [
      { ...blank, zip5: '89501', zip4: '2000', address1: '1 A ST' },
      { ...blank, zip5: '', address1: '1 A ST' },
      { ...blank, zip5: '89501', zip4: '', address1: '9 B ST' },
      { ...blank, zip5: '02108', zip4: '9999', address1: '1 C ST' },
      { ...blank, zip5: '89501', zip4: '1000', address1: '5 Z ST' },
    ];
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect([...rs].sort((a, b) => byCodeUnit(zipSortKey(a), zipSortKey(b))).map((r) => `${r.zip5}-${r.zip4} ${r.address1}`)).toEqual([
      '02108-9999 1 C ST',
      '89501- 9 B ST',
      '89501-1000 5 Z ST',
      '89501-2000 1 A ST',
      '- 1 A ST',
    ]);
  });

  it('bands scores by the fit letter', () => {
    expect([100, 75, 74.9, 50, 49, 25, 24, 0].map(scoreBand)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });
});

describe('resolveExportFields', () => {
  const list = { columns: [{ index: 0, name: 'id' }, { index: 1, name: 'Company', original: 'Company' }, { index: 2, name: 'Zip Code', original: ' Zip Code ' }] };

  it('keeps the presets as documented', () => {
    expect(resolveExportFields('original', list).map((f) => f.header)).toEqual(['id', 'Company', ' Zip Code ']);
    expect(resolveExportFields('canonical', list).map((f) => f.header)).toEqual(['first_name', 'last_name', 'company', 'title', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'zip5', 'zip4', 'mailable', 'quality', 'issues']);
    expect(resolveExportFields('all', list)).toHaveLength(18);
    expect(resolveExportFields('mail-merge', list).map((f) => f.header)).toEqual(['addressee', 'company', 'delivery_line', 'last_line']);
  });

  it('takes names in the order given: named fields first by exact name, then headers exactly, then headers in any case', () => {
    expect(resolveExportFields('last_line, id,addressee,Company,zip code,score', list)).toEqual([
      { kind: 'named', name: 'last_line', header: 'last_line' },
      { kind: 'column', index: 0, header: 'id' },
      { kind: 'named', name: 'addressee', header: 'addressee' },
      { kind: 'column', index: 1, header: 'Company' },
      { kind: 'column', index: 2, header: ' Zip Code ' },
      { kind: 'named', name: 'score', header: 'score' },
    ]);
    expect(resolveExportFields('company', list)).toEqual([{ kind: 'named', name: 'company', header: 'company' }]);
    expect(resolveExportFields('ZIP5', list)).toEqual([{ kind: 'named', name: 'zip5', header: 'zip5' }]);
  });

  it('refuses an unknown name, listing every valid one', () => {
    expect(() => resolveExportFields('addressee,bogus', list)).toThrow(/unknown field "bogus".*original, canonical, all, mail-merge.*delivery_line, last_line.*" Zip Code "/);
    expect(() => resolveExportFields(' , ', list)).toThrow(/names no field/);
  });
});
