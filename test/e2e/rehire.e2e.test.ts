import { randomUUID } from 'node:crypto';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * A rehire end to end on real Temporal: only a hire whose journey ended as left or withdrawn can be registered
 * again with `rehireOf`; the new journey's HireRegistered names the earlier one, and both hires show the link.
 */
describeWithServices(['temporal'], 'rehiring someone who left', () => {
  let system: RunningSystem;
  const organisationId = `rehire-${randomUUID().slice(0, 8)}`;
  const earlier = `h-earlier-${randomUUID().slice(0, 6)}`;
  const later = `h-later-${randomUUID().slice(0, 6)}`;
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const register = (hireId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    send(
      'POST',
      '/hires',
      { hireId, startDate: '2027-06-01', role: 'Jeugdzorgwerker', ...extra },
      { 'idempotency-key': randomUUID(), ...headers },
    );
  const running = (hireId: string) =>
    waitFor(
      async () => readJson(await send('GET', `/hires/${hireId}`)),
      (view) => Array.isArray(view.items),
      20_000,
    );

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    expect((await register(earlier)).status).toBe(201);
    await running(earlier);
  }, 60_000);
  afterAll(async () => system?.stop());

  it('refuses a rehire of a hire whose journey still runs, of an unknown hire and of itself, in Dutch and English', async () => {
    await expectProblem(await register(later, { rehireOf: earlier }), 409, {
      type: '/problems/rehire-of-current-hire',
      title: 'Nog niet vertrokken',
      detail: expect.stringContaining(`"${earlier}" is niet vertrokken`),
    });
    await expectProblem(await register(later, { rehireOf: earlier }, { 'accept-language': 'en' }), 409, {
      title: 'Not left yet',
    });
    await expectProblem(await register(later, { rehireOf: 'h-nobody' }), 422, {
      type: '/problems/rehire-of-unknown-hire',
      detail: expect.stringContaining('"h-nobody"'),
    });
    await expectProblem(await register(later, { rehireOf: later }), 409, { type: '/problems/rehire-of-current-hire' });
    // Nothing of the refused registrations was started.
    await expectProblem(await send('GET', `/hires/${later}`), 404, { type: '/problems/hire-not-found' });
  });

  it('starts a new journey linked to the earlier one once that one was withdrawn, shown on both hires', async () => {
    const withdrawn = await send(
      'POST',
      `/hires/${earlier}/withdrawal`,
      { reason: 'andere baan' },
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(withdrawn.status).toBe(200);
    expect(await readJson(withdrawn)).toMatchObject({ outcome: 'withdrawn' });

    const key = randomUUID();
    const body = { hireId: later, startDate: '2027-09-01', role: 'Jeugdzorgwerker', rehireOf: earlier };
    expect((await send('POST', '/hires', body, { 'idempotency-key': key })).status).toBe(201);
    // A retry is the same registration and links once.
    expect((await send('POST', '/hires', body, { 'idempotency-key': key })).status).toBe(200);

    expect(await running(later)).toMatchObject({ hireId: later, rehireOf: earlier });
    expect(await readJson(await send('GET', `/hires/${earlier}`))).toMatchObject({
      outcome: 'withdrawn',
      rehiredAs: [later],
    });
    const history = await readJson(await send('GET', `/hires/${later}/history`));
    const registered = history.events.find((event: { type: string }) => event.type === 'HireRegistered');
    expect(registered.data).toMatchObject({ hireId: later, rehireOf: earlier });
  });
});
