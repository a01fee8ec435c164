// The import wizard end to end in Chromium: an Excel workbook, a Windows-1252 CSV, a second import of the same file,
// a title row above the header (dropped on the window), and the problems of a ragged file.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './host-fixture';
import { createProject, finishWizard, pickForImport, previewReady, rowCells } from './ui-steps';

/** The mapping editor's field select for a column, by the column's name. */
function fieldFor(page: Page, column: string) {
  return page.getByLabel(`Field for column ${column}`, { exact: true });
}

async function gridHeaders(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="grid-header"] .grid-hcell[data-col] .grid-hcell-text').allTextContents()).map((h) => h.trim());
}

test('an Excel workbook: leading-zero ZIPs and dates arrive as Excel shows them', async ({ page, host }) => {
  const file = path.join(host.workspace, 'trade-show-leads.xlsx');
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Leads from the Boston trade show']);
  const ws = wb.addWorksheet('Leads');
  ws.addRow(['First Name', 'Last Name', 'Zip Code', 'Met On']);
  const rows: [string, string, number | string, Date][] = [
    ['Ann', 'Lee', 2108, new Date(Date.UTC(2026, 2, 14))],
    ['Bob', 'Stone', '01234', new Date(Date.UTC(2025, 10, 2))],
    ['Cy', 'Park', 90210, new Date(Date.UTC(2026, 0, 5))],
  ];
  for (const r of rows) ws.addRow(r);
  // Numbers with Excel's "00000" ZIP format (the usual way ZIPs keep their zero), and US dates.
  ws.getColumn(3).numFmt = '00000';
  ws.getColumn(4).numFmt = 'mm/dd/yyyy';
  await wb.xlsx.writeFile(file);

  await page.goto(host.url);
  await createProject(page, 'Workbooks');
  await pickForImport(page, file);
  await previewReady(page);
  // Two sheets: the one with the people can be chosen.
  const sheet = page.getByTestId('import-sheet');
  await expect(sheet).toBeVisible();
  if ((await sheet.inputValue()) !== 'Leads') {
    await sheet.selectOption('Leads');
    await previewReady(page);
  }
  await expect(sheet).toHaveValue('Leads');
  const header = page.locator('[data-testid="preview-row"][data-kind="header"]');
  await expect(header).toContainText('Zip Code');
  await expect(page.locator('[data-testid="preview-row"][data-kind="data"]').first()).toContainText('02108');
  await attachScreenshot(page, 'wizard preview step (xlsx)');

  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await attachScreenshot(page, 'wizard mapping step (xlsx)');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill('Trade show');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('current-list-name')).toHaveText('Trade show', { timeout: 60_000 });

  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '3');
  expect(await gridHeaders(page)).toEqual(['First Name', 'Last Name', 'Zip Code', 'Met On']);
  expect(await rowCells(page, 1)).toEqual(['Ann', 'Lee', '02108', '03/14/2026']);
  expect(await rowCells(page, 2)).toEqual(['Bob', 'Stone', '01234', '11/02/2025']);
  expect(await rowCells(page, 3)).toEqual(['Cy', 'Park', '90210', '01/05/2026']);
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('report-read-as')).toContainText('Excel, sheet “Leads”');
  await attachScreenshot(page, 'xlsx imported: grid and report');
});

test('a Windows-1252 CSV: the preview shows the decoded names, and so does the grid', async ({ page, host }) => {
  const file = path.join(host.workspace, 'european-customers.csv');
  fs.writeFileSync(file, Buffer.from('First Name,Last Name,City,Zip\r\nJürgen,Müller,Köln,02108\r\nJosé,García,Sevilla,01234\r\nFrançoise,Lefèvre,Besançon,90210\r\n', 'latin1'));

  await page.goto(host.url);
  await createProject(page, 'Encodings');
  await pickForImport(page, file);
  await previewReady(page);
  await expect(page.getByTestId('import-encoding')).toHaveValue('windows-1252');
  await expect(page.getByTestId('import-encoding-reason')).toContainText('Windows-1252');
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('Müller');
  await expect(preview).toContainText('José');
  await attachScreenshot(page, 'wizard preview step (Windows-1252)');

  // Reading it as UTF-8 instead shows the damage before anything is imported; switching back restores it.
  await page.getByTestId('import-encoding').selectOption('utf-8');
  await previewReady(page);
  // (The engine may show replacement characters, or refuse to read it as UTF-8: either way, no “Müller”.)
  await expect(page.locator('[data-testid="import-preview"]:has-text("Müller")')).toHaveCount(0);
  await attachScreenshot(page, 'wizard preview read as UTF-8');
  await page.getByTestId('import-encoding').selectOption('windows-1252');
  await previewReady(page);
  await expect(preview).toContainText('Müller');

  await page.getByTestId('import-next').click();
  const firstName = fieldFor(page, 'First Name');
  await expect(firstName).toHaveValue('first_name');
  await expect(fieldFor(page, 'Zip')).toHaveValue('zip');
  // A field feeds one column: giving "ZIP code" to City un-maps Zip, visibly.
  await fieldFor(page, 'City').selectOption('zip');
  await expect(page.getByTestId('mapping-displaced')).toContainText('ZIP code moved to “City”');
  await attachScreenshot(page, 'mapping step: a field moved to another column');
  await fieldFor(page, 'City').selectOption('city');
  await fieldFor(page, 'Zip').selectOption('zip');
  await expect(page.getByTestId('mapping-displaced')).toHaveCount(0);

  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill('EU customers');
  await page.getByTestId('import-role').getByText('Customers', { exact: true }).click();
  await attachScreenshot(page, 'wizard list step');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-list-name')).toHaveText('EU customers', { timeout: 60_000 });

  expect(await rowCells(page, 1)).toEqual(['Jürgen', 'Müller', 'Köln', '02108']);
  expect(await rowCells(page, 2)).toEqual(['José', 'García', 'Sevilla', '01234']);
  expect(await rowCells(page, 3)).toEqual(['Françoise', 'Lefèvre', 'Besançon', '90210']);
  // The grid header names the field each column feeds.
  await expect(page.locator('[data-testid="grid-header"] .grid-hcell[data-col="0"] [data-testid="grid-hcell-field"]')).toHaveText('First');
  await expect(page.locator('[data-testid="grid-header"] .grid-hcell[data-col="3"] [data-testid="grid-hcell-field"]')).toHaveText('ZIP');
  await expect(page.getByTestId('report-read-as')).toContainText('Windows-1252, comma');
  await attachScreenshot(page, 'import report');
});

test('the same file a second time: warned, skipped, then imported again on request', async ({ page, host }) => {
  const file = path.join(host.workspace, 'march-buy.csv');
  fs.writeFileSync(file, 'First Name,Last Name,Zip\r\nAnn,Lee,02108\r\nBob,Stone,01234\r\n');

  await page.goto(host.url);
  await createProject(page, 'Twice');
  await pickForImport(page, file);
  await previewReady(page);
  await expect(page.getByTestId('import-already')).toHaveCount(0);
  await finishWizard(page, 'March buy');

  await pickForImport(page, file);
  const warning = page.getByTestId('import-already');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/This file was already imported as “March buy” (today at|on) /);
  await attachScreenshot(page, 'already-imported warning');
  await page.getByTestId('import-skip').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('list-item')).toHaveCount(1);

  await pickForImport(page, file);
  await expect(warning).toBeVisible();
  await page.getByTestId('import-again').click();
  await previewReady(page);
  // Keyboard only from here: Enter is Next, Alt+←/→ move between steps, Enter on the last step imports.
  const step = page.getByTestId('import-step');
  await expect(page.getByTestId('import-next')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'mapping');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(step).toHaveAttribute('data-step', 'preview');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'mapping');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'list');
  // The suggested name does not clash with the first import.
  await expect(page.getByTestId('import-name')).toHaveValue('march-buy');
  await expect(page.getByTestId('import-name')).toBeFocused();
  await page.getByTestId('import-name').fill('March buy again');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-list-name')).toHaveText('March buy again', { timeout: 60_000 });
  await expect(page.getByTestId('list-item')).toHaveCount(2);
});

test('a title row above the header, dropped on the window: the header is found and the title kept aside', async ({ page, host }) => {
  const text = 'Prospect list - Acme Data Co - March 2026\r\nFirst Name,Last Name,Zip\r\nAnn,Lee,02108\r\nBob,Stone,01234\r\n';

  await page.goto(host.url);
  await createProject(page, 'Titles');
  // Drop the file anywhere on the window, as from a file manager.
  const dataTransfer = await page.evaluateHandle((content) => {
    // Runs in the page; the e2e files are type-checked with Node's globals, which have File but no DataTransfer.
    const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'acme-march.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.dispatchEvent('[data-testid="project"]', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await attachScreenshot(page, 'drop overlay');
  await page.dispatchEvent('[data-testid="project"]', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(page.getByTestId('import-file-name')).toHaveText('acme-march.csv');
  await previewReady(page);

  await expect(page.getByTestId('import-header-row')).toHaveValue('2');
  await expect(page.locator('[data-testid="preview-row"][data-kind="aside"]')).toContainText('Prospect list - Acme Data Co - March 2026');
  await expect(page.locator('[data-testid="preview-row"][data-kind="header"]')).toContainText('First Name');
  await attachScreenshot(page, 'wizard preview: title row kept aside');
  await finishWizard(page, 'Acme March');

  expect(await gridHeaders(page)).toEqual(['First Name', 'Last Name', 'Zip']);
  expect(await rowCells(page, 1)).toEqual(['Ann', 'Lee', '02108']);
  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '2');
  await expect(page.getByTestId('report-above-header')).toContainText('1');
  await expect(page.getByTestId('report-header-row')).toContainText('2');
});

test('rows with a problem: the report links to them, the Problems tab lists them and exports them', async ({ page, host }) => {
  const file = path.join(host.workspace, 'ragged.csv');
  fs.writeFileSync(file, 'Name,City,Zip\r\nAnn Lee,Boston,02108\r\nBob Stone,Newark,07102,EXTRA\r\nCy Park,Austin\r\nDee Rowe,Fresno,93650\r\n');

  await page.goto(host.url);
  await createProject(page, 'Problems');
  await pickForImport(page, file);
  await previewReady(page);
  await finishWizard(page, 'Ragged');

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('report-rows-read')).toContainText('4');
  await expect(page.getByTestId('report-rows-problems')).toContainText('2');
  await page.getByTestId('report-view-problems').click();
  const problems = page.getByTestId('problems-view');
  await expect(problems).toBeVisible();
  await expect(page.getByTestId('problem-row')).toHaveCount(2);
  await expect(page.getByTestId('problem-row').first()).toContainText('Bob Stone');
  await attachScreenshot(page, 'problems view');

  const download = page.waitForEvent('download');
  await page.getByTestId('problems-export').click();
  const saved = await (await download).path();
  const csv = fs.readFileSync(saved, 'utf8');
  // Written by the engine's export job, the same file `winnow problems --out` writes.
  expect(csv.startsWith('line,row,reason,Name,City,Zip\r\n')).toBe(true);
  expect(csv).toContain('Bob Stone,Newark,07102,EXTRA');

  await page.getByTestId('view-rows').click();
  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '4');
  await page.getByTestId('report-dismiss').click();
  await expect(report).toHaveCount(0);
});

test('a mapping saved as a preset is recognized on the next file with the same header', async ({ page, host }) => {
  const header = 'Cust No,Given,Surname,Postcode,Source Code\r\n';
  const first = path.join(host.workspace, 'vendor-x-april.csv');
  const second = path.join(host.workspace, 'vendor-x-may.csv');
  fs.writeFileSync(first, `${header}A-1,Ann,Lee,02108,SPRING\r\nA-2,Bob,Stone,01234,SPRING\r\n`);
  fs.writeFileSync(second, `${header}B-7,Cy,Park,90210,FALL\r\n`);

  await page.goto(host.url);
  await createProject(page, 'Presets');
  await pickForImport(page, first);
  await previewReady(page);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-preset-recognized')).toHaveCount(0);
  await fieldFor(page, 'Cust No').selectOption('customer_id');
  await fieldFor(page, 'Given').selectOption('first_name');
  await fieldFor(page, 'Surname').selectOption('last_name');
  await fieldFor(page, 'Postcode').selectOption('zip');
  await fieldFor(page, 'Source Code').selectOption('');
  await page.getByTestId('import-save-preset').check();
  await page.getByTestId('import-preset-name').fill('Vendor X');
  await attachScreenshot(page, 'mapping step: save as preset');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill('Vendor X April');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('current-list-name')).toHaveText('Vendor X April', { timeout: 60_000 });
  await expect(page.getByTestId('report-columns')).toContainText('4 mapped, 1 custom');

  await pickForImport(page, second);
  await previewReady(page);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-preset-recognized')).toContainText('Recognized preset “Vendor X”');
  await expect(fieldFor(page, 'Cust No')).toHaveValue('customer_id');
  await expect(fieldFor(page, 'Given')).toHaveValue('first_name');
  await expect(fieldFor(page, 'Surname')).toHaveValue('last_name');
  await expect(fieldFor(page, 'Postcode')).toHaveValue('zip');
  await expect(fieldFor(page, 'Source Code')).toHaveValue('');
  await attachScreenshot(page, 'mapping step: recognized preset');
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill('Vendor X May');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('current-list-name')).toHaveText('Vendor X May', { timeout: 60_000 });
  await expect(page.locator('[data-testid="grid-header"] .grid-hcell[data-col="3"] [data-testid="grid-hcell-field"]')).toHaveText('ZIP');
  await expect(page.locator('[data-testid="grid-header"] .grid-hcell[data-col="4"] [data-testid="grid-hcell-field"]')).toHaveCount(0);
});
