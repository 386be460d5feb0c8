import type { Page } from 'playwright-core';
import { type WebAppSuite, openDutchPage } from './browser';

/**
 * The asked mentor's way in, as they take it: the request mail the journey sent them, its magic link opened in a fresh
 * Dutch page of their own. The mail names PUBLIC_BASE_URL; the system under test listens elsewhere, so the link's
 * path and fragment are opened there. Fails unless the page lands on this hire's request; returns it, on the request.
 */
export async function openMentorRequestFromMail(
  suite: WebAppSuite,
  mentorEmail: string,
  hire: { readonly hireId: string; readonly displayName: string },
): Promise<Page> {
  const subject = new RegExp(`^Wil je mentor zijn van ${hire.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?$`);
  const request = await suite.smtp.firstTo(mentorEmail, subject);
  const mentorLink = /^\S+(\/app\/link#sml_\S+)$/m.exec(request.parsed.text ?? '')?.[1];
  if (!mentorLink) throw new Error(`no magic link in the mentor's request mail:\n${request.parsed.text}`);
  const page = await openDutchPage(suite.browser);
  await page.goto(`${suite.system.baseUrl}${mentorLink}`);
  await page.getByRole('heading', { level: 1, name: 'Mentorverzoek' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/app/mentor-requests/${hire.hireId}`);
  return page;
}
