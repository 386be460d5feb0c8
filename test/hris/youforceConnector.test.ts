import { YouForceConnector } from '../../services/hris-connector/youforce/youforceConnector';
import { FakeYouForce } from './fakeYouForce';
import { ManualClock, ScaledClock } from './manualClock';
import { YOUFORCE_LIMITS } from '../../services/hris-connector/youforce/youforceConnector';

describe('the YouForce adapter against a fake YouForce', () => {
  let clock: ManualClock;
  let fake: FakeYouForce;
  const connector = (options: { pageSize?: number; minIntervalMs?: number; maxConcurrent?: number } = {}) =>
    new YouForceConnector(
      {
        ...fake.connectorSettings(),
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        limits: { maxConcurrent: options.maxConcurrent ?? 3, minIntervalMs: options.minIntervalMs ?? 600 },
      },
      clock,
    );

  beforeEach(async () => {
    clock = new ManualClock();
    fake = await new FakeYouForce(clock).start();
    fake.addOrgUnit({ id: '13612345', shortName: 'AFD-NOORD', fullName: 'Team Noord', manager: '100234' });
    fake.addJobProfile({ id: '5521', shortName: 'JZW', fullName: 'Jeugdzorgwerker' });
    for (let index = 1; index <= 7; index += 1) {
      fake.putEmployment({
        id: `E${index}`,
        personCode: `P${index}`,
        hireDate: '2020-01-01T00:00:00.000Z',
        organizationUnit: '13612345',
        jobProfile: '5521',
      });
    }
  });
  afterEach(() => fake.stop());

  it('follows nextLink through every page and maps the IAM shapes to the neutral ones', async () => {
    const listing = await connector({ pageSize: 3 }).listEmployments();
    expect(listing.complete).toBe(true);
    expect(listing.versions.map((version) => version.remoteEmploymentId)).toEqual([
      'E1',
      'E2',
      'E3',
      'E4',
      'E5',
      'E6',
      'E7',
    ]);
    expect(fake.requests.filter((request) => request.includes('/employments')).length).toBe(3);
    expect(listing.versions[0]).toEqual({
      remoteEmploymentId: 'E1',
      remotePersonId: 'P1',
      hireDate: '2020-01-01',
      dischargeDate: null,
      orgUnit: { id: '13612345', code: 'AFD-NOORD', name: 'Team Noord', managerRef: '100234' },
      jobProfile: { id: '5521', code: 'JZW', name: 'Jeugdzorgwerker' },
    });
  });

  it('asks for changed records with from/to and gets only those', async () => {
    const youforce = connector();
    await youforce.listEmployments();
    clock.advance(10 * 60_000);
    fake.updateEmployment('E4', { dischargeDate: '2026-08-31' });
    const listing = await youforce.listEmployments(new Date(clock.now() - 60_000));
    expect(listing.complete).toBe(false);
    expect(listing.versions.map((version) => [version.remoteEmploymentId, version.dischargeDate])).toEqual([
      ['E4', '2026-08-31'],
    ]);
    expect(fake.requests.at(-1)).toMatch(/from=2026-05-04T08%3A09%3A\d\d\.\d{3}Z&to=2026-05-04T08%3A10/);
  });

  it('fetches its token once per hour, not per call, and shares it between concurrent calls', async () => {
    const youforce = connector({ minIntervalMs: 0 });
    await Promise.all([youforce.getPerson('P1'), youforce.getPerson('P2'), youforce.getPerson('P3')]);
    for (let round = 0; round < 10; round += 1) await youforce.listEmployments();
    expect(fake.tokenCalls).toBe(1);
    expect(youforce.tokenRequests).toBe(1);

    clock.advance(3601 * 1000);
    await youforce.listEmployments();
    expect(fake.tokenCalls).toBe(2);
    expect(youforce.apiCalls).toBeGreaterThan(12);
  });

  it('honours 429 with Retry-After before trying again', async () => {
    // One call at a time: the manual clock moves when a client sleeps, so with calls in flight in parallel a
    // request sent before a 429 can reach the fake after it, and would be counted as an early retry.
    const youforce = connector({ maxConcurrent: 1 });
    fake.throttleNext(2, 7);
    const listing = await youforce.listEmployments();
    expect(listing.versions).toHaveLength(7);
    expect(fake.throttled).toBe(2);
    expect(fake.earlyRetries).toBe(0);
    expect(clock.sleeps.filter((ms) => ms >= 7000).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps to 3 concurrent calls and 100 a minute with its default limits: 150 calls, not one 429', async () => {
    // Time runs 100 times faster here, and the fake counts its minute on the same clock.
    const scaled = new ScaledClock(100);
    await fake.stop();
    fake = await new FakeYouForce(scaled).start();
    fake.responseDelayMs = 2;
    const youforce = new YouForceConnector(
      {
        ...fake.connectorSettings(),
        limits: YOUFORCE_LIMITS,
      },
      scaled,
    );
    await Promise.all(Array.from({ length: 150 }, (_, index) => youforce.getPerson(`P${index}`)));
    expect(fake.maxInFlight).toBeLessThanOrEqual(3);
    expect(fake.throttled).toBe(0);
    expect(fake.apiCalls).toBe(150);
  });
});
