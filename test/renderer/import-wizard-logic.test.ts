// The import wizard's rules without a DOM: a field feeds one column, the list form becomes ListDetails, names stay unique,
// every canonical field has words, and problems export as CSV Excel reads.
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS, type PreviewColumn } from '../../src/api/contract';
import { describeRead } from '../../renderer/src/components/import-report';
import { delimiterWord, encodingLabel, FIELD_GROUPS, FIELD_LABELS, FIELD_TAGS, normalizeEncoding } from '../../renderer/src/import/field-labels';
import { describeDetails, emptyListForm, parseDollars, suggestListName, toListDetails } from '../../renderer/src/import/list-form';
import { assignField, initialMapping, mappingCounts, reapplyEdits, sampleValues, toColumnMapping } from '../../renderer/src/import/mapping-edit';

const col = (index: number, name: string, field: PreviewColumn['field'], confidence = 0.9): PreviewColumn => ({ index, name, field, confidence, reason: '' });

describe('mapping editor', () => {
  const columns = [col(0, 'First', 'first_name'), col(1, 'Zip', 'zip', 0.6), col(2, 'Postal', 'zip', 0.95), col(3, 'Notes', null, 0)];

  it('starts from the engine’s proposal, giving a field proposed twice to the more confident column', () => {
    expect(initialMapping(columns).fields).toEqual(['first_name', null, 'zip', null]);
  });

  it('un-maps the column that held a field when another column takes it, and says so', () => {
    const m = assignField(initialMapping(columns), 1, 'zip');
    expect(m.fields).toEqual(['first_name', 'zip', null, null]);
    expect(m.displaced).toEqual({ 2: { field: 'zip', to: 1 } });
    // Choosing a field for the displaced column clears its note.
    const m2 = assignField(m, 2, 'city');
    expect(m2.displaced).toEqual({});
    expect(mappingCounts(m2)).toEqual({ mapped: 3, custom: 1 });
  });

  it('keeping a column as a custom field displaces nothing', () => {
    const m = assignField(initialMapping(columns), 0, null);
    expect(m.fields).toEqual([null, null, 'zip', null]);
    expect(m.displaced).toEqual({});
  });

  it('sends every column, by its source index', () => {
    const shifted = [col(2, 'A', 'email'), col(5, 'B', null)];
    expect(toColumnMapping(shifted, initialMapping(shifted))).toEqual([
      { index: 2, field: 'email' },
      { index: 5, field: null },
    ]);
  });

  it('carries the user’s choices over to a re-read file by column name, the latest choice winning', () => {
    const reread = [col(0, 'Title row junk', null, 0), col(1, 'First', 'first_name'), col(2, 'Zip', 'zip'), col(3, 'Postal', null, 0)];
    const edits = new Map<string, 'zip' | 'city' | null>([
      ['First', null],
      ['Postal', 'zip'],
      ['Gone', 'city'],
    ]);
    expect(reapplyEdits(reread, edits)).toEqual({ fields: [null, null, null, 'zip'], displaced: {} });
  });

  it('samples distinct non-blank values', () => {
    expect(sampleValues([['a'], [''], ['a'], [' b '], ['c'], ['d']], 0)).toEqual(['a', 'b', 'c']);
  });
});

describe('list form', () => {
  it.each([
    ['1250', 1250],
    ['$1,250.50', 1250.5],
    ['$ 900', 900],
    ['12,5', null],
    ['abc', null],
    ['-3', null],
  ])('price %s → %s', (text, value) => {
    expect(parseDollars(text)).toBe(value);
  });

  it('keeps only the chosen role’s details', () => {
    const form = { ...emptyListForm('x'), vendor: ' Acme Data ', pricePaid: '1,200', purchaseDate: '2026-03-01', campaign: 'Spring', notes: ' n ' };
    expect(toListDetails(form)).toEqual({ ok: true, details: { vendor: 'Acme Data', pricePaid: 1200, purchaseDate: '2026-03-01', notes: 'n' } });
    expect(toListDetails({ ...form, role: 'suppression', suppressionKind: 'deceased' })).toEqual({ ok: true, details: { suppressionKind: 'deceased', notes: 'n' } });
    expect(toListDetails({ ...form, role: 'responses' })).toEqual({ ok: true, details: { campaign: 'Spring', notes: 'n' } });
    expect(toListDetails({ ...form, role: 'customers', notes: '' })).toEqual({ ok: true, details: {} });
  });

  it('refuses a price that is not an amount, in words', () => {
    expect(toListDetails({ ...emptyListForm('x'), pricePaid: 'lots' })).toMatchObject({ ok: false, field: 'pricePaid' });
  });

  it('describes a list’s details in one line', () => {
    expect(describeDetails({ vendor: 'Acme Data', pricePaid: 1250.5, purchaseDate: '2026-03-01' })).toBe('Acme Data · $1,250.50 · bought 2026-03-01');
    expect(describeDetails({ suppressionKind: 'do-not-mail', notes: 'from the DMA' })).toBe('Do not mail · from the DMA');
    expect(describeDetails({})).toBe('');
  });

  it('suggests a list name from the file that no list has yet', () => {
    expect(suggestListName('acme.csv', [])).toBe('acme');
    expect(suggestListName('acme.csv', ['acme', 'acme (2)'])).toBe('acme (3)');
    expect(suggestListName('.csv', [])).toBe('List');
  });
});

describe('words', () => {
  it('every canonical field has a label and a tag, and appears in exactly one group', () => {
    for (const f of CANONICAL_FIELDS) {
      expect(FIELD_LABELS[f]).toBeTruthy();
      expect(FIELD_TAGS[f]).toBeTruthy();
    }
    expect(FIELD_GROUPS.flatMap((g) => g.fields).sort()).toEqual([...CANONICAL_FIELDS].sort());
  });

  it.each([
    ['UTF8', 'utf-8', 'UTF-8'],
    ['windows-1252', 'windows-1252', 'Windows-1252'],
    ['latin1', 'iso-8859-1', 'ISO-8859-1'],
    ['x-mac-roman', 'macintosh', 'Mac Roman'],
    ['koi8-r', 'koi8-r', 'koi8-r'],
  ])('encoding %s', (name, value, label) => {
    expect(normalizeEncoding(name)).toBe(value);
    expect(encodingLabel(name)).toBe(label);
  });

  it('names delimiters as words and reads a workbook as Excel', () => {
    expect([',', '\t', 'semicolon', '|', 'xlsx'].map(delimiterWord)).toEqual(['comma', 'tab', 'semicolon', 'pipe', 'Excel workbook']);
    expect(describeRead({ kind: 'delimited', encoding: 'windows-1252', delimiter: 'comma', sheet: null })).toBe('Windows-1252, comma');
    expect(describeRead({ kind: 'xlsx', encoding: 'utf-8', delimiter: 'xlsx', sheet: 'Leads' })).toBe('Excel, sheet “Leads”');
  });
});
