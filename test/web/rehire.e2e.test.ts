import { randomUUID } from 'node:crypto';
import { requestsAs } from '../support/apiRequest';
import { expectAccessible, signInDev, describeWebAppSuite } from '../support/browser';
import { waitFor } from '../support/waitFor';

/** A rehire on the hire page, both ways: the later journey links to the earlier one and back. */
describeWebAppSuite('a rehire on the hire page in headless Chromium', { timeoutMs: 180_000 }, (suite) => {
  const organisationId = `herintrede-${randomUUID().slice(0, 8)}`;
  const earlier = `h-eerder-${randomUUID().slice(0, 6)}`;
  const later = `h-later-${randomUUID().slice(0, 6)}`;
  const send = requestsAs(() => suite.system.baseUrl, organisationId, 'hr-advisor');
  const running = (hireId: string) =>
    waitFor(
      async () => (await (await send('GET', `/hires/${hireId}`)).json()) as { items?: unknown },
      (view) => Array.isArray(view.items),
      20_000,
    );

  beforeAll(async () => {
    expect(
      (await send('POST', '/hires', { hireId: earlier, startDate: '2027-05-03', role: 'Jeugdzorgwerker' })).status,
    ).toBe(201);
    await running(earlier);
    expect((await send('POST', `/hires/${earlier}/withdrawal`, { reason: 'andere baan' })).status).toBe(200);
    const body = { hireId: later, startDate: '2027-09-06', role: 'Jeugdzorgwerker', rehireOf: earlier };
    expect((await send('POST', '/hires', body)).status).toBe(201);
    await running(later);
  }, 120_000);

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
