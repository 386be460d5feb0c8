import { randomUUID } from 'node:crypto';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * Right after POST /hires answered 201 the journey has not written the hire's stream yet (no worker has run it:
 * a moment when idle, seconds in a burst). A hire the API acknowledged must never read as unknown: the audit
 * reads answer that its history is still being written. No worker runs here until the end, so this is no race.
 */
describeWithServices(['temporal'], 'the history of a hire the API just registered', () => {
  let system: RunningSystem;
  const organisationId = `geregistreerd-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, worker: false });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const auditor = (path: string) =>
    apiRequest(system.baseUrl, organisationId, 'GET', path, undefined, { 'x-role': 'auditor' });
  const register = (hireId: string, key: string) =>
    apiRequest(
      system.baseUrl,
      organisationId,
      'POST',
      '/hires',
      { hireId, startDate: addDays(isoDateOfEpochMs(Date.now()), 60), role: 'Jeugdzorgwerker' },
      { 'idempotency-key': key, 'x-role': 'hr-system' },
    );

  it('is still being written, not unknown, in every audit read, until the journey has written it', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const before = new Date();
    expect((await register(hireId, key)).status).toBe(201);

    const history = await auditor(`/hires/${hireId}/history`);
    expect(history.status).toBe(200);
    expect(history.headers.get('retry-after')).toBe('1');
    expect(await readJson(history)).toEqual({ organisationId, hireId, events: [], pending: true });

    const exported = await auditor(`/hires/${hireId}/history/export?format=json`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('retry-after')).toBe('1');
    expect(await readJson(exported)).toMatchObject({ organisationId, hireId, events: [], pending: true });
    const csv = await auditor(`/hires/${hireId}/history/export?format=csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(1); // the header row only

    const verification = await auditor(`/hires/${hireId}/history/verification`);
    expect(verification.status).toBe(200);
    expect(await readJson(verification)).toEqual({ organisationId, hireId, ok: true, events: 0, pending: true });

    const state = await auditor(`/hires/${hireId}/state`);
    expect(state.status).toBe(200);
    expect(state.headers.get('retry-after')).toBe('1');
    expect(await readJson(state)).toMatchObject({ hireId, stage: 'registered', eventsApplied: 0, pending: true });
    await expectProblem(
      await auditor(`/hires/${hireId}/state?asOf=${new Date(before.getTime() - 60_000).toISOString()}`),
      404,
      {
        type: '/problems/hire-not-found-as-of',
      },
    );

    await system.runWorker();
    // A retry of the registration (answered from the journey, so with a worker) is answered as the first was.
    expect((await register(hireId, key)).status).toBe(200);
    const written = await waitFor(
      async () => readJson(await auditor(`/hires/${hireId}/history`)),
      (body) => body.events.length >= 2,
    );
    expect(written.pending).toBeUndefined();
    expect(written.events.slice(0, 2).map((event: { type: string }) => event.type)).toEqual([
      'HireRegistered',
      'JourneyStarted',
    ]);
    const after = await auditor(`/hires/${hireId}/history/verification`);
    expect(after.headers.get('retry-after')).toBeNull();
    expect(await readJson(after)).toMatchObject({ ok: true, events: expect.any(Number) });
  });

  it('still calls a hire that was never registered unknown', async () => {
    for (const path of ['/history', '/history/export', '/history/verification', '/state']) {
      await expectProblem(await auditor(`/hires/nobody-${randomUUID().slice(0, 8)}${path}`), 404, {
        type: '/problems/hire-not-found',
      });
    }
  });
});
