// Merge/purge in Chromium: the sample project (house file + bought list) goes to Duplicates; Find duplicates runs as a job
// and reports rows before → after per list; the review queue shows the most doubtful pair side by side with its explanation
// and evidence; M merges it (a decision in the history, the next pair comes); Undo in the history strikes it through and the
// pair returns to the queue.
import { attachScreenshot, expect, test } from './host-fixture';
import { createProject } from './ui-steps';

test('find duplicates in the sample, review a doubtful pair, merge it, see the explanation, undo it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('welcome-sample').click();
  await expect(page.getByTestId('list-item')).toHaveCount(2);

  // Duplicates, before any run: a calm prompt; the history is empty.
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('duplicates-view')).toBeVisible();
  await expect(page.getByTestId('current-view-name')).toHaveText('Duplicates');
  await expect(page.getByTestId('dup-no-run')).toContainText('No duplicates found yet');
  await expect(page.getByTestId('decisions-empty')).toBeVisible();
  await expect(page.getByTestId('dup-level-auto')).toHaveAttribute('aria-checked', 'true');
  await attachScreenshot(page, 'dedupe-1 no run yet');

  // Find duplicates (the engine chooses the level) → the report.
  await page.getByTestId('dup-find').click();
  const report = page.getByTestId('dup-report');
  await expect(report).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('dup-list-row')).toHaveCount(2);
  await expect(page.getByTestId('dup-list-row').first()).toContainText('House file');
  const before = Number(await page.getByTestId('dup-rows').getAttribute('data-value'));
  expect(before).toBeGreaterThan(0);
  await expect(page.getByTestId('dup-rows-before')).not.toHaveText(await page.getByTestId('dup-rows-after').innerText());
  const toReview = Number(await page.getByTestId('dup-to-review').getAttribute('data-value'));
  expect(toReview).toBeGreaterThan(0);
  await expect(page.getByTestId('dup-review-count')).toContainText(/doubtful pairs? to review/);
  await expect(page.getByTestId('nav-duplicates-count')).toHaveText(String(toReview));
  await attachScreenshot(page, 'dedupe-2 report');

  // The review queue: the first (most doubtful) pair, side by side, with its explanation and evidence.
  await page.getByTestId('dup-open-review').click();
  const pair = page.getByTestId('pair-review');
  await expect(pair).toBeVisible();
  await expect(page.getByTestId('pair-position')).toHaveText(`Pair 1 of ${toReview}`);
  await expect(page.getByTestId('pair-explanation')).not.toBeEmpty();
  await expect(page.getByTestId('evidence-item').first()).toBeVisible();
  expect(await page.getByTestId('evidence-item').count()).toBeGreaterThan(1);
  await expect(page.getByTestId('pair-probability')).toContainText(/\d+% likely the same/);
  await expect(page.locator('[data-testid="pair-field"][data-differs="true"]').first()).toBeVisible();
  const first = { a: await pair.getAttribute('data-a'), b: await pair.getAttribute('data-b') };
  const explanation = await page.getByTestId('pair-explanation').innerText();
  await attachScreenshot(page, 'dedupe-3 review a pair');

  // → skips to the next pair, ← comes back.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('pair-position')).toHaveText(`Pair 2 of ${toReview}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('pair-position')).toHaveText(`Pair 1 of ${toReview}`);
  await expect(pair).toHaveAttribute('data-a', first.a!);

  // M: merge (confirm "same"). The pair shows what it did, the decision is in the history, and the next pair comes.
  await page.keyboard.press('m');
  await expect(page.getByTestId('pair-flash')).toContainText(/^Merged row \d+ of .+ with row \d+ of .+/);
  await expect(page.getByTestId('pair-merged')).toHaveAttribute('data-merged', 'true');
  await expect(page.getByTestId('pair-explanation')).toHaveText(explanation);
  const decision = page.getByTestId('decision').first();
  await expect(decision).toHaveAttribute('data-decision', 'same');
  await expect(decision.getByTestId('decision-label')).toHaveText(/^Merged row \d+ of .+ with row \d+ of .+$/);
  await expect(decision).toHaveAttribute('data-undone', 'false');
  await attachScreenshot(page, 'dedupe-4 merged');
  await expect(page.getByTestId('pair-flash')).toHaveCount(0);
  await expect(page.getByTestId('dup-tab-review-count')).toHaveText(String(toReview - 1));
  if (toReview > 1) {
    await expect(page.getByTestId('pair-position')).toHaveText(`Pair 1 of ${toReview - 1}`);
    await expect(page.getByTestId('pair-explanation')).not.toBeEmpty();
  } else {
    await expect(page.getByTestId('dup-nothing')).toContainText('Nothing to review');
  }
  await attachScreenshot(page, 'dedupe-5 next pair');

  // Undo that decision from the history: struck through (kept), the pair back in the queue, the counts back.
  await decision.getByTestId('decision-undo').click();
  await expect(decision).toHaveAttribute('data-undone', 'true');
  await expect(decision.getByTestId('decision-undone')).toHaveText('undone');
  await expect(decision.getByTestId('decision-label')).toHaveCSS('text-decoration-line', 'line-through');
  await expect(page.getByTestId('decision')).toHaveCount(1);
  await expect(page.getByTestId('dup-tab-review-count')).toHaveText(String(toReview));
  await expect(page.getByTestId('pair-position')).toHaveText(`Pair 1 of ${toReview}`);
  await expect(pair).toHaveAttribute('data-a', first.a!);
  await expect(pair).toHaveAttribute('data-b', first.b!);
  await expect(page.getByTestId('pair-decision')).toHaveCount(0);
  await attachScreenshot(page, 'dedupe-6 undone');

  // N: not a duplicate, then back to the report, whose counts include the decision.
  await page.keyboard.press('n');
  await expect(page.getByTestId('pair-flash')).toContainText(/^Kept row \d+ of .+ and row \d+ of .+ apart/);
  await expect(page.getByTestId('pair-merged')).toHaveAttribute('data-merged', 'false');
  await expect(page.getByTestId('decision').first()).toHaveAttribute('data-decision', 'different');
  await expect(page.getByTestId('pair-flash')).toHaveCount(0);
  await page.getByTestId('dup-tab-report').click();
  await expect(page.getByTestId('dup-to-review')).toHaveAttribute('data-value', String(toReview - 1));
  await attachScreenshot(page, 'dedupe-7 report after a decision');

  // Decide the rest: the queue empties into "Nothing to review"; the sidebar's count goes.
  await page.getByTestId('dup-tab-review').click();
  for (let left = toReview - 1; left > 0; left--) {
    await expect(page.getByTestId('pair-position')).toHaveText(`Pair 1 of ${left}`);
    await page.keyboard.press('m');
    await expect(page.getByTestId('pair-flash')).toBeVisible();
    await expect(page.getByTestId('pair-flash')).toHaveCount(0);
  }
  await expect(page.getByTestId('dup-nothing')).toContainText('Nothing to review');
  await expect(page.getByTestId('dup-tab-review-count')).toHaveText('0');
  await expect(page.getByTestId('nav-duplicates-count')).toHaveCount(0);
  await expect(page.getByTestId('decision')).toHaveCount(toReview + 1);
  await attachScreenshot(page, 'dedupe-8 nothing to review');

  // Back to a list: the grid again.
  await page.getByTestId('list-item').first().click();
  await expect(page.getByTestId('duplicates-view')).toHaveCount(0);
  await expect(page.getByTestId('grid')).toBeVisible();
});

test('a project without lists says what to do first', async ({ page, host }) => {
  await page.goto(host.url);
  await createProject(page, 'Empty');
  await page.getByTestId('nav-duplicates').click();
  await expect(page.getByTestId('dup-no-lists')).toContainText('no lists yet');
  await expect(page.getByTestId('dup-find')).toBeDisabled();
  await attachScreenshot(page, 'dedupe-9 no lists');
});
