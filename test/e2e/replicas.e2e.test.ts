import { randomUUID } from 'node:crypto';
import { apiRequest } from '../support/apiRequest';
import { describePermissionMatrix } from '../support/permissionMatrix';
import { type ReplicaSystem, startReplicaSystem } from '../support/replicaSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * Issue #17 item 3: two API processes and two workers on one data folder and one PostgreSQL, through a proxy
 * that alternates between the APIs. First the whole permission matrix, each API with read models of its own (the
 * Helm chart's pods), so the fixture's writes and reads and each cell land on either replica; then, on one shared
 * read-model file (compose's volume), what only replicas can get wrong: a write through one API read through the
 * other, and two organisations kept apart whichever API answers.
 */
describePermissionMatrix(
  'replicas: the permission matrix through two APIs and two workers behind a round robin',
  ['temporal', 'postgres'],
  () => startReplicaSystem(),
  240_000,
);

/** Lines the processes logged at error level or worse (pino: 50 error, 60 fatal). */
function errorsIn(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line));
}

describeWithServices(['temporal', 'postgres'], 'replicas: reads after writes and organisations kept apart', () => {
  let system: ReplicaSystem;
  const run = randomUUID().slice(0, 8);
  const A = { id: `rep-${run}-a`, token: '', role: `Jeugdzorgwerker A${run}` };
  const B = { id: `rep-${run}-b`, token: '', role: `Gezinsvoogd B${run}` };
  /** Both organisations register a hire of this id, each its own. */
  const SHARED_HIRE = `h-rep-${run}`;

  beforeAll(async () => {
    system = await startReplicaSystem({ sharedReadModels: true });
    for (const org of [A, B])
      org.token = (
        await system.apiKeys.issue({
          organisationId: org.id,
          roles: ['admin'],
          label: `admin ${org.id}`,
          createdBy: 'test',
        })
      ).token;
  }, 240_000);
  afterAll(async () => {
    await system?.stop();
  });

  /** Straight to one API process (0 or 1), past the proxy. */
  const at = (
    api: number,
    org: { id: string; token: string },
    method: string,
    path: string,
    body?: unknown,
    headers = {},
  ) =>
    apiRequest(system.apiUrls[api]!, org.id, method, path, body, { authorization: `Bearer ${org.token}`, ...headers });
  const registration = (org: { role: string }) => ({
    hireId: SHARED_HIRE,
    startDate: '2027-03-01',
    role: org.role,
    team: `Team ${run}`,
    location: 'Tiel',
    managerRef: `mgr-${run}`,
    templateId: 'rvdk-two-year-programme',
  });

  it('reads a hire registered through one API through the other: its view, its tasks, and the same answer to a retry', async () => {
    const key = randomUUID();
    const registered = await at(0, A, 'POST', '/hires', registration(A), { 'idempotency-key': key });
    expect(registered.status).toBe(201);
    const first = (await registered.json()) as { hireId: string; workflowId: string };

    // The other API answers from the same store and, a moment later, the same read models.
    const view = await waitFor(
      async () => {
        const answer = await at(1, A, 'GET', `/hires/${SHARED_HIRE}`);
        return { status: answer.status, body: answer.status === 200 ? await answer.json() : await answer.text() };
      },
      (answer) => answer.status === 200 && (answer.body as { items?: unknown[] }).items !== undefined,
      30_000,
    );
    expect(view.body).toMatchObject({ hireId: SHARED_HIRE, role: A.role });
    await waitFor(
      async () =>
        (await at(1, A, 'GET', '/tasks?ownerRole=hr&limit=500')).json() as Promise<{ tasks: { hireId: string }[] }>,
      (page) => page.tasks.some((task) => task.hireId === SHARED_HIRE),
      30_000,
    );
    await waitFor(
      async () => (await at(1, A, 'GET', '/hires?limit=500')).json() as Promise<{ hires: { hireId: string }[] }>,
      (page) => page.hires.some((hire) => hire.hireId === SHARED_HIRE),
      30_000,
    );

    // A client that retries through the other API is answered about the same hire (200: not registered again).
    const retried = await at(1, A, 'POST', '/hires', registration(A), { 'idempotency-key': key });
    const again = (await retried.json()) as { hireId: string; workflowId: string };
    expect({ status: retried.status, hireId: again.hireId, workflowId: again.workflowId }).toEqual({
      status: 200,
      hireId: first.hireId,
      workflowId: first.workflowId,
    });
  }, 60_000);

  it("keeps the same hire id of two organisations apart, and refuses one organisation's key for the other, on either API", async () => {
    const registered = await at(1, B, 'POST', '/hires', registration(B), { 'idempotency-key': randomUUID() });
    expect(registered.status).toBe(201);
    for (const api of [0, 1]) {
      const ofA = await waitFor(
        async () => (await at(api, A, 'GET', `/hires/${SHARED_HIRE}`)).json() as Promise<{ role?: string }>,
        (body) => body.role !== undefined,
      );
      const ofB = await waitFor(
        async () => (await at(api, B, 'GET', `/hires/${SHARED_HIRE}`)).json() as Promise<{ role?: string }>,
        (body) => body.role !== undefined,
      );
      expect({ api, a: ofA.role, b: ofB.role }).toEqual({ api, a: A.role, b: B.role });

      // B's key with A's organisation: refused before anything is looked up.
      const crossing = await apiRequest(
        system.apiUrls[api]!,
        A.id,
        'POST',
        `/hires/${SHARED_HIRE}/withdrawal`,
        {
          reason: 'door een ander',
        },
        { authorization: `Bearer ${B.token}`, 'idempotency-key': randomUUID() },
      );
      expect({ api, status: crossing.status, type: ((await crossing.json()) as { type: string }).type }).toEqual({
        api,
        status: 403,
        type: '/problems/organisation-forbidden',
      });
      const hires = ((await (await at(api, B, 'GET', '/hires?limit=500')).json()) as { hires: { role: string }[] })
        .hires;
      expect(hires.map((hire) => hire.role)).not.toContain(A.role);
    }
    // A's hire is as A registered it: nothing B sent reached it.
    const view = (await (await at(0, A, 'GET', `/hires/${SHARED_HIRE}`)).json()) as { stage: string };
    expect(view.stage).not.toBe('withdrawn');
  }, 60_000);

  it('sends requests to both APIs through the proxy, one of which projects, and no process logged an error', async () => {
    for (let index = 0; index < 4; index++) await (await fetch(`${system.baseUrl}/healthz`)).arrayBuffer();
    expect(system.requestsPerApi.every((count) => count >= 2)).toBe(true);
    const output = system.output();
    expect(errorsIn(output)).toEqual([]);
    // One API projects into the shared read-model file, the other stands by: no checkpoint moved from under a runner.
    const projecting = output
      .split('\n')
      .filter((line) => line.includes('"lease":"projections:') && line.includes('lease verkregen'));
    expect(projecting).toHaveLength(1);
    expect(output).not.toContain('checkpoint door een ander verzet');
  });
});
