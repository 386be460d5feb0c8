import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS, expectAccessible } from './browser';

/**
 * The last steps of a form a personal link opens (the survey, the exit questionnaire), filled in: checked with axe
 * as `name`, photographed from its top for the README (`screenshot`, the whole page or the screen), sent with the
 * Versturen button of `form` and thanked for.
 */
export async function sendLinkForm(
  page: Page,
  form: Page | Locator,
  shot: { name: string; screenshot: string; fullPage: boolean },
): Promise<void> {
  await expectAccessible(page, shot.name);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOTS, shot.screenshot), fullPage: shot.fullPage });
  await form.getByRole('button', { name: 'Versturen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
}
