import { randomUUID } from 'node:crypto';
import { surveyFollowUpStreamName, surveyTopicOwnersStreamName } from '../../services/event-store/streamNames';
import type { SurveyStore } from '../../services/survey/surveyStore';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { answerSurveyWave, surveyStoreOf } from '../support/surveyRespondents';

/**
 * The yearly analysis over HTTP (issue #12, item 5): five hires answer in each of two waves of 2025, two items score
 * among the worst three in both; HR names owners per topic, runs the analysis once, and the owner of a topic
 * concerned gets one follow-up task — again none — that they (not another manager) complete. Bad input is
 * problem+json in the reader's language and stores nothing.
 */
describeWithServices(['temporal'], "the survey's yearly analysis", () => {
  let system: RunningSystem;
  let survey: SurveyStore;
  const organisationId = `jz-${randomUUID().slice(0, 8)}`;
  const recruitmentLead = { personRef: 'werving-lead', displayName: 'Wendy Werving', email: 'wendy@raad.test' };
  const mentorCoordinator = { personRef: 'mentor-coord', displayName: 'Mo Mentor', email: 'mo@raad.test' };
  let hrKey: string;
  let ownerKey: string;
  let otherManagerKey: string;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    survey = surveyStoreOf(system);
    const issue = (roles: ('hr-advisor' | 'manager')[], personRef?: string) =>
      system.apiKeys.issue({
        organisationId,
        roles,
        label: personRef ?? 'hr',
        createdBy: 'test',
        ...(personRef ? { personRef } : {}),
      }).token;
    hrKey = issue(['hr-advisor']);
    ownerKey = issue(['manager'], recruitmentLead.personRef);
    otherManagerKey = issue(['manager'], 'andere-manager');
    // The people directory mirrors the HR system: the owners' names live there, the events name references only.
    for (const person of [recruitmentLead, mentorCoordinator])
      await system.directory.upsert({ organisationId, ...person, language: 'nl' });

    // Workload and the one contact person score among the worst three in both waves; mentor and belonging in one.
    await answerSurveyWave(system.baseUrl, survey, {
      organisationId,
      waveId: 'ninety-days-2025-Q1',
      respondents: 5,
      values: { 'ingredient-workload': 1, 'guidance-mentor': 2, 'recruitment-one-contact': 2 },
    });
    await answerSurveyWave(system.baseUrl, survey, {
      organisationId,
      waveId: 'ninety-days-2025-Q2',
      respondents: 5,
      values: { 'need-belonging': 1, 'ingredient-workload': 2, 'recruitment-one-contact': 2 },
    });
  }, 120_000);
  afterAll(async () => {
    survey?.close();
    await system?.stop();
  });

  const as =
    (key: () => string) =>
    (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      apiRequest(system.baseUrl, organisationId, method, path, body, { authorization: `Bearer ${key()}`, ...headers });
  const hr = as(() => hrKey);
  const owner = as(() => ownerKey);
  const otherManager = as(() => otherManagerKey);

  async function eventsOf(stream: string) {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for await (const event of system.store.readStream(stream)) events.push({ type: event.type, data: event.data });
    return events;
  }

  it('refuses owners with an unknown topic, an unknown person or a topic twice, in Dutch or English, storing nothing', async () => {
    await expectProblem(
      await hr('PUT', '/survey-topic-owners', { owners: [{ topic: 'catering', ownerRef: recruitmentLead.personRef }] }),
      400,
      { type: '/problems/invalid-request', title: 'Ongeldig verzoek' },
    );
    const unknownPerson = await expectProblem(
      await hr('PUT', '/survey-topic-owners', { owners: [{ topic: 'recruitment', ownerRef: 'niemand-bekend' }] }),
      400,
      { type: '/problems/invalid-survey-topic-owners', title: 'Eigenaren van onderwerpen kloppen niet' },
    );
    expect(unknownPerson.errors).toEqual([
      {
        pointer: '/owners/0/ownerRef',
        detail: '"niemand-bekend" staat niet in het personenbestand van deze organisatie.',
      },
    ]);
    const twice = await expectProblem(
      await hr(
        'PUT',
        '/survey-topic-owners',
        {
          owners: [
            { topic: 'guidance', ownerRef: mentorCoordinator.personRef },
            { topic: 'guidance', ownerRef: recruitmentLead.personRef },
          ],
        },
        { 'accept-language': 'en' },
      ),
      400,
      { type: '/problems/invalid-survey-topic-owners', title: 'Invalid topic owners' },
    );
    expect(twice.errors).toEqual([{ pointer: '/owners/1/topic', detail: 'Topic "guidance" has an owner twice.' }]);

    expect(await eventsOf(surveyTopicOwnersStreamName(organisationId))).toEqual([]);
    expect(await readJson(await hr('GET', '/survey-topic-owners'))).toEqual({ owners: [] });
  });

  it('keeps the owners HR names per topic, once: the same list again records nothing', async () => {
    const owners = [
      { topic: 'recruitment', ownerRef: recruitmentLead.personRef },
      { topic: 'guidance', ownerRef: mentorCoordinator.personRef },
    ];
    const saved = await hr('PUT', '/survey-topic-owners', { owners });
    expect(saved.status).toBe(200);
    // Kept in topic order, whatever order they came in.
    expect(await readJson(saved)).toMatchObject({ owners: [owners[1], owners[0]], savedBy: expect.any(String) });
    expect((await hr('PUT', '/survey-topic-owners', { owners: [owners[1], owners[0]] })).status).toBe(200);

    const recorded = await eventsOf(surveyTopicOwnersStreamName(organisationId));
    expect(recorded).toEqual([
      { type: 'SurveyTopicOwnersSaved', data: { organisationId, owners: [owners[1], owners[0]] } },
    ]);
    // References only: the directory's names and addresses stay out of the stream.
    expect(JSON.stringify(recorded)).not.toMatch(/Wendy|Mo Mentor|@raad\.test/);
  });

  it('refuses an unknown questionnaire, a year that is not a year and a year not yet over, storing nothing', async () => {
    await expectProblem(await hr('POST', '/questionnaires/exit-lijst/year-analyses', { year: '2025' }), 404, {
      type: '/problems/questionnaire-not-found',
      detail: 'Er is geen vragenlijst "exit-lijst" voor deze organisatie.',
    });
    for (const year of ['twintig', '25', '2025-Q1', 2025]) {
      await expectProblem(
        await hr('POST', '/questionnaires/ninety-days/year-analyses', { year }, { 'accept-language': 'en' }),
        400,
        { type: '/problems/invalid-request', title: 'Invalid request' },
      );
    }
    // Analysed once, so only once it is over: this year would leave its later rounds out for good.
    const thisYear = isoDateOfEpochMs(Date.now()).slice(0, 4);
    await expectProblem(await hr('POST', '/questionnaires/ninety-days/year-analyses', { year: thisYear }), 409, {
      type: '/problems/survey-year-not-over',
      title: 'Jaar nog niet voorbij',
    });
    await expectProblem(await hr('GET', '/questionnaires/ninety-days/year-analyses/2025'), 404, {
      type: '/problems/survey-year-analysis-not-found',
    });
    expect(await eventsOf(surveyFollowUpStreamName(organisationId))).toEqual([]);
  });

  it('lists the items that score worst in both waves, opens a task for the owner of each topic, and lists the rest as unassigned', async () => {
    const response = await hr('POST', '/questionnaires/ninety-days/year-analyses', { year: '2025' });
    expect(response.status).toBe(201);
    const analysis = await readJson(response);
    expect(analysis).toMatchObject({
      questionnaireId: 'ninety-days',
      year: '2025',
      basis: 'waves',
      periods: ['ninety-days-2025-Q1', 'ninety-days-2025-Q2'],
      topics: ['attractive-organisation', 'recruitment'],
      unassignedTopics: ['attractive-organisation'],
    });
    expect(analysis.items).toEqual([
      {
        itemId: 'ingredient-workload',
        topic: 'attractive-organisation',
        text: { nl: 'Er is aandacht voor mijn werkdruk.', en: 'My workload gets attention.' },
        periods: [
          { period: 'ninety-days-2025-Q1', mean: 1 },
          { period: 'ninety-days-2025-Q2', mean: 2 },
        ],
      },
      {
        itemId: 'recruitment-one-contact',
        topic: 'recruitment',
        text: {
          nl: 'Tijdens de werving had ik één vast aanspreekpunt.',
          en: 'During recruitment I had one steady contact person.',
        },
        periods: [
          { period: 'ninety-days-2025-Q1', mean: 2 },
          { period: 'ninety-days-2025-Q2', mean: 2 },
        ],
      },
    ]);
    // Guidance has an owner, but its mentor item was among the worst in one wave only: no task for it.
    expect(analysis.tasks).toEqual([
      {
        taskId: 'ninety-days-2025-recruitment',
        questionnaireId: 'ninety-days',
        year: '2025',
        topic: 'recruitment',
        ownerRef: recruitmentLead.personRef,
        itemIds: ['recruitment-one-contact'],
        items: [
          {
            itemId: 'recruitment-one-contact',
            text: {
              nl: 'Tijdens de werving had ik één vast aanspreekpunt.',
              en: 'During recruitment I had one steady contact person.',
            },
          },
        ],
        dueOn: addDays(isoDateOfEpochMs(Date.now()), 30),
        openedAt: expect.any(String),
        status: 'open',
      },
    ]);

    const recorded = await eventsOf(surveyFollowUpStreamName(organisationId));
    expect(recorded.map((event) => event.type)).toEqual(['SurveyYearAnalysed', 'SurveyTopicTaskOpened']);
    // Aggregates only: item ids and means of shown waves, never an answer or a respondent's hire id.
    expect(JSON.stringify(recorded)).not.toMatch(/h-2025-Q/);
  });

  it('opens no second task when the analysis runs again, and answers with the first', async () => {
    const first = await readJson(await hr('GET', '/questionnaires/ninety-days/year-analyses/2025'));
    const again = await hr('POST', '/questionnaires/ninety-days/year-analyses', { year: '2025' });
    expect(again.status).toBe(200);
    expect(await readJson(again)).toEqual(first);
    expect((await eventsOf(surveyFollowUpStreamName(organisationId))).map((event) => event.type)).toEqual([
      'SurveyYearAnalysed',
      'SurveyTopicTaskOpened',
    ]);
  });

  it('shows HR every task and an owner their own; the owner completes it once, another manager cannot', async () => {
    const all = await readJson(await hr('GET', '/survey-topic-tasks'));
    expect(all.tasks.map((task: { taskId: string }) => task.taskId)).toEqual(['ninety-days-2025-recruitment']);
    // The owner may not read the questionnaire: the task brings its statements' wording.
    expect(all.tasks[0].items).toEqual([
      { itemId: 'recruitment-one-contact', text: expect.objectContaining({ nl: expect.stringContaining('werving') }) },
    ]);
    expect((await readJson(await owner('GET', '/survey-topic-tasks'))).tasks).toEqual(all.tasks);
    expect((await readJson(await otherManager('GET', '/survey-topic-tasks'))).tasks).toEqual([]);

    await expectProblem(
      await otherManager('POST', '/survey-topic-tasks/ninety-days-2025-recruitment/completion'),
      404,
      {
        type: '/problems/survey-topic-task-not-found',
      },
    );
    const completed = await owner('POST', '/survey-topic-tasks/ninety-days-2025-recruitment/completion');
    expect(completed.status).toBe(200);
    expect(await readJson(completed)).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
      completedBy: expect.any(String),
    });
    expect((await hr('POST', '/survey-topic-tasks/ninety-days-2025-recruitment/completion')).status).toBe(200);
    const types = (await eventsOf(surveyFollowUpStreamName(organisationId))).map((event) => event.type);
    expect(types.filter((type) => type === 'SurveyTopicTaskCompleted')).toHaveLength(1);
    expect((await readJson(await hr('GET', '/questionnaires/ninety-days/year-analyses/2025'))).tasks[0].status).toBe(
      'completed',
    );
  });
});
