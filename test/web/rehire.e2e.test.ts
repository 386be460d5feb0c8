import { randomUUID } from 'node:crypto';
import { apiRequest } from '../support/apiRequest';
import {
  type WebAppSuite,
  browserSuiteSkip,
  expectAccessible,
  signInDev,
  startWebAppSuite,
  stopWebAppSuite,
} from '../support/browser';
import { describeUnless } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const [missingService, skipReason] = browserSuiteSkip();

/** A rehire on the hire page, both ways: the later journey links to the earlier one and back. */
describeUnless(missingService, skipReason, 'a rehire on the hire page in headless Chromium', () => {
  jest.setTimeout(180_000);
  let suite: WebAppSuite;
  const organisationId = `herintrede-${randomUUID().slice(0, 8)}`;
  const earlier = `h-eerder-${randomUUID().slice(0, 6)}`;
  const later = `h-later-${randomUUID().slice(0, 6)}`;
  const send = (method: string, path: string, body?: unknown) =>
    apiRequest(suite.system.baseUrl, organisationId, method, path, body, {
      'x-role': 'hr-advisor',
      'idempotency-key': randomUUID(),
    });
  const running = (hireId: string) =>
    waitFor(
      async () => (await (await send('GET', `/hires/${hireId}`)).json()) as { items?: unknown },
      (view) => Array.isArray(view.items),
      20_000,
    );

  beforeAll(async () => {
    suite = await startWebAppSuite();
    expect(
      (await send('POST', '/hires', { hireId: earlier, startDate: '2027-05-03', role: 'Jeugdzorgwerker' })).status,
    ).toBe(201);
    await running(earlier);
    expect((await send('POST', `/hires/${earlier}/withdrawal`, { reason: 'andere baan' })).status).toBe(200);
    const body = { hireId: later, startDate: '2027-09-06', role: 'Jeugdzorgwerker', rehireOf: earlier };
    expect((await send('POST', '/hires', body)).status).toBe(201);
    await running(later);
  }, 120_000);
  afterAll(async () => stopWebAppSuite(suite));

  it('links the later journey to the earlier one and back', async () => {
    const { page, system } = suite;
    await signInDev(page, system.baseUrl, organisationId, 'hr-advisor');
    await page.goto(`${system.baseUrl}/app/hires/${later}`);
    const back = page.getByTestId('hire-rehire-of').getByRole('link', { name: earlier });
    await back.waitFor();
    await expectAccessible(page, 'rehired hire');
    await back.click();
    await page.getByTestId('hire-outcome').getByText('Teruggetrokken').waitFor();
    await page.getByTestId('hire-rehired-as').getByRole('link', { name: later }).waitFor();
    await expectAccessible(page, 'earlier hire of a rehire');
  });
});
