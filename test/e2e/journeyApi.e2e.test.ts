import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { expectProblem, readJson } from '../support/httpAnswers';
import { apiRequest } from '../support/apiRequest';

/**
 * The journey through the HTTP API against a real Temporal server. Journeys run in real time here, so every
 * start date lies months ahead and the test moves the journey with commands, never by waiting.
 */
describeWithServices(['temporal'], 'a journey driven through the API', () => {
  let system: RunningSystem;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const TEAM = 'Team Noord';

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    expect((await put('/mailboxes/hr', { displayName: 'HR Jeugdzorg', email: 'hr@jeugdzorg.test' })).status).toBe(200);
    // Best first for a hire in Team Noord: same team, then most experience; the other team's veteran comes last.
    await offerMentor('m-noord-senior', { team: TEAM, experienceYears: 12 });
    await offerMentor('m-noord-junior', { team: TEAM, experienceYears: 4 });
    await offerMentor('m-zuid-veteran', { team: 'Team Zuid', experienceYears: 25 });
  });
  afterAll(async () => {
    await system?.stop();
  });

  // ---- helpers ----

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const get = (path: string) => send('GET', path);
  const put = (path: string, body: unknown) => send('PUT', path, body);
  /** A command as a client sends it: with an Idempotency-Key, fresh unless the test retries on purpose. */
  const command = (
    method: 'POST' | 'PUT',
    path: string,
    body?: unknown,
    key: string = randomUUID(),
    extra: Record<string, string> = {},
  ) => send(method, path, body, { 'idempotency-key': key, ...extra });

  async function offerMentor(mentorRef: string, offer: { team: string; experienceYears: number }) {
    const response = await put(`/mentors/${mentorRef}`, {
      ...offer,
      location: 'Tiel',
      hoursPerWeekAvailable: 10,
      maxMentees: 2,
      active: true,
      contact: { displayName: `Mentor ${mentorRef}`, email: `${mentorRef}@jeugdzorg.test`, language: 'nl' },
    });
    expect(response.status).toBe(200);
  }

  async function register(hire: Record<string, unknown>) {
    const response = await send(
      'POST',
      '/hires',
      { startDate: '2027-03-01', role: 'Jeugdzorgwerker', ...hire },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.status).toBe(201);
    return readJson(response);
  }

  /** The journey answers queries once its first workflow task ran; before that it has no items yet. */
  const journeyOf = (hireId: string, until: (view: any) => boolean = (view) => Array.isArray(view.items)) =>
    waitFor(async () => readJson(await get(`/hires/${hireId}`)), until, 20_000);

  function contactsInDirectory(): { person_ref: string; email: string }[] {
    const db = new Database(join(dirname(system.sqlitePath), 'people.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT person_ref, email FROM contacts WHERE organisation_id = ?').all(organisationId) as {
        person_ref: string;
        email: string;
      }[];
    } finally {
      db.close();
    }
  }

  // ---- one hire from registration to exit interview ----

  const hireId = `h-${randomUUID().slice(0, 8)}`;

  it('registers a hire with contact details that stay out of the journey and its events', async () => {
    const hire = await register({
      hireId,
      team: TEAM,
      location: 'Tiel',
      managerRef: 'mgr-noord',
      newHire: { displayName: 'Sanne de Vries', email: 'sanne@example.test', language: 'nl' },
      manager: { displayName: 'Karim Bakker', email: 'karim@jeugdzorg.test', language: 'en' },
    });
    expect(hire).toMatchObject({ organisationId, hireId, stage: 'registered', team: TEAM });

    expect(contactsInDirectory()).toEqual(
      expect.arrayContaining([
        { person_ref: hireId, email: 'sanne@example.test' },
        { person_ref: 'mgr-noord', email: 'karim@jeugdzorg.test' },
      ]),
    );
    const journey = await journeyOf(hireId, (view) => view.mentor?.status === 'asked');
    expect(journey).toMatchObject({ stage: 'preboarding', templateId: 'rivierenland-team', templateVersion: 1 });

    const history = await readJson(await get(`/hires/${hireId}/history`));
    const recorded = JSON.stringify(history.events);
    expect(recorded).not.toContain('sanne@example.test');
    expect(recorded).not.toContain('Sanne');
    expect(recorded).not.toContain('karim@');
    const { input } = await describeInput(hireId);
    expect(JSON.stringify(input)).not.toContain('sanne@example.test');
  });

  it('asks the best mentor of the same team; a decline moves to the next one, who accepts', async () => {
    const asked = await journeyOf(hireId, (view) => view.mentor?.status === 'asked');
    expect(asked.mentor).toMatchObject({ status: 'asked', asked: ['m-noord-senior'] });

    const notAsked = await command('POST', `/hires/${hireId}/mentor-answer`, {
      mentorRef: 'm-zuid-veteran',
      accept: true,
    });
    await expectProblem(notAsked, 409, {
      title: 'Niet uitgevoerd',
      detail: 'Deze mentor is nu niet gevraagd voor deze nieuwe collega.',
    });

    const declined = await command('POST', `/hires/${hireId}/mentor-answer`, {
      mentorRef: 'm-noord-senior',
      accept: false,
    });
    expect(declined.status).toBe(200);
    expect((await readJson(declined)).mentor).toMatchObject({
      status: 'asked',
      asked: ['m-noord-senior', 'm-noord-junior'],
    });

    const accepted = await command('POST', `/hires/${hireId}/mentor-answer`, {
      mentorRef: 'm-noord-junior',
      accept: true,
    });
    expect(accepted.status).toBe(200);
    expect((await readJson(accepted)).mentor).toMatchObject({ status: 'accepted', mentorRef: 'm-noord-junior' });
  });

  it('shows the mentor load after the acceptance', async () => {
    const { mentors } = await readJson(await get('/mentors'));
    const byRef = Object.fromEntries(mentors.map((mentor: { mentorRef: string }) => [mentor.mentorRef, mentor]));
    expect(byRef['m-noord-junior']).toMatchObject({
      currentMentees: 1,
      currentHoursPerWeek: rivierenlandTemplate.mentor.hoursPerWeek,
      active: true,
    });
    expect(byRef['m-noord-senior']).toMatchObject({ currentMentees: 0, currentHoursPerWeek: 0 });
  });

  it('completes a pre-boarding task once: a retry with the same key gets the same answer, a new key is refused', async () => {
    const key = randomUUID();
    const path = `/hires/${hireId}/tasks/task:read-cv-and-ask-interviewers/completion`;
    const first = await command('POST', path, undefined, key);
    expect(first.status).toBe(200);
    const view = await readJson(first);
    expect(view.items.find((item: { id: string }) => item.id === 'task:read-cv-and-ask-interviewers')).toMatchObject({
      status: 'done',
      completedBy: 'dev-mode:admin',
    });

    const retry = await command('POST', path, undefined, key);
    expect(retry.status).toBe(200);
    expect(await readJson(retry)).toEqual(view);

    await expectProblem(await command('POST', path), 409, { detail: expect.stringContaining('al afgerond') });
    // The same key for another command is not a retry.
    await expectProblem(
      await command('POST', `/hires/${hireId}/tasks/task:accounts-ready/completion`, undefined, key),
      422,
      {
        title: 'Idempotency-Key al gebruikt',
      },
    );

    const completions = (await readJson(await get(`/hires/${hireId}/history`))).events.filter(
      (event: { type: string; data: { itemId?: string } }) =>
        event.type === 'TaskCompleted' && event.data.itemId === 'task:read-cv-and-ask-interviewers',
    );
    expect(completions).toHaveLength(1);
  });

  it("refuses an unknown task with the journey's own words, and an unknown hire with 404", async () => {
    await expectProblem(await command('POST', `/hires/${hireId}/tasks/no-such-task/completion`), 409, {
      type: '/problems/journey-command-rejected',
      detail: 'Deze reis heeft geen taak of mijlpaal "no-such-task".',
    });
    const english = await command('POST', `/hires/${hireId}/tasks/no-such-task/completion`, undefined, randomUUID(), {
      'accept-language': 'en',
    });
    await expectProblem(english, 409, {
      title: 'Command rejected',
      detail: 'This journey has no task or milestone "no-such-task".',
    });
    await expectProblem(await command('POST', '/hires/nobody/tasks/task:accounts-ready/completion'), 404, {
      title: 'Medewerker niet gevonden',
    });
  });

  it('moves the start date and every relative due date with it', async () => {
    const before = await journeyOf(hireId);
    const response = await command('PUT', `/hires/${hireId}/start-date`, { startDate: '2027-03-15' });
    expect(response.status).toBe(200);
    const after = await readJson(response);
    expect(after.startDate).toBe('2027-03-15');
    const due = (view: any, id: string) => view.items.find((item: { id: string }) => item.id === id).dueDate;
    expect(due(before, 'task:accounts-ready')).toBe('2027-02-26');
    expect(due(after, 'task:accounts-ready')).toBe('2027-03-12');
  });

  it("changes this hire's learning line only", async () => {
    const response = await command('POST', `/hires/${hireId}/learning-line/changes`, {
      change: { kind: 'move-milestone', milestoneId: 'caseload-build-up-check', dueOffsetDays: 120 },
    });
    expect(response.status).toBe(200);
    const view = await readJson(response);
    expect(view.items.find((item: { id: string }) => item.id === 'milestone:caseload-build-up-check').dueDate).toBe(
      '2027-07-13',
    );

    await expectProblem(
      await command('POST', `/hires/${hireId}/learning-line/changes`, {
        change: { kind: 'drop-milestone', milestoneId: 'no-such-milestone' },
      }),
      409,
      { detail: expect.stringContaining('no-such-milestone') },
    );
  });

  it('stops the clock for long leave and starts it again, moving the end of the programme', async () => {
    const onLeave = `h-${randomUUID().slice(0, 8)}`;
    await register({ hireId: onLeave, startDate: '2027-03-01' });
    const before = await journeyOf(onLeave);

    const paused = await command('POST', `/hires/${onLeave}/leave`, { from: '2027-04-01' });
    expect(paused.status).toBe(200);
    expect(await readJson(paused)).toMatchObject({ stage: 'on-leave', pausedSince: '2027-04-01' });
    await expectProblem(await command('POST', `/hires/${onLeave}/leave`, { from: '2027-04-02' }), 409, {
      detail: 'De reis staat al stil sinds 2027-04-01.',
    });
    const again = await command('POST', `/hires/${onLeave}/leave`, { from: '2027-04-02' }, randomUUID(), {
      'accept-language': 'en',
    });
    // The journey's values (the day it stopped) come through into the English sentence.
    await expectProblem(again, 409, { detail: 'The journey has been paused since 2027-04-01.' });

    const resumed = await command('POST', `/hires/${onLeave}/leave/end`, { until: '2027-05-01' });
    expect(resumed.status).toBe(200);
    const after = await readJson(resumed);
    expect(after.stage).not.toBe('on-leave');
    expect(after.pausedSince).toBeUndefined();
    expect(after.endDate > before.endDate).toBe(true);
    await expectProblem(await command('POST', `/hires/${onLeave}/leave/end`, { until: '2027-05-02' }), 409, {
      detail: 'De reis staat niet stil; er valt niets te hervatten.',
    });
  });

  it('ends with outcome left after a termination and the exit interview; the mentor is released', async () => {
    const terminated = await command('POST', `/hires/${hireId}/termination`, { lastWorkingDay: '2027-05-31' });
    expect(terminated.status).toBe(200);
    const leaving = await readJson(terminated);
    expect(leaving.stage).toBe('leaving');
    expect(leaving.items.find((item: { id: string }) => item.id === 'adhoc:exit-interview')).toMatchObject({
      status: 'open',
      ownerRole: 'hr',
      title: 'Voer het exitgesprek en leg de vertrekredenen vast',
      titleEn: 'Hold the exit interview and record the reasons for leaving',
    });
    // The tasks the journey opened itself carry their English title, as the template's do, on the journey and in
    // the task list an English reader sees (the web app picks titleEn by its language).
    expect(leaving.items.find((item: { id: string }) => item.id === OFFBOARDING_CHECKLIST[0])).toMatchObject({
      titleEn: 'Collect laptop, phone, pass and keys',
    });
    const listedTask = await waitFor(
      async () =>
        (await readJson(await send('GET', '/tasks?ownerRole=hr', undefined, { 'accept-language': 'en' }))).tasks.find(
          (task: { hireId: string; itemId: string }) =>
            task.hireId === hireId && task.itemId === 'adhoc:exit-interview',
        ),
      (task) => task !== undefined,
      30_000,
    );
    expect(listedTask).toMatchObject({ titleEn: 'Hold the exit interview and record the reasons for leaving' });
    expect(leaving.items.find((item: { id: string }) => item.id === 'task:accounts-ready').status).toBe('cancelled');
    // The offboarding checklist is open beside the exit interview, and the journey waits for both.
    for (const itemId of OFFBOARDING_CHECKLIST) {
      expect(leaving.items.find((item: { id: string }) => item.id === itemId)).toMatchObject({ status: 'open' });
      expect((await command('POST', `/hires/${hireId}/tasks/${itemId}/completion`)).status).toBe(200);
    }

    const key = randomUUID();
    const exitInterview = { reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] };
    const held = await command('POST', `/hires/${hireId}/exit-interview`, exitInterview, key);
    expect(held.status).toBe(200);
    expect(await readJson(held)).toMatchObject({ stage: 'ended', outcome: 'left' });

    // The journey has ended; a retry still gets its answer, anything new is refused.
    const retry = await command('POST', `/hires/${hireId}/exit-interview`, exitInterview, key);
    expect(retry.status).toBe(200);
    expect(await readJson(retry)).toMatchObject({ outcome: 'left' });
    await expectProblem(await command('POST', `/hires/${hireId}/tasks/task:accounts-ready/completion`), 409, {
      title: 'Reis afgesloten',
    });

    const { mentors } = await readJson(await get('/mentors'));
    expect(mentors.find((mentor: { mentorRef: string }) => mentor.mentorRef === 'm-noord-junior')).toMatchObject({
      currentMentees: 0,
    });
  });

  it('withdraws another hire before day one: outcome withdrawn', async () => {
    const other = `h-${randomUUID().slice(0, 8)}`;
    await register({ hireId: other, startDate: '2027-04-01' });
    await journeyOf(other);
    const withdrawn = await command('POST', `/hires/${other}/withdrawal`, { reason: 'Andere baan gevonden' });
    expect(withdrawn.status).toBe(200);
    expect(await readJson(withdrawn)).toMatchObject({ stage: 'ended', outcome: 'withdrawn' });
    expect((await readJson(await get(`/hires/${other}`))).outcome).toBe('withdrawn');
  });

  it.each([
    [
      'an exit reason outside the taxonomy',
      'POST',
      'exit-interview',
      { reasons: ['boredom'] },
      '/reasons/0',
      'moet een van deze waarden zijn',
    ],
    [
      'an exit interview without reasons',
      'POST',
      'exit-interview',
      { reasons: [] },
      '/reasons',
      'moet minstens 1 waarde(n) bevatten',
    ],
    [
      'an impossible start date',
      'PUT',
      'start-date',
      { startDate: '2027-13-01' },
      '/startDate',
      'moet een datum zijn als JJJJ-MM-DD',
    ],
    [
      'a mentor answer without the answer',
      'POST',
      'mentor-answer',
      { mentorRef: 'm-noord-senior' },
      '',
      '"accept" ontbreekt',
    ],
    [
      'a termination with an unknown field',
      'POST',
      'termination',
      { lastWorkingDay: '2027-05-31', salary: 1 },
      '',
      'onbekend veld "salary"',
    ],
    [
      'a learning-line change of an unknown kind',
      'POST',
      'learning-line/changes',
      { change: { kind: 'rename' } },
      '/change',
      'past bij geen van de toegestane vormen',
    ],
  ])('refuses %s with a 400 in Dutch', async (_case, method, path, body, pointer, detail) => {
    const problem = await expectProblem(
      await command(method as 'POST' | 'PUT', `/hires/${hireId}/${path}`, body),
      400,
      {
        type: '/problems/invalid-request',
      },
    );
    expect(problem.errors).toContainEqual({ pointer, detail: expect.stringContaining(detail) });
  });

  it('refuses a command without an Idempotency-Key and a registration with a manager but no managerRef', async () => {
    const noKey = await send('POST', `/hires/${hireId}/withdrawal`, {});
    expect((await expectProblem(noKey, 400, {})).errors).toContainEqual({
      pointer: 'header:Idempotency-Key',
      detail: 'ontbreekt',
    });

    const noRef = await send(
      'POST',
      '/hires',
      {
        hireId: 'x-manager',
        startDate: '2027-03-01',
        role: 'Jeugdzorgwerker',
        manager: { displayName: 'K', email: 'not-an-address' },
      },
      { 'idempotency-key': randomUUID() },
    );
    const problem = await expectProblem(noRef, 400, {});
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '', detail: '"managerRef" ontbreekt; die hoort bij "manager"' },
        { pointer: '/manager/email', detail: 'moet een e-mailadres zijn' },
      ]),
    );
  });

  // ---- templates ----

  const templateId = `noord-${randomUUID().slice(0, 6)}`;
  const { id: _id, version: _version, organisationId: _organisationId, ...rivierenland } = rivierenlandTemplate;
  const extraMilestone = {
    id: 'intervision-noord',
    kind: 'intervision',
    title: 'Intervisie met Team Noord',
    dueOffsetDays: 60,
    responsibleRole: 'mentor',
    reminderOffsetDays: -7,
    escalationOffsetDays: 7,
  };

  it('publishes template versions; a journey started on version 1 stays on version 1', async () => {
    const created = await send('POST', '/journey-templates', { ...rivierenland, id: templateId, name: 'Team Noord' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/journey-templates/${templateId}`);
    expect(await readJson(created)).toMatchObject({ id: templateId, version: 1, organisationId });
    await expectProblem(
      await send('POST', '/journey-templates', { ...rivierenland, id: templateId, name: 'Nog eens' }),
      409,
      {
        title: 'Sjabloon bestaat al',
      },
    );

    const onVersion1 = `h-${randomUUID().slice(0, 8)}`;
    await register({ hireId: onVersion1, templateId });
    expect(await journeyOf(onVersion1)).toMatchObject({ templateId, templateVersion: 1 });

    const version2 = {
      ...rivierenland,
      name: 'Team Noord',
      version: 2,
      milestones: [...rivierenland.milestones, extraMilestone],
    };
    const published = await put(`/journey-templates/${templateId}`, version2);
    expect(published.status).toBe(200);
    expect(await readJson(published)).toMatchObject({ id: templateId, version: 2 });
    const stale = await put(`/journey-templates/${templateId}`, { ...version2, name: 'Een verouderde bewerking' });
    await expectProblem(stale, 409, {
      title: 'Verouderde versie',
      detail: expect.stringContaining('is 2; de volgende is versie 3'),
    });
    expect(await readJson(await get(`/journey-templates/${templateId}`))).toMatchObject({
      version: 2,
      name: 'Team Noord',
    });

    const onVersion2 = `h-${randomUUID().slice(0, 8)}`;
    await register({ hireId: onVersion2, templateId });
    const newer = await journeyOf(onVersion2);
    expect(newer).toMatchObject({ templateVersion: 2 });
    expect(newer.items.map((item: { id: string }) => item.id)).toContain('milestone:intervision-noord');

    const older = await journeyOf(onVersion1);
    expect(older).toMatchObject({ templateId, templateVersion: 1 });
    expect(older.items.map((item: { id: string }) => item.id)).not.toContain('milestone:intervision-noord');

    const { templates } = await readJson(await get('/journey-templates'));
    expect(templates).toEqual(
      expect.arrayContaining([
        { templateId, version: 2, name: 'Team Noord', source: 'published' },
        expect.objectContaining({ templateId: 'rvdk-two-year-programme', version: 1, source: 'built-in' }),
      ]),
    );
  });

  it('refuses a template that breaks the rules with Dutch errors, and an unknown template', async () => {
    const broken = {
      ...rivierenland,
      id: `kapot-${randomUUID().slice(0, 6)}`,
      milestones: [{ ...extraMilestone, dueOffsetDays: 400 }],
    };
    const problem = await expectProblem(await send('POST', '/journey-templates', broken), 400, {
      title: 'Sjabloon klopt niet',
    });
    expect(problem.errors).toContainEqual({
      pointer: '/milestones/0/dueOffsetDays',
      detail: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
    });
    expect((await get(`/journey-templates/${broken.id}`)).status).toBe(404);

    const unknown = await send(
      'POST',
      '/hires',
      {
        hireId: `h-${randomUUID().slice(0, 8)}`,
        startDate: '2027-03-01',
        role: 'Jeugdzorgwerker',
        templateId: 'bestaat-niet',
      },
      { 'idempotency-key': randomUUID() },
    );
    await expectProblem(unknown, 422, { title: 'Sjabloon niet gevonden' });
  });

  // ---- lists from the projections ----

  it('lists open tasks per owner and hires per stage from the read models, a moment after the journey moved', async () => {
    const listed = `h-${randomUUID().slice(0, 8)}`;
    await register({ hireId: listed, startDate: '2027-06-01' });
    await journeyOf(listed);

    const itTasks = async () =>
      (await readJson(await get('/tasks?ownerRole=it&limit=500'))).tasks as { hireId: string; itemId: string }[];
    const mine = await waitFor(itTasks, (tasks) => tasks.some((task) => task.hireId === listed));
    expect(mine.find((task) => task.hireId === listed)).toMatchObject({
      itemId: 'task:accounts-ready',
      ownerRole: 'it',
      dueDate: '2027-05-29',
      title: 'Accounts en systemen klaarzetten',
    });

    expect((await command('POST', `/hires/${listed}/tasks/task:accounts-ready/completion`)).status).toBe(200);
    await waitFor(itTasks, (tasks) => !tasks.some((task) => task.hireId === listed));

    const hiresIn = async (stage: string) =>
      ((await readJson(await get(`/hires?stage=${stage}&limit=500`))).hires as { hireId: string }[]).map(
        (hire) => hire.hireId,
      );
    await waitFor(
      () => hiresIn('preboarding'),
      (ids) => ids.includes(listed),
    );
    const ended = await waitFor(
      () => hiresIn('ended'),
      (ids) => ids.includes(hireId),
    );
    expect(ended).not.toContain(listed);

    const firstPage = await readJson(await get('/hires?limit=1'));
    expect(firstPage.hires).toHaveLength(1);
    const secondPage = await readJson(await get(`/hires?limit=1&after=${encodeURIComponent(firstPage.next)}`));
    expect(secondPage.hires[0].hireId).not.toBe(firstPage.hires[0].hireId);
  });

  it.each([
    ['an unknown stage', '/hires?stage=gevorderd', 'query:stage', 'moet een van deze waarden zijn'],
    ['a page size of 0', '/hires?limit=0', 'query:limit', 'moet minstens 1 zijn'],
    ['a page size that is no number', '/hires?limit=tien', 'query:limit', 'moet van het type integer zijn'],
    [
      'a page cursor of another form',
      '/hires?after=abc',
      'query:after',
      'moet de "next" van de vorige pagina zijn, ongewijzigd',
    ],
    // The form of a cursor (base64url of a JSON array), but no position in this list: ["9"].
    ['a made-up page cursor', '/hires?after=WyI5Il0', 'query:after', 'is geen paginaverwijzing van deze lijst'],
    ['tasks without an owner role', '/tasks', 'query:ownerRole', 'ontbreekt'],
  ])('refuses a list with %s', async (_case, path, pointer, detail) => {
    const problem = await expectProblem(await get(path), 400, {});
    expect(problem.errors).toContainEqual({ pointer, detail: expect.stringContaining(detail) });
  });

  // ---- personal data ----

  it("erases a person's contact details, idempotently", async () => {
    expect(contactsInDirectory().map((row) => row.person_ref)).toContain('mgr-noord');
    expect((await send('DELETE', '/people/mgr-noord')).status).toBe(204);
    expect((await send('DELETE', '/people/mgr-noord')).status).toBe(204);
    expect(contactsInDirectory().map((row) => row.person_ref)).not.toContain('mgr-noord');
  });

  async function describeInput(id: string): Promise<{ input: unknown }> {
    const handle = system.client.workflow.getHandle(`hire-journey:${organisationId}:${id}`);
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    return { input: started?.input?.payloads?.map((payload) => Buffer.from(payload.data ?? []).toString('utf8')) };
  }
});

/** The built-in offboarding checklist a termination opens (workflows/domain/defaultTemplates.ts). */
const OFFBOARDING_CHECKLIST = [
  'adhoc:offboarding:returned-items',
  'adhoc:offboarding:access-removed',
  'adhoc:offboarding:clients-and-cases-handed-over',
];
