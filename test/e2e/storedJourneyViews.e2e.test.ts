import { randomUUID } from 'node:crypto';
import { hireStreamName } from '../../services/event-store/streamNames';
import { isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { decide, initialJourneyState, isRejection } from '../../workflows/domain/journey';
import { hireJourneyWorkflowId, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { workerEnvelope } from '../support/workerEnvelope';

/**
 * GET /hires/{id} answers from the hire's events (services/api/storedJourneyViews.ts), not from a Temporal query.
 * It must say exactly what the workflow says: every command's answer is the workflow's own view, and the read
 * after it must equal it — and equal the workflow's query — field for field.
 */
describeWithServices(['temporal'], 'a journey read from its events', () => {
  let system: RunningSystem;
  const organisationId = `views-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    for (const [mentorRef, experienceYears] of [
      ['m-first', 10],
      ['m-second', 3],
    ] as const) {
      const offered = await send('PUT', `/mentors/${mentorRef}`, {
        team: 'Team Oost',
        location: 'Tiel',
        experienceYears,
        hoursPerWeekAvailable: 10,
        maxMentees: 2,
        active: true,
        contact: { displayName: `Mentor ${mentorRef}`, email: `${mentorRef}@views.test`, language: 'nl' },
      });
      expect(offered.status).toBe(200);
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const command = (method: 'POST' | 'PUT', path: string, body?: unknown) =>
    send(method, path, body, { 'idempotency-key': randomUUID() });
  const read = async (hireId: string) => readJson(await send('GET', `/hires/${hireId}`));
  const queried = (hireId: string) =>
    system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId)).query(journeyViewQuery);

  /** The workflow's answer to a command, and the read that follows it, must be the same journey. */
  async function expectReadToMatch(response: Response, hireId: string): Promise<unknown> {
    expect(response.status).toBe(200);
    const fromWorkflow = await readJson(response);
    const fromEvents = await read(hireId);
    expect(fromEvents).toEqual(fromWorkflow);
    expect(fromEvents).toEqual(await queried(hireId));
    return fromEvents;
  }

  it('reads what the workflow answered after every kind of command', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const registered = await command('POST', '/hires', {
      hireId,
      startDate: '2027-03-01',
      role: 'Jeugdzorgwerker',
      team: 'Team Oost',
      location: 'Tiel',
    });
    expect(registered.status).toBe(201);
    const asked = await waitFor(
      () => read(hireId),
      (view) => view.mentor?.status === 'asked',
      20_000,
    );
    expect(asked).toEqual(await queried(hireId));
    expect(asked.items.find((item: { id: string }) => item.id === 'task:accounts-ready')).toMatchObject({
      title: 'Accounts en systemen klaarzetten',
      status: 'open',
    });

    await expectReadToMatch(await command('POST', `/hires/${hireId}/tasks/task:accounts-ready/completion`), hireId);
    await expectReadToMatch(await command('PUT', `/hires/${hireId}/start-date`, { startDate: '2027-03-15' }), hireId);
    await expectReadToMatch(
      await command('POST', `/hires/${hireId}/learning-line/changes`, {
        change: { kind: 'move-milestone', milestoneId: 'caseload-build-up-check', dueOffsetDays: 120 },
      }),
      hireId,
    );
    const declined = await expectReadToMatch(
      await command('POST', `/hires/${hireId}/mentor-answer`, { mentorRef: 'm-first', accept: false }),
      hireId,
    );
    expect(declined).toMatchObject({ mentor: { status: 'asked', asked: ['m-first', 'm-second'] } });
    await expectReadToMatch(
      await command('POST', `/hires/${hireId}/mentor-answer`, { mentorRef: 'm-second', accept: true }),
      hireId,
    );
    const onLeave = await expectReadToMatch(
      await command('POST', `/hires/${hireId}/leave`, { from: '2027-04-01' }),
      hireId,
    );
    expect(onLeave).toMatchObject({ stage: 'on-leave', pausedSince: '2027-04-01' });
    await expectReadToMatch(await command('POST', `/hires/${hireId}/leave/end`, { until: '2027-05-01' }), hireId);
    const ended = await expectReadToMatch(
      await command('POST', `/hires/${hireId}/withdrawal`, { reason: 'ander aanbod' }),
      hireId,
    );
    expect(ended).toMatchObject({ stage: 'ended', outcome: 'withdrawn' });
  });

  it('answers from the events alone: a journey no workflow runs is read, an unknown hire is 404', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const today = isoDateOfEpochMs(Date.now());
    const input = {
      organisationId,
      hireId,
      startDate: '2027-06-01',
      role: 'Gedragswetenschapper',
      actor: 'test',
      registrationFingerprint: 'test',
    };
    const state = initialJourneyState(input, 'no-workflow', { ...rivierenlandTemplate, organisationId }, today);
    const decision = decide(state, { kind: 'StartJourney' }, today);
    if (isRejection(decision)) throw new Error(decision.message);
    await system.store.appendToStream(
      hireStreamName({ organisationId, hireId }),
      decision.events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: { ...event.data },
        metadata: workerEnvelope({ organisationId, hireId, occurredAt: new Date().toISOString() }),
      })),
      { expectedRevision: 'no_stream' },
    );

    const view = await read(hireId);
    expect(view).toMatchObject({
      hireId,
      stage: 'preboarding',
      role: 'Gedragswetenschapper',
      startDate: '2027-06-01',
      templateId: rivierenlandTemplate.id,
      workflowId: hireJourneyWorkflowId(organisationId, hireId),
    });
    expect(view.items.find((item: { id: string }) => item.id === 'task:accounts-ready')).toMatchObject({
      title: 'Accounts en systemen klaarzetten',
      dueDate: '2027-05-29',
      status: 'open',
    });
    // No workflow has this id: a Temporal query would have answered 404.
    await expect(queried(hireId)).rejects.toThrow(/not found/i);

    await expectProblem(await send('GET', `/hires/h-${randomUUID().slice(0, 8)}`), 404, {
      type: expect.stringContaining('hire-not-found'),
    });
  });
});
