// A damaged project in the app: opening it offers Recover instead of a dead end; recovery copies what can be read into a
// new project, reports list by list what was lost, and opens it. Also reachable without opening first (welcome screen).
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { attachScreenshot, cli, expect, test } from './host-fixture';

const ROWS = 20_000;
const PAGE = 16_384;

function peopleCsv(file: string): string {
  const out = ['First Name,Last Name,Email,Address,City,State,Zip'];
  for (let i = 1; i <= ROWS; i++) {
    const h = crypto.createHash('md5').update(`r${i}`).digest('hex');
    out.push(`Ann${h.slice(0, 5)},Smith${h.slice(5, 11)},ann.${h.slice(11, 19)}@example.com,${i} Main St,Springfield,IL,${60000 + (i % 999)}`);
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

/** A project of one 20,000-row list with four pages in the middle overwritten by (seeded) garbage. */
async function damagedProject(dir: string): Promise<string> {
  const p = path.join(dir, 'Spring.winnow');
  const r = await cli(['import', peopleCsv(path.join(dir, 'people.csv')), '--project', p, '--name', 'People']);
  expect(r.code, r.stderr).toBe(0);
  const offset = Math.floor(fs.statSync(p).size / 2 / PAGE) * PAGE;
  const garbage = Buffer.alloc(4 * PAGE);
  let x = 0x2545f491;
  for (let i = 0; i < garbage.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    garbage[i] = x & 0xff;
  }
  const fd = fs.openSync(p, 'r+');
  fs.writeSync(fd, garbage, 0, garbage.length, offset);
  fs.closeSync(fd);
  return p;
}

test('opening a damaged project offers recovery; the recovered project opens with what could be read', async ({ page, host }) => {
  const damaged = await damagedProject(fs.mkdtempSync(path.join(host.workspace, 'in-')));
  const before = fs.readFileSync(damaged);
  await page.goto(host.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('welcome-open').click();
  await (await chooser).setFiles(damaged);

  const dialog = page.getByTestId('recover-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Spring.winnow is damaged');
  await expect(page.getByTestId('recover-what')).toContainText(/Winnow could not open it: SQLite/);
  // The engine's advice names the CLI; the dialog offers the action itself instead.
  await expect(dialog).not.toContainText('winnow recover');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await attachScreenshot(page, 'recover-1-damaged');

  await page.getByTestId('recover-run').click();
  const report = page.getByTestId('recover-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole('heading')).toHaveText('Project recovered in part');
  await expect(report).toHaveAttribute('data-complete', 'false');
  const row = page.getByTestId('recover-lists').locator('tbody tr');
  await expect(row).toHaveCount(1);
  const cells = await row.locator('td').allInnerTexts();
  expect(cells[0]).toBe('People');
  const m = /^([\d,]+) of 20,000$/.exec(cells[1]!);
  expect(m, cells[1]).not.toBeNull();
  const recovered = Number(m![1]!.replace(/,/g, ''));
  expect(recovered).toBeLessThan(ROWS);
  expect(recovered).toBeGreaterThan(ROWS * 0.9);
  expect(cells[2]).toBe((ROWS - recovered).toLocaleString('en-US'));
  await expect(page.getByTestId('recover-summary')).toContainText('were in damaged parts of the file');
  await expect(report).toContainText('Spring-recovered.winnow');
  await attachScreenshot(page, 'recover-2-report');

  await page.getByTestId('recover-open').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('list-item')).toHaveCount(1);
  await expect(page.getByTestId('current-list-name')).toHaveText('People');
  // Row numbers are kept (they are the source file's rows); the lost ones are shown as lost, not left loading.
  const grid = page.getByTestId('grid');
  await expect(grid).toHaveAttribute('data-total-rows', String(ROWS));
  const out = path.join(host.workspace, 'Spring-recovered.winnow');
  const db = new Database(out, { readonly: true, fileMustExist: true });
  const present = new Set((db.prepare('SELECT id % 4294967296 AS r FROM records').all() as { r: number }[]).map((x) => x.r));
  db.close();
  expect(present.size).toBe(recovered);
  let firstLost = 1;
  while (present.has(firstLost)) firstLost++;
  const rowHeight = await page.locator('[data-testid="grid"] [data-row-no="1"]').evaluate((r) => r.getBoundingClientRect().height);
  await grid.locator('.grid-scroller').evaluate((el, top) => (el.scrollTop = top), (firstLost - 4) * rowHeight);
  const lostRow = page.locator(`[data-testid="grid"] [data-source-row="${firstLost}"]`);
  await expect(lostRow).toHaveAttribute('data-lost', 'true');
  await expect(lostRow.getByTestId('grid-lost-note')).toHaveText('Lost when the project was recovered: this row was in a damaged part of the file');
  await expect(page.locator(`[data-testid="grid"] [data-source-row="${firstLost - 1}"]`)).not.toHaveAttribute('data-lost', 'true');
  await expect(page.locator('[data-testid="grid"] [data-loading="true"]')).toHaveCount(0);
  await attachScreenshot(page, 'recover-3-opened-at-the-lost-rows');
  // The recovered project is a new file in the workspace; the damaged one is exactly as it was.
  expect(fs.existsSync(out)).toBe(true);
  expect(fs.readFileSync(damaged).equals(before)).toBe(true);
  const check = await cli(['check', '--project', path.join(host.workspace, 'Spring-recovered.winnow')]);
  expect(check.code).not.toBe(0); // still open in the app: refused, not read behind its back
  expect(check.stderr).toContain('already open in another Winnow window');
});

test('Recover a damaged project… works without opening it first, and Cancel leaves everything as it was', async ({ page, host }) => {
  const damaged = await damagedProject(fs.mkdtempSync(path.join(host.workspace, 'in-')));
  await page.goto(host.url);
  await expect(page.getByTestId('welcome-recover')).toHaveText('Recover a damaged project…');
  await attachScreenshot(page, 'recover-0-welcome');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('welcome-recover').click();
  await (await chooser).setFiles(damaged);
  const dialog = page.getByTestId('recover-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Recover Spring.winnow');
  await expect(page.getByTestId('recover-what')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('welcome')).toBeVisible();
  expect(fs.readdirSync(host.workspace).filter((f) => f.endsWith('.winnow'))).toEqual([]);
});
