// The export dialog's field logic (presets, custom order, headers that cannot be named, the format a name asks for), the
// audit view's price parsing, and the jobs store's two-step mailing export (record the run, then write it with export.set).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobFinished, ListInfo, MailingInfo } from '../../src/api/contract';
import type { RendererClient } from '../../renderer/src/api/client-types';
import { setApi } from '../../renderer/src/api/create-client';
import { fieldChoices, fieldsSpec, formatOfName, moveKey, orderWithTicked, presetKeys } from '../../renderer/src/export/export-fields';
import { parseDollars, priceFromDetails } from '../../renderer/src/state/audit-store';
import { handleFinished, resetJobs, startMailingExport, useJobsStore } from '../../renderer/src/state/jobs-store';
import { useToastStore } from '../../renderer/src/state/toast-store';

const list = (columns: string[], details: ListInfo['details'] = {}): ListInfo => ({
  id: 7,
  name: 'Bought',
  role: 'prospects',
  sourceFile: 'b.csv',
  sourceSize: 1,
  importedAt: '2026-01-01T00:00:00Z',
  rowCount: 3,
  columns: columns.map((name, index) => ({ index, name })),
  format: null,
  details,
  problemCount: 0,
  clean: null,
});

describe('export fields', () => {
  const choices = fieldChoices(list(['First Name', 'Zip', 'City, State']));

  it('offers the list’s columns first, then the named fields; a header with a comma cannot be named', () => {
    expect(choices.slice(0, 3).map((c) => [c.key, c.group, Boolean(c.blocked)])).toEqual([
      ['c:0', 'column', false],
      ['c:1', 'column', false],
      ['c:2', 'column', true],
    ]);
    expect(choices.map((c) => c.spec)).toEqual(expect.arrayContaining(['addressee', 'delivery_line', 'last_line', 'zip', 'score', 'grade', 'band']));
  });

  it('starts a custom choice from the preset it replaces, in the preset’s order', () => {
    expect(presetKeys('original', choices)).toEqual(['c:0', 'c:1']);
    expect(presetKeys('mail-merge', choices)).toEqual(['f:addressee', 'f:company', 'f:delivery_line', 'f:last_line']);
    expect(presetKeys('all', choices).slice(-2)).toEqual(['c:0', 'c:1']);
  });

  it('sends a preset as its word and a custom choice as the ticked names in order', () => {
    expect(fieldsSpec('mail-merge', choices, [])).toBe('mail-merge');
    const ticked = moveKey(['f:addressee', 'f:delivery_line', 'f:zip'], 'f:zip', -1);
    expect(ticked).toEqual(['f:addressee', 'f:zip', 'f:delivery_line']);
    expect(fieldsSpec('custom', choices, [...ticked, 'c:0', 'c:2'])).toBe('addressee,zip,delivery_line,First Name');
    expect(fieldsSpec('custom', choices, [])).toBeNull();
    expect(orderWithTicked(choices, ['f:zip', 'c:1']).slice(0, 3).map((c) => c.key)).toEqual(['f:zip', 'c:1', 'c:0']);
  });

  it('moves a key no further than the ends', () => {
    expect(moveKey(['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
    expect(moveKey(['a', 'b'], 'a', 5)).toEqual(['b', 'a']);
    expect(moveKey(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });

  it('reads the format from the chosen file name', () => {
    expect(formatOfName('Set.XLSX')).toBe('xlsx');
    expect(formatOfName('set.csv')).toBe('csv');
    expect(formatOfName('set.tsv')).toBe('csv');
  });
});

describe('audit prices', () => {
  it('reads dollars as people type them', () => {
    expect(parseDollars('$1,250.00')).toBe(1250);
    expect(parseDollars(' 85 ')).toBe(85);
    expect(parseDollars('.5')).toBe(0.5);
    expect(parseDollars('')).toBeUndefined();
    expect(parseDollars('12a')).toBeNaN();
    expect(parseDollars('-3')).toBeNaN();
  });

  it('prefills from the list details: price paid first, else the CPM', () => {
    expect(priceFromDetails(list([], { pricePaid: 320, cpm: 45 }))).toEqual({ mode: 'total', text: '320' });
    expect(priceFromDetails(list([], { cpm: 45 }))).toEqual({ mode: 'cpm', text: '45' });
    expect(priceFromDetails(list([]))).toEqual({ mode: 'total', text: '' });
  });
});

describe('mailing export in two steps', () => {
  let invoke: ReturnType<typeof vi.fn>;
  let deliverFile: ReturnType<typeof vi.fn>;
  const ledger: MailingInfo[] = [
    { mailingId: 3, name: 'Spring', channel: 'direct-mail', mailedAt: '2026-03-01', recipients: 90, runId: 12, fromListName: 'Bought', fileName: 'Spring.csv', createdAt: '2026-03-01T00:00:00Z' },
  ];
  const done = (jobId: string): JobFinished => ({ jobId, kind: 'export', projectId: 'p1', status: 'done', error: null, result: { rowsWritten: 90, seconds: 0.1, file: { fileId: 'f' }, fileName: 'Spring.xlsx' } });

  beforeEach(() => {
    resetJobs();
    useToastStore.setState({ toasts: [] });
    let n = 0;
    invoke = vi.fn((method: string) => {
      if (method === 'mailing.export' || method === 'export.set') return Promise.resolve({ jobId: `j${++n}` });
      if (method === 'jobs.wait') return new Promise(() => {});
      if (method === 'mailing.ledger') return Promise.resolve({ mailings: ledger });
      return Promise.reject(new Error(`unexpected ${method}`));
    });
    deliverFile = vi.fn(async () => {});
    setApi({ invoke, deliverFile } as unknown as RendererClient);
  });

  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('records the run, then writes the recorded mailing with the chosen options to the same file, handing it over once', async () => {
    const target = { fileId: 'f', name: 'Spring.xlsx' };
    await startMailingExport({ projectId: 'p1', runId: 12, target, name: 'Spring', channel: 'direct-mail', mailedAt: '2026-03-01', fields: 'original', then: { fields: 'mail-merge', bom: false, neutralize: true, channel: 'direct-mail' } });
    expect(invoke).toHaveBeenCalledWith('mailing.export', expect.objectContaining({ runId: 12, name: 'Spring', file: { fileId: 'f' } }));
    handleFinished(done('j1'));
    await flush();
    await flush();
    expect(deliverFile).not.toHaveBeenCalled();
    expect(invoke).toHaveBeenCalledWith('export.set', { projectId: 'p1', mailing: '3', file: { fileId: 'f' }, fields: 'mail-merge', bom: false, neutralize: true, channel: 'direct-mail' });
    expect(useJobsStore.getState().jobs.map((j) => j.jobId)).toEqual(['j2']);
    handleFinished(done('j2'));
    await flush();
    expect(deliverFile).toHaveBeenCalledTimes(1);
    expect(deliverFile).toHaveBeenCalledWith({ fileId: 'f', name: 'Spring.xlsx' });
  });
});
