// The first slice end to end in Chromium: create a project, import through the file picker, read the grid, reach the last row, export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { generateUsList } from '../../bench/generate/us-list';
import { attachScreenshot, cli, expect, test } from './host-fixture';
import { createProject, finishWizard, pickForImport, previewReady, rowCells } from './ui-steps';
import type { Page } from '@playwright/test';

function parseCsv(text: string): string[][] {
  const res = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return res.data;
}

/** Import list… → the picker → the wizard (how the file reads → what each column is → the list). */
async function importThroughPicker(page: Page, file: string, listName: string): Promise<void> {
  await pickForImport(page, file);
  await previewReady(page);
  await finishWizard(page, listName);
}

test('create a project, import a messy list through the picker, see its cells, reach the last row, export it back', async ({ page, host }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-e2e-data-'));
  const source = path.join(dir, 'acme-prospects.csv');
  await generateUsList({ rows: 3000, seed: 7, out: source });
  const expected = parseCsv(fs.readFileSync(source, 'utf8'));
  const header = expected[0]!;
  const dataRows = expected.slice(1);
  expect(dataRows).toHaveLength(3000);

  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await attachScreenshot(page, 'welcome');
  await createProject(page, 'Spring mailing');
  await importThroughPicker(page, source, 'Acme prospects');

  const grid = page.getByTestId('grid');
  await expect(grid).toHaveAttribute('data-total-rows', '3000');
  // Columns are virtualized too: the header shows the columns in view, which must be the file's first ones, in order.
  const headers = (await page.locator('[data-testid="grid-header"] .grid-hcell[data-col] .grid-hcell-text').allTextContents()).map((h) => h.trim());
  expect(headers.length).toBeGreaterThan(3);
  expect(headers).toEqual(header.slice(0, headers.length));
  // Every cell of the first rows, exactly as in the file (the grid may only draw the columns in view: compare those).
  for (const n of [1, 2, 3]) {
    const cells = await rowCells(page, n);
    expect(cells.length).toBeGreaterThan(3);
    expect(cells).toEqual(dataRows[n - 1]!.slice(0, cells.length));
  }
  await attachScreenshot(page, 'imported list in the grid');

  // Scroll to the end with the keyboard and check the last row.
  await grid.click({ position: { x: 120, y: 60 } });
  await page.keyboard.press('Control+End');
  await expect(grid).toHaveAttribute('data-cursor-row', '3000');
  const last = await rowCells(page, 3000);
  expect(last).toEqual(dataRows[2999]!.slice(0, last.length));
  await attachScreenshot(page, 'last row');

  // Export and compare the downloaded file with the source, cell for cell.
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-submit').click();
  const file = await (await download).path();
  const exported = parseCsv(fs.readFileSync(file, 'utf8'));
  expect(exported).toEqual(expected);
});

test('a million-row list: the grid scrolls to row 1,000,000 and shows its cells', async ({ page, host }) => {
  const file = path.join(host.workspace, 'million.csv');
  const out = fs.createWriteStream(file);
  out.write('ID,First Name,Last Name,City,Zip\r\n');
  const cities = ['Boston', 'Newark', 'Austin', 'Fresno'];
  for (let start = 1; start <= 1_000_000; start += 10_000) {
    let chunk = '';
    for (let n = start; n < start + 10_000; n++) chunk += `ID-${n},First${n % 97},Last${n % 89},${cities[n % 4]},0${n % 9999}\r\n`;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const imported = await cli(['import', file, '--project', path.join(host.workspace, 'Million.winnow'), '--name', 'Million']);
  expect(imported.stderr).toBe('');
  expect(imported.stdout).toMatch(/^Imported 1,000,000 rows/);

  await page.goto(host.url);
  await page.getByTestId('recent-item').filter({ hasText: 'Million' }).click();
  const grid = page.getByTestId('grid');
  await expect(grid).toHaveAttribute('data-total-rows', '1000000');
  expect(await rowCells(page, 1)).toEqual(['ID-1', 'First1', 'Last1', 'Newark', '01']);

  // Drag-free scroll to the very end: set the scroller to its maximum, as the scroll bar's end would.
  await page.locator('.grid-scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  expect(await rowCells(page, 1_000_000)).toEqual(['ID-1000000', `First${1_000_000 % 97}`, `Last${1_000_000 % 89}`, 'Boston', `0${1_000_000 % 9999}`]);
  await attachScreenshot(page, 'row 1,000,000 after scrolling to the end');

  // And back to the middle by keyboard paging from the top: the window request is the same cost anywhere.
  await grid.click({ position: { x: 120, y: 60 } });
  await page.keyboard.press('Control+Home');
  await expect(page.locator('[data-testid="grid"] [data-row-no="1"]')).toBeVisible();
});

test('the sample project opens with its house file and bought list', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('welcome-sample').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);
  await expect(page.getByTestId('list-item').first()).toContainText('House file');
  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '300');
  await attachScreenshot(page, 'sample project');
});

test('a file that is not a table is refused with a specific message and the project is unchanged', async ({ page, host }) => {
  const bad = path.join(host.workspace, 'photo.csv');
  fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  await page.goto(host.url);
  await createProject(page, 'Refusals');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(bad);
  await expect(page.getByTestId('import-preview-error')).toContainText('photo.csv cannot be imported: it is a PNG image');
  await expect(page.getByTestId('import-next')).toBeDisabled();
  await attachScreenshot(page, 'refused file');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('list-item')).toHaveCount(0);
  // While the app has the project open, another Winnow (this CLI) is refused in words; once closed, it reads it.
  const project = path.join(host.workspace, 'Refusals.winnow');
  const whileOpen = await cli(['lists', '--project', project]);
  expect(whileOpen.code).not.toBe(0);
  expect(whileOpen.stderr).toContain('already open in another Winnow window');
  await page.getByTestId('close-project').click();
  await expect(page.getByTestId('welcome-new')).toBeVisible();
  const lists = await cli(['lists', '--project', project]);
  expect(lists.stdout.trim()).toBe('Refusals has no lists yet.');
});

test('the welcome screen says address cleaning is not CASS certified and shows the data notices', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('welcome')).toContainText('not CASS, DPV or NCOA certified');
  await page.getByTestId('welcome-about').click();
  const notices = page.getByTestId('about-notices');
  await expect(notices).toContainText('GeoNames, geonames.org');
  await expect(notices).toContainText('Creative Commons Attribution 4.0');
  await expect(notices).toContainText('Copyright (c) 2007, Dav Glass');
  await expect(notices).toContainText('Apache License 2.0');
  await attachScreenshot(page, 'about-notices');
  await page.getByTestId('about-close').click();
  await expect(page.getByTestId('about-dialog')).toBeHidden();
});
