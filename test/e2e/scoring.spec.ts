// The Scoring view in Chromium on the sample project (house file = customers with orders, lifetime value and last order dates;
// bought list = prospects): the best-customer profile with its RFM segments and lift chart; Score leads → the grade matrix,
// whose cells add up to the leads scored and filter the leads table; a lower sales-ready threshold → a re-score, a toast about
// the new sales-ready leads and the Sales-ready view filled; the hand-off file with CRM column names; the flag rules.
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './host-fixture';
import { createProject } from './ui-steps';

const count = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));

async function openScoring(page: Page, hostUrl: string): Promise<void> {
  await page.goto(hostUrl);
  await page.getByTestId('welcome-sample').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('scoring-view')).toBeVisible();
  await expect(page.getByTestId('current-view-name')).toHaveText('Scoring');
}

test('best customers → lift chart → score leads → grade matrix → sales-ready threshold → toast, list and hand-off file', async ({ page, host }) => {
  await openScoring(page, host.url);

  // Best customers: the segments (one marked best) and the lift chart with bars named in words.
  await expect(page.getByTestId('score-tab-best')).toHaveAttribute('aria-selected', 'true');
  const segments = page.getByTestId('segment-row');
  await expect(segments.first()).toBeVisible({ timeout: 60_000 });
  expect(await segments.count()).toBeGreaterThan(1);
  await expect(page.locator('[data-testid="segment-row"][data-best="true"]')).not.toHaveCount(0);
  await expect(page.getByTestId('profile-summary')).toContainText(/best customers of 300/);
  const chart = page.getByTestId('lift-chart');
  await expect(chart).toBeVisible();
  const bars = chart.getByTestId('lift-bar');
  expect(await bars.count()).toBeGreaterThanOrEqual(3);
  const labels = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  for (const l of labels) expect(l).toMatch(/^\S.*: index \d+$/);
  // The strongest value of the first group is over-represented, and its bar is drawn in the accent colour.
  const first = bars.first();
  expect(Number(await first.getAttribute('data-index'))).toBeGreaterThan(100);
  await expect(first).toHaveClass(/is-above/);
  // The RFM cut points in force: four per measure, the house file's quintiles to start with.
  for (const m of ['recencyDays', 'frequency', 'monetary']) await expect(page.getByTestId(`rfm-${m}`).locator('input')).toHaveCount(4);
  await expect(page.getByTestId('rfm-apply')).toBeDisabled();
  await attachScreenshot(page, 'scoring-1 best customers');

  // Leads: Score leads → the grade matrix; its cells add up to the leads scored.
  await page.getByTestId('score-tab-leads').click();
  await expect(page.getByTestId('all-leads-empty')).toContainText('Not scored yet');
  await page.getByTestId('score-run').click();
  const matrix = page.getByTestId('grade-matrix');
  await expect(matrix).not.toHaveAttribute('data-total', '0', { timeout: 120_000 });
  const cells = await page.getByTestId('grade-cell').evaluateAll((els) => els.map((e) => ({ grade: e.getAttribute('data-grade')!, n: Number(e.getAttribute('data-count')) })));
  expect(cells).toHaveLength(12);
  const scored = cells.reduce((s, c) => s + c.n, 0);
  expect(scored).toBe(Number(await matrix.getAttribute('data-total')));
  await expect(page.getByTestId('score-tab-leads-count')).toHaveText(scored.toLocaleString('en-US'));
  await expect(page.getByTestId('all-leads')).toHaveAttribute('data-total', String(scored));
  expect(scored).toBeGreaterThan(500); // the sample's bought list: 1,000 prospects
  await expect(page.getByTestId('lead-row').first()).toBeVisible();
  expect(await page.getByTestId('lead-row').count()).toBe(100);
  // Best fit first.
  const fits = await page.getByTestId('lead-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-fit'))));
  expect([...fits].sort((a, b) => b - a)).toEqual(fits);
  await attachScreenshot(page, 'scoring-2 leads and grade matrix');

  // A cell lists its grade only; clicking it again lists every lead.
  const cell = cells.filter((c) => c.n > 0).sort((a, b) => a.n - b.n)[0]!;
  await page.locator(`[data-testid="grade-cell"][data-grade="${cell.grade}"]`).click();
  await expect(page.getByTestId('all-leads')).toHaveAttribute('data-total', String(cell.n));
  const grades = await page.getByTestId('lead-grade').allTextContents();
  expect(grades.length).toBe(Math.min(100, cell.n));
  for (const g of grades) expect(g).toBe(cell.grade);
  await attachScreenshot(page, 'scoring-3 one grade');
  await page.getByTestId('grade-clear').click();
  await expect(page.getByTestId('all-leads')).toHaveAttribute('data-total', String(scored));

  // Sales-ready: a lower threshold, saved and scored again → new sales-ready leads, a toast, the list filled.
  await page.getByTestId('score-tab-ready').click();
  await expect(page.getByTestId('ready-count')).toBeVisible();
  const before = await count(page, 'ready-count');
  await expect(page.getByTestId('ready-apply')).toBeDisabled();
  // The first score's toasts out of the way, so the one asserted below belongs to the re-score.
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('ready-min-fit').fill('60');
  await expect(page.getByTestId('ready-min-fit-slider')).toHaveValue('60');
  await expect(page.getByTestId('ready-apply')).toBeEnabled();
  await page.getByTestId('ready-apply').click();
  const toast = page.getByTestId('toast').filter({ hasText: /new sales-ready leads?/ });
  await expect(toast).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('ready-apply')).toBeDisabled();
  await expect.poll(() => count(page, 'ready-count')).toBeGreaterThan(before);
  const after = await count(page, 'ready-count');
  await expect(toast.first()).toContainText(`${(after - before).toLocaleString('en-US')} new sales-ready lead`);
  await expect(page.getByTestId('score-tab-ready-count')).toHaveText(after.toLocaleString('en-US'));
  const ready = page.getByTestId('lead-row');
  expect(await ready.count()).toBe(Math.min(100, after));
  const readyRows = await ready.evaluateAll((els) => els.map((e) => ({ ok: e.getAttribute('data-sales-ready'), fit: Number(e.getAttribute('data-fit')) })));
  for (const r of readyRows) {
    expect(r.ok).toBe('true');
    expect(r.fit).toBeGreaterThanOrEqual(60);
  }
  await attachScreenshot(page, 'scoring-4 sales-ready');

  // The hand-off file: one row per sales-ready lead, under CRM column names.
  const download = page.waitForEvent('download');
  await page.getByTestId('ready-export').click();
  const file = await (await download).path();
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const header = parsed[0]!;
  for (const col of ['First Name', 'Last Name', 'Company', 'Email', 'Phone', 'Lead Score']) expect(header).toContain(col);
  expect(parsed.length - 1).toBe(after);
  const score = header.indexOf('Lead Score');
  for (const row of parsed.slice(1)) expect(Number(row[score])).toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId('toast').filter({ hasText: /^Exported/ })).toBeVisible();

  // The same leads for HubSpot's importer: its property labels.
  await page.getByTestId('ready-crm').selectOption('hubspot');
  const hubDownload = page.waitForEvent('download');
  await page.getByTestId('ready-export').click();
  const hub = Papa.parse<string[]>(fs.readFileSync(await (await hubDownload).path(), 'utf8'), { skipEmptyLines: true }).data;
  for (const col of ['First Name', 'Last Name', 'Company Name', 'Job Title', 'Phone Number', 'State/Region', 'Lead Score']) expect(hub[0]).toContain(col);
  expect(hub.length - 1).toBe(after);
});

test('rules: flags as switches in words, saved at once; keywords edited', async ({ page, host }) => {
  await openScoring(page, host.url);
  // The first profile cleans the sample's lists; the rules are edited once that is done.
  await expect(page.getByTestId('lift-chart')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('score-tab-rules').click();
  await expect(page.getByTestId('rules')).toBeVisible();
  await expect(page.getByTestId('rule-free_email')).toContainText('Free e-mail address (gmail, yahoo…)');
  await expect(page.getByTestId('rule-stale')).toContainText(/Stale: acquired over \d+ months ago/);
  const sw = page.getByTestId('rule-free_email-switch');
  const was = await sw.getAttribute('aria-checked');
  await sw.focus();
  await page.keyboard.press('Space');
  await expect(sw).toHaveAttribute('aria-checked', was === 'true' ? 'false' : 'true');
  await expect(page.getByTestId('rules-changed')).toBeVisible();
  await page.getByTestId('rule-keywords-list').fill('student\nintern\nAcme Rival Corp');
  await page.getByTestId('rule-keywords-save').click();
  await expect(page.getByTestId('rule-keywords-save')).toBeDisabled();
  await expect(page.getByTestId('rule-keywords-save')).toHaveText('Save 3 keywords');
  await page.getByTestId('rule-stale-months').fill('24');
  await page.getByTestId('rule-stale-months').press('Enter');
  await expect(page.getByTestId('rule-stale')).toContainText('Stale: acquired over 24 months ago');
  // Saved in the project: read back when the view opens again.
  await page.getByTestId('nav-mailing').click();
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('score-tab-rules')).toHaveAttribute('aria-selected', 'true');
  await expect(sw).toHaveAttribute('aria-checked', was === 'true' ? 'false' : 'true');
  await expect(page.getByTestId('rule-keywords-list')).toHaveValue('student\nintern\nAcme Rival Corp');
  await attachScreenshot(page, 'scoring-5 rules');

  // The RFM thresholds can be changed and put back: a lower "best" bar makes more best customers; a custom cut point
  // replaces the quintiles until "Use quintiles".
  await page.getByTestId('score-tab-best').click();
  await expect(page.getByTestId('lift-chart')).toBeVisible({ timeout: 60_000 });
  const best = async () => Number(/([\d,]+) best customers/.exec((await page.getByTestId('profile-summary').textContent()) ?? '')![1]!.replace(/,/g, ''));
  const before = await best();
  await page.getByTestId('rfm-best-min').fill('9');
  await page.getByTestId('rfm-apply').click();
  await expect.poll(best).toBeGreaterThan(before);
  await expect(page.getByTestId('rfm-best-min')).toHaveValue('9');
  await expect(page.getByTestId('score-tab-best-count')).toHaveText((await best()).toLocaleString('en-US'));
  await expect(page.getByTestId('rfm-monetary-quintiles')).toHaveCount(0);
  await page.getByTestId('rfm-monetary-3').fill('5');
  await expect(page.getByTestId('rfm-monetary')).toContainText('Cut point 4 must be at least cut point 3.');
  await expect(page.getByTestId('rfm-apply')).toBeDisabled();
  await page.getByTestId('rfm-monetary-3').fill('5000');
  await page.getByTestId('rfm-apply').click();
  await expect(page.getByTestId('rfm-monetary-3')).toHaveValue('5000');
  await expect(page.getByTestId('rfm-monetary-quintiles')).toBeVisible();
  await page.getByTestId('rfm-monetary-quintiles').click();
  await expect(page.getByTestId('rfm-monetary-quintiles')).toHaveCount(0);
  await expect(page.getByTestId('rfm-monetary-3')).not.toHaveValue('5000');
  await page.emulateMedia({ colorScheme: 'dark' });
  await attachScreenshot(page, 'scoring-6 dark');
});

test('a project without lists says what to import first, and cannot score', async ({ page, host }) => {
  await page.goto(host.url);
  await createProject(page, 'Empty');
  await page.getByTestId('nav-scoring').click();
  await expect(page.getByTestId('score-blocked')).toHaveText('Import a house file (role: customers) to learn who your best customers are.');
  await expect(page.getByTestId('score-run')).toBeDisabled();
  await expect(page.getByTestId('best-customers-none')).toContainText('No house file yet');
  await expect(page.locator('[data-testid="toast"][data-tone="error"]')).toHaveCount(0);
  await attachScreenshot(page, 'scoring-7 no lists');
});
