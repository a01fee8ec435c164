// Cleaning in Chromium: a list with a typo'd e-mail, a bad ZIP, a phone without area code and a company in the name field is
// cleaned; its findings show as badges; the e-mail typo filter narrows the grid; fixing the cell clears the badge; undo and
// redo bring the old value and badge back and forth; the record drawer explains the record and applies a suggestion.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { attachScreenshot, expect, test } from './host-fixture';
import { cleanFromPrompt, createProject, finishWizard, gridCell, pickForImport, previewReady } from './ui-steps';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'clean', 'dirty-contacts.csv');
const COL = { first: 0, last: 1, company: 2, email: 3, phone: 4, zip: 8 };

/** Exports the list through the Export… dialog with a fields preset and reads the downloaded file back. */
async function exportAs(page: Page, fields: 'original' | 'canonical' | 'all', shot?: string): Promise<string[][]> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-fields').selectOption(fields);
  if (shot) await attachScreenshot(page, shot);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-submit').click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

test('clean a list, filter by an issue, fix a cell, undo and redo, and apply a suggestion from the record drawer', async ({ page, host }) => {
  await page.goto(host.url);
  await createProject(page, 'Cleaning');
  await pickForImport(page, fixture);
  await previewReady(page);
  await finishWizard(page, 'Dirty contacts');
  await page.getByTestId('report-dismiss').click();

  // Never cleaned: a calm prompt, and no badges yet.
  await expect(page.getByTestId('clean-prompt')).toBeVisible();
  await expect(page.getByTestId('clean-disclaimer')).toHaveText('USPS-style standardization from public data — not CASS, DPV or NCOA certified.');
  await expect(gridCell(page, 2, COL.email)).toHaveText('bob.stone@gmial.com');
  await expect(page.locator('[data-testid="cell-issue"]')).toHaveCount(0);
  await attachScreenshot(page, 'clean-1 not cleaned yet');

  await cleanFromPrompt(page);
  await expect(page.getByTestId('clean-stats')).toBeVisible();
  await expect(page.getByTestId('clean-with-issues')).not.toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('clean-disclaimer')).toBeVisible();
  await expect(page.getByTestId('clean-button')).toHaveText(/Clean again/);

  // Badges on the cells the findings are about.
  const typoBadge = gridCell(page, 2, COL.email).getByTestId('cell-issue');
  await expect(typoBadge).toHaveAttribute('data-codes', /email\.typo/);
  await expect(typoBadge).toHaveAttribute('title', /gmail\.com/);
  await expect(gridCell(page, 3, COL.zip).getByTestId('cell-issue')).toHaveAttribute('data-severity', 'error');
  await expect(gridCell(page, 4, COL.phone).getByTestId('cell-issue')).toHaveAttribute('data-codes', /phone\.no_area_code/);
  await expect(page.locator(`[data-testid="grid"] [data-row-no="5"] [data-testid="cell-issue"][data-codes*="name.company_in_person_field"]`).first()).toBeVisible();
  await expect(gridCell(page, 1, COL.email).getByTestId('cell-issue')).toHaveCount(0);
  await attachScreenshot(page, 'clean-2 cleaned with badges');

  // Filter: rows with a likely e-mail typo.
  await page.getByTestId('issue-filter').click();
  await expect(page.getByTestId('issue-menu')).toBeVisible();
  const typoKind = page.locator('[data-testid="issue-kind"][data-code="email.typo"]');
  await expect(typoKind).toBeVisible();
  await attachScreenshot(page, 'clean-3 issue menu');
  await typoKind.click();
  await expect(page.getByTestId('issue-menu')).toHaveCount(0);
  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '1');
  await expect(page.getByTestId('status-rows')).toContainText('1 of 5 rows');
  await expect(page.getByTestId('issue-filter-value')).not.toHaveText('All rows');
  // Position 1 of the filtered view is row 2 of the list.
  await expect(page.locator('[data-testid="grid"] [data-row-no="1"]')).toHaveAttribute('data-source-row', '2');
  const email = gridCell(page, 1, COL.email);
  await expect(email).toHaveText('bob.stone@gmial.com');
  await expect(email.getByTestId('cell-issue')).toBeVisible();

  // Fix the cell: click it, Enter edits, type, Enter saves.
  await email.click();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('cell-editor');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('bob.stone@gmial.com');
  await editor.fill('bob.stone@gmail.com');
  await attachScreenshot(page, 'clean-4 editing a cell');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(email).toHaveText('bob.stone@gmail.com');
  await expect(email.getByTestId('cell-issue')).toHaveCount(0);
  await expect(email).toHaveAttribute('data-edited', 'true');
  await expect(page.getByTestId('undo-button')).toBeEnabled();
  await expect(page.getByTestId('undo-button')).toHaveAttribute('title', /Undo/);
  await attachScreenshot(page, 'clean-5 fixed, badge gone');

  // Undo with the keyboard: the imported value and its badge are back.
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+z');
  await expect(email).toHaveText('bob.stone@gmial.com');
  await expect(email.getByTestId('cell-issue')).toHaveAttribute('data-codes', /email\.typo/);
  await expect(email).not.toHaveAttribute('data-edited', 'true');
  await expect(page.getByTestId('redo-button')).toBeEnabled();
  await attachScreenshot(page, 'clean-6 undone, badge back');

  // Redo with the toolbar button, then undo again with Ctrl+Shift+Z's opposite.
  await page.getByTestId('redo-button').click();
  await expect(email).toHaveText('bob.stone@gmail.com');
  await expect(email.getByTestId('cell-issue')).toHaveCount(0);
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+z');
  await expect(email).toHaveText('bob.stone@gmial.com');

  // The record drawer (Space): verdicts, quality, the finding with its suggestion; applying it fixes the cell.
  await email.click();
  await page.keyboard.press(' ');
  const drawer = page.getByTestId('record-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAttribute('data-row-no', '2');
  await expect(drawer.getByTestId('verdict-mailable')).toBeVisible();
  await expect(drawer.getByTestId('drawer-quality')).toBeVisible();
  const finding = drawer.locator('[data-testid="drawer-issue"][data-code="email.typo"]');
  await expect(finding.getByTestId('drawer-suggestion')).toHaveText('bob.stone@gmail.com');
  const emailValue = drawer.locator('[data-testid="drawer-column"][data-col="3"]');
  await expect(emailValue.getByTestId('drawer-current')).toHaveText('bob.stone@gmial.com');
  await expect(emailValue).not.toHaveAttribute('data-edited', 'true');
  await attachScreenshot(page, 'clean-7 record drawer');
  await finding.getByTestId('apply-suggestion').click();
  await expect(email).toHaveText('bob.stone@gmail.com');
  await expect(email.getByTestId('cell-issue')).toHaveCount(0);
  await expect(drawer.locator('[data-testid="drawer-issue"][data-code="email.typo"]')).toHaveCount(0);
  await expect(drawer.locator('[data-testid="drawer-column"][data-col="3"]')).toHaveAttribute('data-edited', 'true');
  await expect(drawer.locator('[data-testid="drawer-column"][data-col="3"]').getByTestId('drawer-raw')).toContainText('bob.stone@gmial.com');
  await attachScreenshot(page, 'clean-8 suggestion applied');

  // Back to every row.
  await page.getByTestId('drawer-close').click();
  await expect(drawer).toHaveCount(0);
  await page.getByTestId('issue-filter-clear').click();
  await expect(page.getByTestId('grid')).toHaveAttribute('data-total-rows', '5');
  await expect(page.getByTestId('status-rows')).toHaveText(/^5 rows/);
  await expect(gridCell(page, 2, COL.email)).toHaveText('bob.stone@gmail.com');
  await attachScreenshot(page, 'clean-9 all rows again');

  // Export: the original columns carry the edit; the cleaned columns are the engine's canonical ones.
  const original = await exportAs(page, 'original');
  expect(original[0]).toEqual(['First Name', 'Last Name', 'Company', 'Email', 'Phone', 'Address', 'City', 'State', 'Zip']);
  expect(original[2]?.[COL.email]).toBe('bob.stone@gmail.com');
  const cleaned = await exportAs(page, 'canonical', 'clean-10 export dialog');
  expect(cleaned).toHaveLength(6);
  expect(cleaned[0]).toEqual(expect.arrayContaining(['email', 'mailable', 'quality']));

  // Typing over a cell starts editing with that key; Escape leaves the value as it was. Double-click edits too.
  const phone = gridCell(page, 4, COL.phone);
  await phone.click();
  await page.keyboard.press('6');
  await expect(page.getByTestId('cell-editor')).toHaveValue('6');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-editor')).toHaveCount(0);
  await expect(phone).toHaveText('423-8812');
  await phone.dblclick();
  await expect(page.getByTestId('cell-editor')).toHaveValue('423-8812');
  await page.keyboard.press('Escape');
  await expect(phone).toHaveText('423-8812');
  await expect(phone).not.toHaveAttribute('data-edited', 'true');
  // Rows with findings carry a dot by their number, whichever column the finding is about.
  await expect(page.locator('[data-testid="grid"] [data-row-no="3"] [data-testid="row-gutter"]')).toHaveAttribute('data-issue', 'error');
  await expect(page.locator('[data-testid="grid"] [data-row-no="1"] [data-testid="row-gutter"]')).not.toHaveAttribute('data-issue', /./);
});
