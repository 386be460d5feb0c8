import { randomUUID } from 'node:crypto';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { apiRequest } from '../support/apiRequest';
import { journeyIdle } from '../support/journeyIdle';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';

/**
 * The lists the web app polls (GET /hires, GET /tasks) answer If-None-Match with 304 while the read models stand
 * still, and with the new page once a journey moved them; the tag is per caller and per query.
 */
describeWithServices(['temporal'], 'ETags on the lists read from projections', () => {
  jest.setTimeout(120_000);
  const organisationId = `etag-${randomUUID().slice(0, 8)}`;
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, 'GET', path, undefined, { 'x-role': 'hr-advisor', ...headers });

  async function register(hireId: string): Promise<void> {
    const startDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const response = await apiRequest(
      system.baseUrl,
      organisationId,
      'POST',
      '/hires',
      { hireId, startDate, role: 'Jeugdzorgwerker', managerRef: 'm-etag' },
      {
        'x-role': 'hr-advisor',
        'idempotency-key': randomUUID(),
      },
    );
    expect(response.status).toBe(201);
  }

  /**
   * The list once the journey of `hireId` stands still (a new one goes on appending for a moment: its plan, mails, the
   * mentor search) and the projections show it: the tag then stands, and asking with it is a 304. Two equal answers
   * alone are not enough: they once fell between the plan and the welcome request's mail (CI, stop 32).
   */
  async function settledList(
    path: string,
    hireId: string,
    headers: Record<string, string> = {},
  ): Promise<{ etag: string; body: string }> {
    await journeyIdle(system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId)));
    const settled = await waitFor(
      async () => {
        const response = await get(path, headers);
        const etag = response.headers.get('etag') ?? '';
        const body = await response.text();
        const again = await get(path, { ...headers, 'if-none-match': etag });
        return {
          status: response.status,
          etag,
          body,
          again: again.status,
          againBody: await again.text(),
          againTag: again.headers.get('etag'),
        };
      },
      (answer) => answer.status === 200 && answer.body.includes(hireId) && answer.again === 304,
      60_000,
    );
    expect(settled.againBody).toBe('');
    expect(settled.againTag).toBe(settled.etag);
    return settled;
  }

  it('answers 304 without a body for the tag the caller has, and the new page once a journey moved the read models', async () => {
    const first = `h-etag-${randomUUID().slice(0, 6)}`;
    await register(first);
    const { etag } = await settledList('/hires', first);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const unchanged = await get('/hires', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('cache-control')).toBe('private, no-cache');
    // fetch adds Cache-Control: no-cache to a request whose If-None-Match the page set: still a 304.
    expect(
      (await get('/hires', { 'if-none-match': etag, 'cache-control': 'no-cache', pragma: 'no-cache' })).status,
    ).toBe(304);
    // Another tag (or none) gets the page itself.
    expect((await get('/hires', { 'if-none-match': 'W/"something-else"' })).status).toBe(200);

    const second = `h-etag-${randomUUID().slice(0, 6)}`;
    await register(second);
    const moved = await waitFor(
      async () => {
        const response = await get('/hires', { 'if-none-match': etag });
        return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
      },
      (answer) => answer.status === 200 && answer.body.includes(second),
    );
    expect(moved.etag).not.toBe(etag);
    expect(moved.body).toContain(first);
  });

  it('tags per query and per caller: another stage, page size or person never gets a 304 for a tag that is not theirs', async () => {
    const hireId = `h-etag-${randomUUID().slice(0, 6)}`;
    await register(hireId);
    const { etag } = await settledList('/hires', hireId);
    expect((await get('/hires?stage=preboarding', { 'if-none-match': etag })).status).toBe(200);
    expect((await get('/hires?limit=1', { 'if-none-match': etag })).status).toBe(200);
    const asManager = await get('/hires', { 'if-none-match': etag, 'x-role': 'manager', 'x-person-ref': 'm-etag' });
    expect(asManager.status).toBe(200);
    expect(asManager.headers.get('etag')).not.toBe(etag);
    await settledList('/hires', hireId, { 'x-role': 'manager', 'x-person-ref': 'm-etag' });
  });

  it('does the same for the tasks inbox, and a refused request is refused, never 304', async () => {
    const hireId = `h-etag-${randomUUID().slice(0, 6)}`;
    await register(hireId);
    const { etag } = await settledList('/tasks?ownerRole=manager&ownerRef=m-etag', hireId);
    expect((await get('/tasks?ownerRole=hr', { 'if-none-match': etag })).status).toBe(200);
    // A manager asking for someone else's tasks is refused whatever tag they send.
    const refused = await get('/tasks?ownerRole=manager&ownerRef=someone-else', {
      'if-none-match': etag,
      'x-role': 'manager',
      'x-person-ref': 'm-etag',
    });
    expect(refused.status).toBe(403);
  });
});
