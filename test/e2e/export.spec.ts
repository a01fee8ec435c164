// The export dialog in Chromium: a mailing set exported with mail-merge fields (recorded in the ledger, header line checked),
// exported again as .xlsx (the file only: no new pieces); and a list exported by Ctrl+E as a workbook of chosen fields in a
// chosen order, one per household, recorded as a mailing set under the name typed.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './host-fixture';

const BOUGHT = 'Bought list (Acme Data, March)';

async function openSample(page: Page, hostUrl: string): Promise<string> {
  await page.goto(hostUrl);
  await page.getByTestId('welcome-sample').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);
  const id = await page.getByTestId('list-item').filter({ hasText: BOUGHT }).getAttribute('data-list-id');
  expect(id).toBeTruthy();
  return id!;
}

async function headerOfWorkbook(file: string): Promise<{ header: string[]; rows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return { header, rows: sheet.actualRowCount - 1 };
}

test('export a mailing set with mail-merge fields, then again as .xlsx; the ledger holds one mailing', async ({ page, host }) => {
  const boughtId = await openSample(page, host.url);
  await page.getByTestId('nav-mailing').click();
  await page.getByTestId('mail-from').selectOption(boughtId);
  await page.getByTestId('add-step').click();
  await page.getByTestId('add-customers').click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('waterfall')).toBeVisible({ timeout: 90_000 });
  const kept = Number(await page.getByTestId('waterfall-kept').getAttribute('data-value'));
  expect(kept).toBeGreaterThan(0);

  await page.getByTestId('mail-export').click();
  const dialog = page.getByTestId('mail-export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-neutralize')).toBeChecked();
  await dialog.getByTestId('mail-export-name').fill('Spring postcard');
  await dialog.getByTestId('export-fields').selectOption('mail-merge');
  await attachScreenshot(page, 'export-1 mailing set dialog');
  const download = page.waitForEvent('download');
  await dialog.getByTestId('mail-export-submit').click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('Spring postcard.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text.split(/\r?\n/)[0]).toBe('addressee,company,delivery_line,last_line');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(parsed.length - 1).toBe(kept);
  expect(parsed[1]![3]).toMatch(/^[A-Z .'-]+ [A-Z]{2} \d{5}(-\d{4})?$/);
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);
  await expect(page.getByTestId('ledger-name')).toHaveText('Spring postcard');

  // Again, now that the set is in the ledger: the dialog says so, and the .xlsx has the chosen columns.
  await page.getByTestId('mail-export').click();
  await expect(dialog.getByTestId('mail-export-recorded')).toContainText('“Spring postcard” is in the ledger');
  await dialog.getByTestId('export-format-xlsx').click();
  await dialog.getByTestId('export-fields').selectOption('canonical');
  await dialog.getByTestId('export-zip-order').check();
  const download2 = page.waitForEvent('download');
  await dialog.getByTestId('mail-export-submit').click();
  const xlsx = await download2;
  expect(xlsx.suggestedFilename()).toBe('Spring postcard.xlsx');
  const book = await headerOfWorkbook(await xlsx.path());
  expect(book.header.slice(0, 3)).toEqual(['first_name', 'last_name', 'company']);
  expect(book.rows).toBe(kept);
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);
  await expect(page.getByTestId('ledger-recipients')).toHaveText(kept.toLocaleString('en-US'));
});

test('Ctrl+E exports a list as a workbook of chosen fields in a chosen order, one per household, recorded as a set', async ({ page, host }) => {
  const boughtId = await openSample(page, host.url);
  await page.locator(`[data-testid="list-item"][data-list-id="${boughtId}"]`).click();
  await expect(page.getByTestId('current-list-name')).toHaveText(BOUGHT);
  await page.keyboard.press('Control+e');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  // From the mail-merge preset to a custom choice: its four fields ticked; ZIP+4 added, then moved up twice (Alt+↑).
  await dialog.getByTestId('export-fields').selectOption('mail-merge');
  await dialog.getByTestId('export-fields').selectOption('custom');
  const list = dialog.getByTestId('export-field-list');
  await expect(list.locator('[data-testid="export-field"].is-on')).toHaveCount(4);
  const zip = list.locator('[data-testid="export-field"][data-key="f:zip"] [data-testid="export-field-check"]');
  await zip.check();
  await zip.press('Alt+ArrowUp');
  await zip.press('Alt+ArrowUp');
  const order = await list.locator('[data-testid="export-field"].is-on').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
  expect(order).toEqual(['f:addressee', 'f:company', 'f:zip', 'f:delivery_line', 'f:last_line']);

  await dialog.getByTestId('export-format-xlsx').click();
  await expect(dialog.getByTestId('export-bom')).toBeDisabled();
  await dialog.getByTestId('export-one-per').selectOption('household');
  await expect(dialog.getByTestId('export-name')).toBeVisible();
  await dialog.getByTestId('export-name').fill('Households March');
  await attachScreenshot(page, 'export-2 list dialog, chosen fields');
  const download = page.waitForEvent('download');
  await dialog.getByTestId('export-submit').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = await headerOfWorkbook(await file.path());
  expect(book.header).toEqual(['addressee', 'company', 'zip', 'delivery_line', 'last_line']);
  expect(book.rows).toBeGreaterThan(0);
  expect(book.rows).toBeLessThanOrEqual(1000);

  // The set went into the ledger under the name typed.
  await page.getByTestId('nav-mailing').click();
  await page.getByTestId('mail-tab-ledger').click();
  await expect(page.getByTestId('ledger-name')).toHaveText('Households March', { timeout: 30_000 });
  await expect(page.getByTestId('ledger-recipients')).toHaveText(book.rows.toLocaleString('en-US'));
});
