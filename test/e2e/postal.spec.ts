// The postal service hand-off in Chromium: a cleaned list is exported in the CASS/NCOA layout from the clean bar's "Postal
// service" menu; the file comes back as a service bureau returns it (renamed headers, ZIP+4, a DPV "N", a move without a
// forwarding address, a key of no record); importing it through the same menu makes those two records not mailable, the
// record drawer shows the bureau's words, and the toast names the line it could not use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { attachScreenshot, expect, test } from './host-fixture';
import { cleanFromPrompt, createProject, finishWizard, gridCell, pickForImport, previewReady } from './ui-steps';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'clean', 'dirty-contacts.csv');

test('export for a CASS/NCOA service, import its results: undeliverable records lose their mailable verdict', async ({ page, host }) => {
  await page.goto(host.url);
  await createProject(page, 'Postal');
  await pickForImport(page, fixture);
  await previewReady(page);
  await finishWizard(page, 'Contacts');
  await page.getByTestId('report-dismiss').click();
  await cleanFromPrompt(page);
  const mailableBefore = Number(await page.getByTestId('clean-mailable').getAttribute('data-value'));
  expect(mailableBefore).toBeGreaterThanOrEqual(3);

  // Out: the clean bar's postal menu opens the export dialog on the service bureau's layout.
  await page.getByTestId('postal-button').click();
  await expect(page.getByTestId('postal-menu')).toContainText('licensed service bureau');
  await attachScreenshot(page, 'postal-1 menu');
  await page.getByTestId('postal-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-fields')).toHaveValue('cass');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-submit').click();
  const sent = Papa.parse<Record<string, string>>(fs.readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(sent.meta.fields?.[0]).toBe('winnow_id');
  expect(sent.meta.fields).toEqual(expect.arrayContaining(['address1', 'city', 'state', 'zip']));
  expect(sent.data).toHaveLength(5);

  // Back: the bureau's own headers; row 1 (Ann Lee) DPV N, row 2 (Bob Stone) moved leaving no forwarding address (NCOA
  // return code 02), and a key of no record of this list.
  const rows = sent.data.map((r, i) => ({
    'Record ID': r.winnow_id!,
    'Delivery Line 1': (r.address1 ?? '').toUpperCase(),
    City: (r.city ?? '').toUpperCase(),
    St: r.state ?? '',
    ZIP: (r.zip ?? '').slice(0, 5),
    Plus4: '1234',
    DPVMatchCode: i === 0 ? 'N' : 'Y',
    'NCOA Return Code': i === 1 ? '02' : '',
    'Move Type': i === 1 ? 'I' : '',
  }));
  rows.push({ ...rows[3]!, 'Record ID': 'W99-1' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-postal-'));
  const results = path.join(dir, 'bureau-results.csv');
  fs.writeFileSync(results, Papa.unparse(rows));

  await page.getByTestId('postal-button').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('postal-import').click();
  await (await chooser).setFiles(results);
  const toast = page.getByTestId('toast').filter({ hasText: 'Postal results' });
  await expect(toast).toContainText('5 records matched', { timeout: 60_000 });
  await expect(toast).toContainText('line 7');
  await attachScreenshot(page, 'postal-2 results imported');
  await expect(page.getByTestId('clean-mailable')).toHaveAttribute('data-value', String(mailableBefore - 2));

  // The record drawer says what the bureau said, and the verdict follows it.
  await gridCell(page, 1, 0).click();
  await page.keyboard.press('Space');
  const postal = page.getByTestId('drawer-postal');
  await expect(postal).toBeVisible();
  await expect(postal).toHaveAttribute('data-undeliverable', 'true');
  await expect(page.getByTestId('drawer-postal-dpv')).toHaveAttribute('data-code', 'N');
  await expect(page.getByTestId('verdict-mailable')).toHaveAttribute('data-value', 'no');
  await attachScreenshot(page, 'postal-3 record drawer');
  await gridCell(page, 2, 0).click();
  await expect(page.getByTestId('drawer-postal-move')).toBeVisible();
  await expect(page.getByTestId('drawer-postal')).toHaveAttribute('data-undeliverable', 'true');
  await gridCell(page, 4, 0).click();
  await expect(page.getByTestId('drawer-postal-dpv')).toHaveAttribute('data-code', 'Y');
  await expect(page.getByTestId('drawer-postal')).toHaveAttribute('data-undeliverable', 'false');
});
