// The grid people live in, in Chromium against the real engine: a generated 3,000-row list is cleaned; a facet click filters
// the grid (counts from the engine); header clicks sort by one and two columns; quick search and the filter builder narrow
// it; columns are hidden and pinned; a range is copied as Excel does (tab-separated), a block pasted over three rows is one
// undo step, and Delete clears a range.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { generateUsList } from '../../bench/generate/us-list';
import { attachScreenshot, expect, test } from './host-fixture';
import { cleanFromPrompt, createProject, finishWizard, gridCell, pickForImport, previewReady } from './ui-steps';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const ROWS = 3000;
// Generated columns: First Name, Last Name, Company, Title, Address, Address 2, City, State, Zip, Phone, Email, Source.
const COL = { first: 0, last: 1, company: 2, title: 3, city: 6, state: 7, source: 11 };

async function viewTotal(page: Page): Promise<number> {
  const count = page.getByTestId('view-count');
  await expect(count).toHaveAttribute('data-total', /\d+/);
  return Number(await count.getAttribute('data-total'));
}

/** The texts of a column over the first `n` positions of the view (from the top: a new sort keeps the cursor's record in sight). */
async function columnTexts(page: Page, col: number, n: number): Promise<string[]> {
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Home');
  for (let i = 0; i < col; i++) await page.keyboard.press('ArrowRight');
  const out: string[] = [];
  for (let pos = 1; pos <= n; pos++) {
    const cell = gridCell(page, pos, col);
    await expect(cell).toBeVisible();
    out.push((await cell.getAttribute('title')) ?? '');
  }
  return out;
}

// The e2e specs compile without the DOM library: the page-side code is given as text.
/** Back to the first row and column (a new view starts on the record the cursor was on). */
async function gotoTop(page: Page): Promise<void> {
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Home');
}

const clipboardText = (page: Page) => page.evaluate<string>('navigator.clipboard.readText()');

test('facets filter the grid, headers sort it, search, filter builder, columns, copy and paste a range with one undo', async ({ page, host }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-grid-e2e-'));
  const file = path.join(dir, 'prospects.csv');
  await generateUsList({ rows: ROWS, seed: 7, out: file });

  await page.goto(host.url);
  await createProject(page, 'Grid');
  await pickForImport(page, file);
  await previewReady(page);
  await finishWizard(page, 'Prospects');
  await page.getByTestId('report-dismiss').click();
  await cleanFromPrompt(page);
  await expect(page.getByTestId('view-count')).toContainText('3,000 rows');

  // Facets: the state facet counts cleaned states; clicking the top one narrows the grid to exactly that many rows.
  await page.getByTestId('facets-button').click();
  const stateFacet = page.locator('[data-testid="facet"][data-target="k:state"]');
  const top = stateFacet.getByTestId('facet-value').first();
  await expect(top).toBeVisible();
  const topState = (await top.getAttribute('data-value'))!;
  const topCount = Number(await top.getAttribute('data-count'));
  expect(topCount).toBeGreaterThan(10);
  expect(topCount).toBeLessThan(ROWS);
  await top.click();
  await expect(top).toHaveAttribute('aria-pressed', 'true');
  expect(await viewTotal(page)).toBe(topCount);
  await expect(page.getByTestId('view-count')).toContainText(`of 3,000 rows`);
  // Every row in sight is in that state (the source column may spell it out; the cleaned value is the code).
  const issueFacet = page.locator('[data-testid="facet"][data-target="k:issue"]');
  await expect(issueFacet.getByTestId('facet-value').first()).toBeVisible();
  await attachScreenshot(page, 'grid-1 state facet picked');
  // A second facet narrows further (AND); the source list facet is a column facet added from the columns panel.
  await page.getByTestId('columns-button').click();
  await page.locator(`[data-testid="columns-item"][data-col="${COL.source}"] [data-testid="columns-facet"]`).click();
  await page.keyboard.press('Escape');
  const sourceFacet = page.locator(`[data-testid="facet"][data-target="c:${COL.source}"]`);
  const src = sourceFacet.getByTestId('facet-value').first();
  await expect(src).toBeVisible();
  const srcCount = Number(await src.getAttribute('data-count'));
  await src.click();
  expect(await viewTotal(page)).toBe(srcCount);
  const sourceValue = (await src.getAttribute('data-value'))!;
  for (const v of await columnTexts(page, COL.source, Math.min(5, srcCount))) expect(v).toBe(sourceValue);
  await attachScreenshot(page, 'grid-2 two facets');
  await page.getByTestId('view-clear').click();
  await expect(page.getByTestId('view-count')).toContainText('3,000 rows');
  void topState;

  // Sort: a header click sorts A→Z, a second Z→A; Shift+click adds a second key.
  const lastHeader = page.locator(`[role="columnheader"][data-src-col="${COL.last}"]`);
  // The record under the cursor stays under it after a sort: Ctrl+End (the last record in file order) is still the cursor's.
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  await expect(page.locator('[data-testid="grid"] .grid-gutter.is-cursor-row')).toHaveText('3,000');
  await lastHeader.click();
  await expect(lastHeader).toHaveAttribute('data-sort', 'asc');
  await expect(page.locator('[data-testid="grid"] .grid-gutter.is-cursor-row')).toHaveText('3,000');
  await expect(page.getByTestId('grid')).not.toHaveAttribute('data-cursor-row', '3000');
  const asc = await columnTexts(page, COL.last, 8);
  expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  await lastHeader.click();
  await expect(lastHeader).toHaveAttribute('data-sort', 'desc');
  const desc = await columnTexts(page, COL.last, 8);
  expect(desc).toEqual([...desc].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
  expect(desc[0]).not.toBe(asc[0]);
  const firstHeader = page.locator(`[role="columnheader"][data-src-col="${COL.first}"]`);
  await firstHeader.click({ modifiers: ['Shift'] });
  await expect(firstHeader).toHaveAttribute('data-sort', 'asc2');
  await expect(page.getByTestId('sort-chip')).toHaveCount(2);
  await attachScreenshot(page, 'grid-3 sorted by two columns');
  await page.getByTestId('sort-clear').click();
  await expect(page.getByTestId('sort-chip')).toHaveCount(0);

  // Quick search: a surname from the list; every row shown contains it.
  await gotoTop(page);
  const surname = (await gridCell(page, 1, COL.last).getAttribute('title'))!;
  await page.getByTestId('grid-search').fill(surname);
  await expect(page.getByTestId('view-count')).toContainText('of 3,000 rows');
  const found = await viewTotal(page);
  expect(found).toBeGreaterThanOrEqual(1);
  expect(found).toBeLessThan(ROWS);
  const firstRow = page.locator('[data-testid="grid"] [data-row-no="1"]:not([data-loading="true"])');
  await expect(firstRow).toContainText(new RegExp(surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  await page.getByTestId('grid-search').press('Escape');
  await expect(page.getByTestId('view-count')).toContainText('3,000 rows');
  await gotoTop(page);

  // Filter builder: Quality ≥ 90 and Mailable is Yes.
  await page.getByTestId('filter-button').click();
  await page.getByTestId('filter-target').selectOption('k:quality');
  await page.getByTestId('filter-op').selectOption('gte');
  await page.getByTestId('filter-value').fill('90');
  await page.getByTestId('filter-add').click();
  await page.getByTestId('filter-target').nth(1).selectOption('k:mailable');
  await page.getByTestId('filter-value').nth(1).selectOption('yes');
  await attachScreenshot(page, 'grid-4 filter builder');
  await page.getByTestId('filter-apply').click();
  const good = await viewTotal(page);
  expect(good).toBeGreaterThan(0);
  expect(good).toBeLessThan(ROWS);
  await expect(page.locator('[data-testid="filter-chips"] .chip')).toHaveCount(2);
  await page.getByTestId('view-clear').click();

  // Columns: hide Title, pin the first two; the pinned cells stay put while the grid scrolls sideways.
  await gotoTop(page);
  await page.getByTestId('columns-button').click();
  await page.locator(`[data-testid="columns-item"][data-col="${COL.title}"] [data-testid="columns-show"]`).uncheck();
  await page.locator(`[data-testid="columns-item"][data-col="${COL.last}"] [data-testid="columns-pin"]`).click();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[role="columnheader"][data-src-col="${COL.title}"]`)).toHaveCount(0);
  await expect(page.getByTestId('columns-button')).toContainText('11/12');
  const pinnedCell = gridCell(page, 1, 1);
  const before = await pinnedCell.boundingBox();
  await page.locator('.grid-scroller').evaluate((el) => (el.scrollLeft = 600));
  await expect.poll(async () => (await page.locator('.grid-scroller').evaluate((el) => el.scrollLeft)) > 0).toBe(true);
  const after = await pinnedCell.boundingBox();
  expect(Math.round(after!.x)).toBe(Math.round(before!.x));
  await attachScreenshot(page, 'grid-5 hidden and pinned columns, scrolled');
  await page.locator('.grid-scroller').evaluate((el) => (el.scrollLeft = 0));

  // Copy a range: rows 1-3 × the two pinned columns, as tab-separated text with CRLF rows.
  await gridCell(page, 1, 0).click();
  await gridCell(page, 3, 1).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('grid')).toHaveAttribute('data-selection', '1:0-3:1');
  await expect(page.locator('[data-testid="grid"] .grid-cell.is-selected')).toHaveCount(6);
  const expected: string[] = [];
  for (let pos = 1; pos <= 3; pos++) expected.push(`${await gridCell(page, pos, 0).getAttribute('title')}\t${await gridCell(page, pos, 1).getAttribute('title')}`);
  await page.keyboard.press('Control+c');
  await expect.poll(() => clipboardText(page)).toBe(expected.join('\r\n') + '\r\n');
  await attachScreenshot(page, 'grid-6 range selected and copied');

  // Paste a 3×2 block (as Excel puts it on the clipboard) at row 1: six cells change, one undo takes all six back.
  const block = 'Ada\tLovelace\r\nAlan\tTuring\r\nGrace\tHopper\r\n';
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(block)})`);
  await gridCell(page, 1, 0).click();
  await page.keyboard.press('Control+v');
  await expect(gridCell(page, 1, 0)).toHaveText('Ada');
  await expect(gridCell(page, 2, 1)).toHaveText('Turing');
  await expect(gridCell(page, 3, 1)).toHaveText('Hopper');
  await expect(gridCell(page, 3, 1)).toHaveAttribute('data-edited', 'true');
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /6 cells/);
  await attachScreenshot(page, 'grid-7 block pasted');
  await page.getByTestId('undo-button').click();
  for (let pos = 1; pos <= 3; pos++) {
    const [first, last] = expected[pos - 1]!.split('\t');
    await expect(gridCell(page, pos, 0)).toHaveText(first!);
    await expect(gridCell(page, pos, 1)).toHaveText(last!);
  }
  await expect(gridCell(page, 3, 1)).not.toHaveAttribute('data-edited', 'true');
  // Redo brings the whole block back in one step.
  await page.getByTestId('redo-button').click();
  await expect(gridCell(page, 2, 0)).toHaveText('Alan');
  await page.getByTestId('undo-button').click();
  await expect(gridCell(page, 2, 0)).toHaveText(expected[1]!.split('\t')[0]!);

  // Delete clears a selected range (one step), undo restores it.
  await gridCell(page, 4, 0).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await expect(gridCell(page, 4, 0)).toHaveText('');
  await expect(gridCell(page, 5, 0)).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(gridCell(page, 4, 0)).not.toHaveText('');
  await expect(gridCell(page, 5, 0)).not.toHaveText('');
});
