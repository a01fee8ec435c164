// Steps a user takes in the UI, shared by the e2e specs: create a project, go through the import wizard, read grid rows.
import type { Page } from '@playwright/test';
import { expect } from './host-fixture';

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByTestId('welcome-new').click();
  await page.getByTestId('new-project-name').fill(name);
  await page.getByTestId('new-project-create').click();
  await expect(page.getByTestId('project-name')).toHaveText(name);
}

/** Opens the wizard on a file through the Import list… picker and waits for the first preview. */
export async function pickForImport(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('import-dialog')).toBeVisible();
}

export async function previewReady(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="import-step"][data-step="preview"]')).toBeVisible();
  await expect(page.getByTestId('import-preview-loading')).toHaveCount(0);
}

/** From the preview step: Next to the mapping, Next to the list step, name it, Import, wait for the list in the grid. */
export async function finishWizard(page: Page, listName: string): Promise<void> {
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-name').fill(listName);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('current-list-name')).toHaveText(listName, { timeout: 60_000 });
}

export async function rowCells(page: Page, rowNo: number): Promise<string[]> {
  const row = page.locator(`[data-testid="grid"] [data-row-no="${rowNo}"]:not([data-loading="true"])`);
  await expect(row).toBeVisible();
  return row.locator('[data-col]').evaluateAll((cells) =>
    cells
      .map((c) => ({ col: Number(c.getAttribute('data-col')), text: c.getAttribute('title') ?? c.textContent ?? '' }))
      .sort((a, b) => a.col - b.col)
      .map((c) => c.text),
  );
}

/** The grid cell at a 1-based position of the view and a 0-based column, once its row has loaded. */
export function gridCell(page: Page, pos: number, col: number) {
  return page.locator(`[data-testid="grid"] [data-row-no="${pos}"]:not([data-loading="true"]) [data-col="${col}"]`);
}

/** Cleans the selected list from the "Not cleaned yet — Clean now" prompt and waits for the summary. */
export async function cleanFromPrompt(page: Page): Promise<void> {
  await expect(page.getByTestId('clean-prompt')).toContainText('Not cleaned yet');
  await page.getByTestId('clean-now').click();
  await expect(page.getByTestId('clean-summary')).toBeVisible({ timeout: 60_000 });
}
