import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import Database from 'better-sqlite3';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import {
  hireJourneyWorkflowId,
  hrisStartDateChangedSignal,
  hrisTerminationSignal,
} from '../../workflows/hireJourneyContract';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, runningSystemForBlock } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * Dates off the calendar used to be taken (201) and then failed the journey on every attempt, for good.
 * Every date a journey plans with must lie in the planning window; outside it the API answers 400 and stores nothing.
 */
describeWithServices(['temporal'], 'dates outside the planning window are refused at the door', () => {
  let system: RunningSystem;
  const organisationId = `venster-${randomUUID().slice(0, 8)}`;

  runningSystemForBlock({ kafka: false }, (started) => {
    system = started;
  });

  const daysFromToday = (days: number) => addDays(isoDateOfEpochMs(Date.now()), days);
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { 'idempotency-key': randomUUID(), ...headers });

  /** Every event of the whole store: nothing at all may be written for a refused request. */
  function storedEventCount(): number {
    const db = new Database(system.sqlitePath, { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function contactOf(personRef: string) {
    const directory = new SqlitePeopleDirectory(join(dirname(system.sqlitePath), 'people.sqlite'));
    try {
      return await directory.find(organisationId, personRef);
    } finally {
      directory.close();
    }
  }

  it.each(['9999-12-31', '0000-01-01'])(
    'refuses a registration starting %s with a 400 problem and stores nothing',
    async (startDate) => {
      const hireId = `h-${randomUUID().slice(0, 8)}`;
      const before = storedEventCount();
      const response = await send('POST', '/hires', {
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        newHire: { displayName: 'Sanne de Vries', email: 'sanne@voorbeeld.test' },
      });
      const problem = await expectProblem(response, 400, {
        type: '/problems/date-outside-planning-window',
        title: 'Datum buiten het planbare venster',
      });
      expect(problem.errors).toEqual([{ pointer: '/startDate', detail: expect.stringContaining(startDate) }]);
      expect(problem.detail).toMatch(/van \d{4}-\d{2}-\d{2} tot en met \d{4}-\d{2}-\d{2}/);

      expect(storedEventCount()).toBe(before);
      expect(await contactOf(hireId)).toBeUndefined();
      await expect(
        system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId)).describe(),
      ).rejects.toThrow(WorkflowNotFoundError);
    },
  );

  it('says so in English on request', async () => {
    const response = await send(
      'POST',
      '/hires',
      { hireId: 'h-en', startDate: '9999-12-31', role: 'Jeugdzorgwerker' },
      { 'accept-language': 'en' },
    );
    await expectProblem(response, 400, {
      type: '/problems/date-outside-planning-window',
      title: 'Date outside the planning window',
    });
  });

  it('refuses a start-date change, leave and a termination off the window, and the journey goes on as it was', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect(
      (await send('POST', '/hires', { hireId, startDate: daysFromToday(90), role: 'Jeugdzorgwerker' })).status,
    ).toBe(201);
    // Settled: in pre-boarding and past its first mentor step, whose events land after the stage shows.
    await waitFor(
      async () => readJson(await apiRequest(system.baseUrl, organisationId, 'GET', `/hires/${hireId}`)),
      (view) => view.stage === 'preboarding' && view.mentor?.status !== undefined && view.mentor.status !== 'searching',
    );
    let before = storedEventCount();
    await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = storedEventCount();
        const stable = now === before;
        before = now;
        return stable;
      },
      (stable) => stable,
    );

    const key = randomUUID();
    for (const startDate of ['9999-12-31', '0000-01-01']) {
      const change = await send('PUT', `/hires/${hireId}/start-date`, { startDate }, { 'idempotency-key': key });
      const problem = await expectProblem(change, 400, { type: '/problems/date-outside-planning-window' });
      expect(problem.errors).toEqual([{ pointer: '/startDate', detail: expect.stringContaining(startDate) }]);
    }
    await expectProblem(await send('POST', `/hires/${hireId}/leave`, { from: '0000-01-01' }), 400, {
      type: '/problems/date-outside-planning-window',
    });
    await expectProblem(await send('POST', `/hires/${hireId}/termination`, { lastWorkingDay: '9999-12-31' }), 400, {
      type: '/problems/date-outside-planning-window',
    });
    expect(storedEventCount()).toBe(before);

    // Nothing was claimed either: the same key then carries a date the journey can plan with.
    const moved = await send(
      'PUT',
      `/hires/${hireId}/start-date`,
      { startDate: daysFromToday(120) },
      { 'idempotency-key': key },
    );
    expect(moved.status).toBe(200);
    expect(await readJson(moved)).toMatchObject({ hireId, startDate: daysFromToday(120), stage: 'preboarding' });
  });

  it('ignores such a date from the HR system, which comes as a signal past the API, and stays answerable', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const startDate = daysFromToday(60);
    expect((await send('POST', '/hires', { hireId, startDate, role: 'Jeugdzorgwerker' })).status).toBe(201);
    const view = async () => readJson(await apiRequest(system.baseUrl, organisationId, 'GET', `/hires/${hireId}`));
    await waitFor(view, (journey) => journey.stage === 'preboarding');
    const handle = system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    await handle.signal(hrisStartDateChangedSignal, { startDate: '9999-12-31', actor: 'hris:test' });
    await handle.signal(hrisTerminationSignal, { lastWorkingDay: '9999-12-31', actor: 'hris:test' });

    // A command after the signals is answered only once the journey has handled them.
    const moved = await send('PUT', `/hires/${hireId}/start-date`, { startDate: daysFromToday(61) });
    expect(moved.status).toBe(200);
    expect(await readJson(moved)).toMatchObject({ startDate: daysFromToday(61), stage: 'preboarding' });
  });
});
