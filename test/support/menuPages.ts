import type { Locator, Page } from 'playwright-core';

/** Opens a page from the app's menu by its link's name (`exact`: that name only) and waits for its title (h1). */
export async function openFromMenu(page: Page, link: string, title: string, exact = false): Promise<void> {
  await page.getByRole('link', { name: link, ...(exact ? { exact } : {}) }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** The text of each cell (`cells`, a CSS selector) of each row of a table's body, row by row, as the page shows it. */
export function tableRows(table: Locator, cells = 'td'): Promise<(string | null)[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll(
      (trs, selector) => trs.map((tr) => [...tr.querySelectorAll(selector)].map((cell) => cell.textContent)),
      cells,
    );
}
