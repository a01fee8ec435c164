// The List audit in Chromium: a house file, an earlier purchase, a do-not-mail list and a bought list imported through the
// wizard; the audit run from the List audit view shows the waterfall (2 duplicates, 10 in the house file, 5 on the earlier
// purchase, 3 suppressed, 1 undeliverable → 11 net-new of 32), cost per net-new from the price typed there, the savings
// meter at the unit costs (edited in place, then run again), two lists side by side; "Save report…" downloads the HTML
// report, which Chromium then opens from disk and which names the list and its net-new count.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { AUDIT_LISTS } from '../fixtures/audit-lists';
import { attachScreenshot, expect, test } from './host-fixture';
import { createProject, pickForImport, previewReady } from './ui-steps';

type Role = 'customers' | 'prospects' | 'suppression';

/** Imports a CSV through the wizard with a name and a role, and waits for it in the sidebar. */
async function importAs(page: Page, dir: string, name: string, csv: string, role: Role): Promise<void> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.csv`);
  fs.writeFileSync(file, csv);
  await pickForImport(page, file);
  await previewReady(page);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill(name);
  await page.locator(`input[name="import-role"][value="${role}"]`).check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('list-item').filter({ hasText: name })).toBeVisible({ timeout: 60_000 });
  const dismiss = page.getByTestId('report-dismiss');
  if (await dismiss.isVisible()) await dismiss.click();
}

/** The waterfall of one audited list as numbers: removed per step, rows and net-new. */
async function waterfallOf(page: Page, listName: string) {
  const column = page.getByTestId('audit-column').filter({ has: page.getByTestId('audit-list-name').getByText(listName, { exact: true }) });
  const rows = await column.getByTestId('audit-row').evaluateAll((trs) =>
    trs.map((tr) => ({ kind: tr.getAttribute('data-kind')!, in: Number(tr.getAttribute('data-in') ?? tr.getAttribute('data-value')), removed: Number(tr.getAttribute('data-removed') ?? 0) })),
  );
  const netNew = Number(await column.getByTestId('audit-net-new').getAttribute('data-value'));
  return { column, removed: Object.fromEntries(rows.map((r) => [r.kind, r.removed])), rows: rows[0]!.in, netNew };
}

async function shot(page: Page, name: string, target: Page = page): Promise<void> {
  await attachScreenshot(target, name);
}

test('audit a bought list: waterfall, cost per net-new, savings at edited unit costs, two lists side by side, the HTML report', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await createProject(page, 'Audit');
  await importAs(page, host.workspace, 'House', AUDIT_LISTS.house, 'customers');
  await importAs(page, host.workspace, 'Spring', AUDIT_LISTS.earlier, 'prospects');
  await importAs(page, host.workspace, 'DNM', AUDIT_LISTS.dnm, 'suppression');
  await importAs(page, host.workspace, 'Bought', AUDIT_LISTS.bought, 'prospects');

  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-view')).toBeVisible();
  await expect(page.getByTestId('current-view-name')).toHaveText('List audit');
  await expect(page.getByTestId('audit-none')).toContainText('Run the audit');
  await expect(page.getByTestId('audit-save-report')).toBeDisabled();

  // The bought list, priced at $320 in place; the unit costs start at the defaults.
  const boughtId = await page.getByTestId('list-item').filter({ hasText: 'Bought' }).getAttribute('data-list-id');
  await page.getByTestId('audit-list').selectOption(boughtId!);
  const price = page.locator(`[data-testid="audit-price"][data-list-id="${boughtId}"]`);
  await price.getByTestId('audit-price-input').fill('320');
  await expect(page.getByTestId('audit-cost-print')).toHaveValue('0.25');
  await expect(page.getByTestId('audit-cost-postage')).toHaveValue('0.4');

  // Run (Ctrl+Enter): each record counted once, at the first step that finds it.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('audit-column')).toHaveCount(1, { timeout: 90_000 });
  const a = await waterfallOf(page, 'Bought');
  expect(a.rows).toBe(32);
  expect(a.removed).toMatchObject({ duplicates: 2, house: 10, earlier: 5, suppressed: 3, undeliverable: 1, outside: 0, stale: 0 });
  expect(a.netNew).toBe(11);
  await expect(a.column.locator('[data-testid="audit-row"][data-kind="earlier"]')).toContainText('"Spring" 5');
  await expect(a.column.getByTestId('audit-kpi-net')).toContainText('11');
  await expect(a.column.getByTestId('audit-kpi-cost')).toContainText('$29.09');
  await expect(a.column.getByTestId('audit-kpi-cost')).toContainText('$320.00 paid');
  // The savings meter: 21 pieces at $0.25 + $0.40.
  const total = a.column.locator('[data-testid="savings-row"][data-kind="total"]');
  await expect(total).toHaveAttribute('data-pieces', '21');
  await expect(total).toHaveAttribute('data-total', '13.65');
  await expect(a.column.getByTestId('audit-donut')).toContainText('Net-new mailable');
  await expect(a.column.locator('[data-testid="audit-missing"] tr[data-field="address"]')).toHaveAttribute('data-value', '1');
  await expect(a.column.getByTestId('mailing-map')).toHaveAttribute('data-drawn-areas', /^[1-9]\d*$/, { timeout: 30_000 });
  // The price typed here went into the list's details.
  await expect(page.getByTestId('list-item').filter({ hasText: 'Bought' })).toHaveAttribute('title', /320/);
  await shot(page, 'audit-1 one list');
  await a.column.getByTestId('savings-meter').scrollIntoViewIfNeeded();
  await shot(page, 'audit-1b donut, missing fields, savings, map');

  // Unit costs edited in place are saved; the meter says its figures are the last run's until the audit runs again.
  await page.getByTestId('audit-cost-print').fill('0.30');
  await page.getByTestId('audit-cost-print').press('Enter');
  await expect(page.getByTestId('audit-costs-changed')).toBeVisible();
  await page.getByTestId('audit-run').click();
  await expect(total).toHaveAttribute('data-total', '14.7', { timeout: 90_000 });
  await expect(page.getByTestId('audit-costs-changed')).toHaveCount(0);

  // Save report…: one HTML file, opened from disk in Chromium, naming the list and its net-new count.
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-save-report').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('Audit of Bought.html');
  const file = await saved.path();
  const html = fs.readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script/i);
  const reportFile = path.join(host.workspace, 'Audit of Bought.html');
  fs.copyFileSync(file, reportFile);
  const report = await page.context().newPage();
  await report.goto(pathToFileURL(reportFile).href);
  await expect(report.locator('h1')).toHaveText('Bought');
  await expect(report.locator('body')).toContainText('Net-new mailable');
  await expect(report.locator('.kpi.accent')).toContainText('Net-new mailable');
  await expect(report.locator('.kpi.accent .value')).toHaveText('11');
  await shot(page, 'audit-3 report', report);
  await report.close();

  // Two lists side by side.
  const springId = await page.getByTestId('list-item').filter({ hasText: 'Spring' }).getAttribute('data-list-id');
  await page.getByTestId('audit-compare').selectOption(springId!);
  await page.getByTestId('audit-run').click();
  await expect(page.getByTestId('audit-column')).toHaveCount(2, { timeout: 90_000 });
  const b = await waterfallOf(page, 'Spring');
  expect(b.rows).toBe(6);
  expect(b.netNew).toBeGreaterThan(0);
  expect((await waterfallOf(page, 'Bought')).netNew).toBe(11);
  await page.mouse.move(0, 0);
  await shot(page, 'audit-2 side by side');

  // Leaving for a list and coming back keeps the audit on screen.
  await page.getByTestId('list-item').filter({ hasText: 'House' }).click();
  await expect(page.getByTestId('audit-view')).toHaveCount(0);
  await expect(page.getByTestId('current-list-name')).toHaveText('House');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-column')).toHaveCount(2);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.mouse.move(0, 0);
  await shot(page, 'audit-4 dark');
});
