// The Mailing view in Chromium: from the sample's bought list, exclude the existing customers and keep those within 50 miles of
// a ZIP many prospects share; Run → the waterfall (input, each step, the mailing set, in − removed = the next step's in), the
// map drawn (ZIP3 areas painted, the radius circle), the records the radius step removed with their reason, and the export
// of the mailing set recorded in the ledger. Also: "Where my best customers are" fills a ZIP3 step.
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './host-fixture';
import { createProject } from './ui-steps';

const BOUGHT = 'Bought list (Acme Data, March)';
/** Los Angeles (Los Feliz): the ZIP most prospects of the sample's bought list share. */
const CENTER = '90027';

async function openMailing(page: Page, hostUrl: string): Promise<string> {
  await page.goto(hostUrl);
  await page.getByTestId('welcome-sample').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);
  const boughtId = await page.getByTestId('list-item').filter({ hasText: BOUGHT }).getAttribute('data-list-id');
  expect(boughtId).toBeTruthy();
  await page.getByTestId('nav-mailing').click();
  await expect(page.getByTestId('mailing-view')).toBeVisible();
  await expect(page.getByTestId('current-view-name')).toHaveText('Mailing');
  return boughtId!;
}

async function addStep(page: Page, kind: string): Promise<void> {
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('add-step-menu')).toBeVisible();
  await page.getByTestId(`add-${kind}`).click();
  await expect(page.getByTestId('add-step-menu')).toHaveCount(0);
}

test('build a mailing with a radius rule: waterfall, map, removed records with reasons, export into the ledger', async ({ page, host }) => {
  const boughtId = await openMailing(page, host.url);
  await expect(page.getByTestId('waterfall-none')).toContainText('No run yet');
  await expect(page.getByTestId('mail-export')).toBeDisabled();

  // The recipe: mail from the bought list; exclude existing customers; within 50 miles of the centre ZIP.
  await page.getByTestId('mail-from').selectOption(boughtId);
  await addStep(page, 'customers');
  await addStep(page, 'radius');
  const steps = page.getByTestId('recipe-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute('data-kind', 'customers');
  const radius = steps.nth(1);
  await expect(radius).toHaveAttribute('data-kind', 'radius');
  await expect(radius.getByTestId('step-error')).toContainText('ZIP');
  await expect(page.getByTestId('mail-run')).toBeDisabled();
  await radius.getByTestId('radius-miles').fill('50');
  // A centre the engine cannot place says so; a real ZIP reads back as a place.
  await radius.getByTestId('radius-center').fill('00000');
  await expect(radius.getByTestId('radius-resolved')).toHaveAttribute('data-ok', 'false');
  await radius.getByTestId('radius-center').fill(CENTER);
  await expect(radius.getByTestId('radius-resolved')).toHaveAttribute('data-ok', 'true');
  await expect(radius.getByTestId('radius-resolved')).toContainText(CENTER);
  await expect(radius.getByTestId('step-error')).toHaveCount(0);

  // Alt+↑ moves the radius step first, Alt+↓ puts it back.
  await radius.getByTestId('radius-miles').press('Alt+ArrowUp');
  await expect(steps.nth(0)).toHaveAttribute('data-kind', 'radius');
  await expect(page.locator('[data-testid="recipe-step"][data-kind="radius"] [data-testid="radius-miles"]')).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(steps.nth(0)).toHaveAttribute('data-kind', 'customers');
  await attachScreenshot(page, 'mailing-1 recipe');

  // Saved as a named recipe, offered again under that name.
  await page.getByTestId('recipe-save').click();
  await page.getByTestId('recipe-name').fill('LA 50 miles, no customers');
  await page.getByTestId('recipe-save-submit').click();
  await expect(page.getByTestId('recipe-save-dialog')).toHaveCount(0);
  await expect(page.getByTestId('recipe-load')).toHaveValue('LA 50 miles, no customers');
  await expect(page.getByTestId('recipe-delete')).toContainText('LA 50 miles, no customers');

  // Run (Ctrl+Enter) → the waterfall.
  await expect(page.getByTestId('mail-run')).toBeEnabled();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('waterfall')).toBeVisible({ timeout: 90_000 });
  const rows = page.getByTestId('waterfall-row');
  await expect(rows).toHaveCount(3);
  const figures = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ kind: tr.getAttribute('data-kind'), in: Number(tr.getAttribute('data-in')), removed: Number(tr.getAttribute('data-removed')), out: Number(tr.getAttribute('data-out')) })),
  );
  expect(figures.map((f) => f.kind)).toEqual(['input', 'customers', 'radius']);
  expect(figures[0]!.in).toBe(1000);
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i]!;
    expect(f.removed).toBeGreaterThanOrEqual(0);
    expect(f.out).toBe(f.in - f.removed);
    if (i + 1 < figures.length) expect(figures[i + 1]!.in).toBe(f.in - f.removed);
  }
  const kept = Number(await page.getByTestId('waterfall-kept').getAttribute('data-value'));
  expect(kept).toBe(figures[2]!.in - figures[2]!.removed);
  expect(figures[1]!.removed).toBeGreaterThan(0); // the sample's bought list holds some house customers
  expect(figures[2]!.removed).toBeGreaterThan(0);
  expect(kept).toBeGreaterThan(0);
  await expect(page.getByTestId('waterfall-step').nth(2)).toContainText('50');
  // The saved recipe ran unchanged: the run is filed under its name.
  await expect(page.getByTestId('waterfall')).toContainText('“LA 50 miles, no customers”');

  // The builder can go back to the run's recipe after an edit.
  await steps.nth(1).getByTestId('step-remove').click();
  await expect(steps).toHaveCount(1);
  await expect(page.getByTestId('recipe-edited')).toBeVisible();
  await page.getByTestId('waterfall-edit-recipe').click();
  await expect(steps).toHaveCount(2);
  await expect(page.getByTestId('recipe-edited')).toHaveCount(0);
  await expect(steps.nth(1).getByTestId('radius-center')).toHaveValue(CENTER);

  // The map: ZIP3 areas painted, the radius drawn as a circle; the layers repaint.
  const map = page.getByTestId('mailing-map');
  await expect(map).toHaveAttribute('data-circles', '1', { timeout: 30_000 });
  expect(Number(await map.getAttribute('data-drawn-areas'))).toBeGreaterThan(10);
  await expect(map).toHaveAttribute('aria-label', /^Map of \d+ ZIP3 areas: prospects; 1 radius circle$/);
  // The map opens on the target area; the whole country is one click away (and back).
  await expect(map).toHaveAttribute('data-zoom', 'target');
  await expect(map).toHaveAttribute('data-target-areas', /^[1-9]\d*$/);
  await attachScreenshot(page, 'mailing-2a map of the target area');
  await page.getByTestId('map-zoom-us').click();
  await expect(map).toHaveAttribute('data-zoom', 'us');
  await page.getByTestId('map-layer-kept').click();
  await expect(map).toHaveAttribute('aria-label', /mailing set/);
  const keptAreas = Number(await map.getAttribute('data-drawn-areas'));
  expect(keptAreas).toBeGreaterThan(0);
  expect(keptAreas).toBeLessThan(20); // a 50-mile circle holds a handful of ZIP3 areas
  await expect(page.getByTestId('mailing-map-legend')).toContainText('Mailing set per ZIP3');
  await page.getByTestId('map-layer-prospects').click();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45);
  await expect(page.getByTestId('mailing-map-tip')).toBeVisible();
  await expect(page.getByTestId('mailing-map-tip')).toContainText(/^\d{3}/);
  await attachScreenshot(page, 'mailing-2 waterfall and map');

  // The records the radius step removed, each with a reason that speaks of miles; ↑ then Enter shows the customers step's.
  await rows.nth(2).click();
  await expect(page.getByTestId('removed-records')).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('removed-row').first()).toBeVisible();
  expect(await page.getByTestId('removed-row').count()).toBe(Math.min(100, figures[2]!.removed));
  await expect(page.getByTestId('removed-reason').first()).toContainText(/mi(les)?\b/);
  await expect(page.getByTestId('removed-pager')).toContainText(`of ${figures[2]!.removed.toLocaleString('en-US')}`);
  await attachScreenshot(page, 'mailing-3 removed by the radius');
  await page.getByTestId('waterfall-grid').press('ArrowUp');
  await expect(page.getByTestId('removed-records')).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('removed-row').first()).toBeVisible();
  expect(await page.getByTestId('removed-row').count()).toBe(Math.min(100, figures[1]!.removed));

  // Export the mailing set: a file with one row per kept record, and a line in the ledger.
  await page.getByTestId('mail-export').click();
  await expect(page.getByTestId('mail-export-dialog')).toBeVisible();
  await page.getByTestId('mail-export-name').fill('LA spring postcard');
  await attachScreenshot(page, 'mailing-4 export dialog');
  const download = page.waitForEvent('download');
  await page.getByTestId('mail-export-submit').click();
  const file = await (await download).path();
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  expect(parsed.length - 1).toBe(kept);
  await expect(page.getByTestId('mail-tab-ledger')).toHaveAttribute('aria-selected', 'true');
  const ledgerRow = page.getByTestId('ledger-row');
  await expect(ledgerRow).toHaveCount(1);
  await expect(ledgerRow.getByTestId('ledger-name')).toHaveText('LA spring postcard');
  await expect(ledgerRow.getByTestId('ledger-recipients')).toHaveText(kept.toLocaleString('en-US'));
  await attachScreenshot(page, 'mailing-5 ledger');

  // In the dark, the map repaints in the dark palette.
  await page.getByTestId('mail-tab-map').click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(map).toHaveAttribute('data-circles', '1');
  await page.mouse.move(0, 0);
  await attachScreenshot(page, 'mailing-7 dark');
});

test('a project without lists says what to import first', async ({ page, host }) => {
  await page.goto(host.url);
  await createProject(page, 'Empty');
  await page.getByTestId('nav-mailing').click();
  await expect(page.getByTestId('mail-blocked')).toHaveText('Import a list to mail from first.');
  await expect(page.getByTestId('mail-run')).toBeDisabled();
  await expect(page.getByTestId('waterfall-none')).toContainText('No run yet');
  await expect(page.getByTestId('mailing-map')).toHaveAttribute('aria-label', 'Map of 0 ZIP3 areas: prospects');
  await expect(page.getByTestId('mailing-map-empty')).toHaveText('No records placed');
  await attachScreenshot(page, 'mailing-8 no lists');
});

test('where my best customers are: the fewest ZIP3 areas holding 80 % of customers fill a ZIP3 step', async ({ page, host }) => {
  await openMailing(page, host.url);
  await page.getByTestId('add-step').click();
  await page.getByTestId('add-best-areas').click();
  const step = page.getByTestId('recipe-step');
  await expect(step).toHaveAttribute('data-kind', 'zip3');
  await expect(step.getByTestId('best-areas')).toBeVisible();
  await expect(step.getByTestId('best-areas-percent')).toHaveValue('80');
  await step.getByTestId('best-areas-fill').click();
  await expect(step.getByTestId('best-areas-note')).toHaveText(/^\d+ areas? holds? \d+\.\d % of customers$/);
  const codes = (await step.getByTestId('step-codes').inputValue()).split(/,\s*/);
  expect(codes.length).toBeGreaterThan(1);
  for (const c of codes) expect(c).toMatch(/^\d{3}$/);
  await expect(step.getByTestId('mode-include')).toHaveAttribute('aria-checked', 'true');
  await attachScreenshot(page, 'mailing-6 best customer areas');
});
