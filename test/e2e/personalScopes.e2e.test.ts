import { randomUUID } from 'node:crypto';
import type { Role } from '../../services/auth/roles';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/journeyState';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { readJson } from '../support/httpAnswers';
import { apiRequest } from '../support/apiRequest';
import { mentorInTiel } from '../support/hireRegistrations';

/**
 * The cells of the permission table that matter most: people see the journeys they are part of and nothing
 * else, a recruiter sees progress but not why someone left, an auditor changes nothing. Every request carries
 * an API key with the caller's role and person reference, as a person's credentials would.
 */
describeWithServices(['temporal'], 'personal scopes', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required', webhookAllowedHosts: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await system?.stop();
  });

  // ---- helpers ----

  /**
   * Someone of one organisation with one role (and, for the personal roles, who they are). Their API key is issued
   * at their first request, so a describe block names its callers once, before the system has started.
   */
  function caller(organisationId: string, role: Role, personRef?: string) {
    let token: string | undefined;
    const tokenOf = (): string =>
      (token ??= system.apiKeys.issue({
        organisationId,
        roles: [role],
        ...(personRef ? { personRef } : {}),
        label: `${role} ${personRef ?? ''}`,
        createdBy: 'test',
      }).token);
    const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      apiRequest(system.baseUrl, organisationId, method, path, body, {
        authorization: `Bearer ${tokenOf()}`,
        ...extra,
      });
    return {
      send,
      get: (path: string) => send('GET', path),
      json: async (path: string) => readJson(await send('GET', path)),
      /** A command with a fresh Idempotency-Key, so only authorization (or the journey) can refuse it. */
      command: (method: 'POST' | 'PUT', path: string, body?: unknown) =>
        send(method, path, body, { 'idempotency-key': randomUUID() }),
    };
  }
  type Caller = ReturnType<typeof caller>;

  async function expectProblem(response: Response, status: number, type: string) {
    const body = await response.text();
    expect(`${response.status} ${response.headers.get('content-type')} ${body}`).toMatch(
      new RegExp(`^${status} application/problem\\+json.*"type":"${type.replace(/[/+]/g, '\\$&')}"`),
    );
  }

  const offer = (admin: Caller, mentorRef: string, team: string) =>
    admin.send('PUT', `/mentors/${mentorRef}`, mentorInTiel(team));

  async function register(admin: Caller, hire: Record<string, unknown>) {
    const response = await admin.command('POST', '/hires', {
      startDate: '2027-03-01',
      role: 'Jeugdzorgwerker',
      location: 'Tiel',
      templateId: rvdkTemplate.id,
      ...hire,
    });
    expect(response.status).toBe(201);
  }

  const hireIdsOf = async (who: Caller, path = '/hires') =>
    ((await who.json(path)).hires as { hireId: string }[]).map((hire) => hire.hireId);
  const tasksOf = async (who: Caller, query: string) =>
    (await who.json(`/tasks?${query}&limit=500`)).tasks as { hireId: string; itemId: string; ownerRef?: string }[];
  const itemOf = (view: any, id: string) => (view.items as { id: string }[]).find((item) => item.id === id) as any;

  /** `who` completes item `itemId` of `hireId`: 200, and the item done in the journey it answers with. */
  async function expectCompletes(who: Caller, hireId: string, itemId: string) {
    const done = await who.command('POST', `/hires/${hireId}/tasks/${itemId}/completion`);
    expect(done.status).toBe(200);
    expect(itemOf(await readJson(done), itemId)).toMatchObject({ status: 'done' });
  }

  /** `who` may not complete item `itemId` of `hireId`: the problem `type` with `status`. */
  async function expectCompletionRefused(who: Caller, hireId: string, itemId: string, status: number, type: string) {
    await expectProblem(await who.command('POST', `/hires/${hireId}/tasks/${itemId}/completion`), status, type);
  }

  // RvdK's template gives the manager, the mentor and the new hire each a task of their own.
  const MANAGER_TASK = 'task:read-cv-and-ask-interviewers';
  const OTHER_MANAGER_TASK = 'milestone:product-training-1';
  const MENTOR_TASK = 'milestone:tailor-programme';
  const NEW_HIRE_TASK = 'task:vog-application';

  // ---- managers, mentors and new hires: two hires with a manager and a mentor each ----

  describe('managers, mentors and new hires', () => {
    const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
    const hireA = `h-a-${randomUUID().slice(0, 8)}`;
    const hireB = `h-b-${randomUUID().slice(0, 8)}`;
    const admin = caller(organisationId, 'admin');
    const managerA = caller(organisationId, 'manager', 'mgr-a');
    const mentorNoord = caller(organisationId, 'mentor', 'ms-noord');
    const newHireA = caller(organisationId, 'new-hire', hireA);

    beforeAll(async () => {
      // Each hire is asked the mentor of their own team: ms-noord for A, ms-zuid for B.
      expect((await offer(admin, 'ms-noord', 'Team Noord')).status).toBe(200);
      expect((await offer(admin, 'ms-zuid', 'Team Zuid')).status).toBe(200);
      await register(admin, { hireId: hireA, team: 'Team Noord', managerRef: 'mgr-a' });
      await register(admin, { hireId: hireB, team: 'Team Zuid', managerRef: 'mgr-b' });
      const asked = (hireId: string) =>
        waitFor(
          () => admin.json(`/hires/${hireId}`),
          (view) => view.mentor?.status === 'asked',
          30_000,
        );
      expect((await asked(hireA)).mentor.asked).toEqual(['ms-noord']);
      expect((await asked(hireB)).mentor.asked).toEqual(['ms-zuid']);
      // Scopes come from the read models; both hires and their tasks must be there, or "not shown" proves nothing.
      await waitFor(
        () => hireIdsOf(admin),
        (ids) => ids.includes(hireA) && ids.includes(hireB),
      );
      for (const ownerRole of ['manager', 'new-hire']) {
        await waitFor(
          () => tasksOf(admin, `ownerRole=${ownerRole}`),
          (tasks) => [hireA, hireB].every((id) => tasks.some((task) => task.hireId === id)),
        );
      }
    }, 90_000);

    // -- the manager --

    it("a manager sees the hire they manage, and another manager's hire neither by id nor in the list", async () => {
      expect(await managerA.json(`/hires/${hireA}`)).toMatchObject({ hireId: hireA, stage: 'preboarding' });
      await expectProblem(await managerA.get(`/hires/${hireB}`), 404, '/problems/hire-not-found');
      expect(await hireIdsOf(managerA)).toEqual([hireA]);
      expect(await hireIdsOf(managerA, '/hires?stage=preboarding')).toEqual([hireA]);
    });

    it("a manager lists only their own tasks, and not someone else's nor another role's", async () => {
      const mine = await tasksOf(managerA, 'ownerRole=manager');
      expect(mine.map((task) => task.itemId)).toContain(MANAGER_TASK);
      expect(new Set(mine.map((task) => `${task.hireId} ${task.ownerRef}`))).toEqual(new Set([`${hireA} mgr-a`]));
      // Naming themselves is the same list.
      expect(await tasksOf(managerA, 'ownerRole=manager&ownerRef=mgr-a')).toEqual(mine);

      await expectProblem(await managerA.get('/tasks?ownerRole=manager&ownerRef=mgr-b'), 403, '/problems/forbidden');
      await expectProblem(await managerA.get('/tasks?ownerRole=hr'), 403, '/problems/forbidden');
    });

    it("a manager completes their own task; another hire's is not there for them, an IT task is not theirs", async () => {
      await expectCompletes(managerA, hireA, MANAGER_TASK);

      await expectCompletionRefused(managerA, hireB, MANAGER_TASK, 404, '/problems/hire-not-found');
      await expectCompletionRefused(managerA, hireA, 'task:accounts-ready', 403, '/problems/task-not-yours');
    });

    // -- the mentor: asked first, then accepting --

    it('a mentor who is asked sees that hire, and no other', async () => {
      // The request reaches the read models a moment after the journey asked.
      await waitFor(
        async () => (await mentorNoord.get(`/hires/${hireA}`)).status,
        (status) => status === 200,
      );
      await expectProblem(await mentorNoord.get(`/hires/${hireB}`), 404, '/problems/hire-not-found');
    });

    it('a mentor who is asked finds that hire in their list too, as they may open it', async () => {
      // A pending request makes the mentor related (they must see whom they are asked for); the list is no different.
      expect(await hireIdsOf(mentorNoord)).toEqual([hireA]);
    });

    it('a mentor answers for themselves, never as another mentor nor for a hire they were not asked for', async () => {
      await expectProblem(
        await mentorNoord.command('POST', `/hires/${hireA}/mentor-answer`, { mentorRef: 'ms-zuid', accept: false }),
        403,
        '/problems/forbidden',
      );
      await expectProblem(
        await mentorNoord.command('POST', `/hires/${hireB}/mentor-answer`, { mentorRef: 'ms-noord', accept: true }),
        404,
        '/problems/hire-not-found',
      );
      // Nothing of that reached the journeys.
      expect((await admin.json(`/hires/${hireA}`)).mentor).toMatchObject({ status: 'asked', asked: ['ms-noord'] });
      expect((await admin.json(`/hires/${hireB}`)).mentor).toMatchObject({ status: 'asked', asked: ['ms-zuid'] });

      const accepted = await mentorNoord.command('POST', `/hires/${hireA}/mentor-answer`, {
        mentorRef: 'ms-noord',
        accept: true,
      });
      expect(accepted.status).toBe(200);
      expect((await readJson(accepted)).mentor).toMatchObject({ status: 'accepted', mentorRef: 'ms-noord' });
    });

    it('after accepting, a mentor sees their mentee and no other hire', async () => {
      expect(
        await waitFor(
          () => hireIdsOf(mentorNoord),
          (ids) => ids.length > 0,
        ),
      ).toEqual([hireA]);
      expect(await mentorNoord.json(`/hires/${hireA}`)).toMatchObject({
        hireId: hireA,
        mentor: { status: 'accepted', mentorRef: 'ms-noord' },
      });
      await expectProblem(await mentorNoord.get(`/hires/${hireB}`), 404, '/problems/hire-not-found');
    });

    it("a mentor completes a mentor task of their mentee, not the manager's", async () => {
      // The task is on the mentor's name once the read models saw the acceptance.
      const mine = await waitFor(
        () => tasksOf(mentorNoord, 'ownerRole=mentor'),
        (tasks) => tasks.some((task) => task.itemId === MENTOR_TASK),
      );
      expect(new Set(mine.map((task) => `${task.hireId} ${task.ownerRef}`))).toEqual(new Set([`${hireA} ms-noord`]));
      await expectProblem(await mentorNoord.get('/tasks?ownerRole=manager'), 403, '/problems/forbidden');

      await expectCompletes(mentorNoord, hireA, MENTOR_TASK);
      await expectCompletionRefused(mentorNoord, hireA, OTHER_MANAGER_TASK, 403, '/problems/task-not-yours');
      expect(itemOf(await admin.json(`/hires/${hireA}`), OTHER_MANAGER_TASK)).toMatchObject({ status: 'open' });
    });

    it('a mentor offers themselves, nobody else', async () => {
      const offerOf = (team: string) => mentorInTiel(team, { experienceYears: 11 });
      await expectProblem(
        await mentorNoord.send('PUT', '/mentors/ms-zuid', offerOf('Team Noord')),
        403,
        '/problems/forbidden',
      );
      const themselves = await mentorNoord.send('PUT', '/mentors/ms-noord', offerOf('Team Noord'));
      expect(themselves.status).toBe(200);
      expect(await readJson(themselves)).toMatchObject({ mentorRef: 'ms-noord', experienceYears: 11 });
      const { mentors } = await admin.json('/mentors');
      expect(mentors.find((mentor: { mentorRef: string }) => mentor.mentorRef === 'ms-zuid')).toMatchObject({
        team: 'Team Zuid',
        experienceYears: 10,
      });
    });

    it("a mentor reads their own profile, nobody else's", async () => {
      await expectProblem(await mentorNoord.send('GET', '/mentors/ms-zuid'), 403, '/problems/forbidden');
      expect(await mentorNoord.json('/mentors/ms-noord')).toMatchObject({
        mentorRef: 'ms-noord',
        team: 'Team Noord',
        maxMentees: 3,
        currentMentees: expect.any(Number),
      });
      const unknown = await admin.send('GET', '/mentors/ms-nobody', undefined, { 'accept-language': 'en' });
      expect([unknown.status, unknown.headers.get('content-type')]).toEqual([
        404,
        expect.stringMatching(/^application\/problem\+json/),
      ]);
      expect(await readJson(unknown)).toMatchObject({
        type: '/problems/mentor-not-found',
        detail: expect.stringContaining('mentor pool'),
      });
    });

    // -- the new hire --

    it("a new hire sees their own journey, not another's", async () => {
      expect(await newHireA.json(`/hires/${hireA}`)).toMatchObject({ hireId: hireA });
      await expectProblem(await newHireA.get(`/hires/${hireB}`), 404, '/problems/hire-not-found');
      expect(await hireIdsOf(newHireA)).toEqual([hireA]);
    });

    it('a new hire lists only their own tasks, on their own name', async () => {
      const mine = await tasksOf(newHireA, 'ownerRole=new-hire');
      expect(mine.map((task) => task.itemId)).toContain(NEW_HIRE_TASK);
      expect(new Set(mine.map((task) => `${task.hireId} ${task.ownerRef}`))).toEqual(new Set([`${hireA} ${hireA}`]));
      await expectProblem(
        await newHireA.get(`/tasks?ownerRole=new-hire&ownerRef=${hireB}`),
        403,
        '/problems/forbidden',
      );
      await expectProblem(await newHireA.get('/tasks?ownerRole=manager'), 403, '/problems/forbidden');
    });

    it("a new hire completes their own task, not the manager's nor another hire's", async () => {
      await expectCompletes(newHireA, hireA, NEW_HIRE_TASK);
      await expectCompletionRefused(newHireA, hireA, OTHER_MANAGER_TASK, 403, '/problems/task-not-yours');
      await expectCompletionRefused(newHireA, hireB, NEW_HIRE_TASK, 404, '/problems/hire-not-found');
      expect(itemOf(await admin.json(`/hires/${hireB}`), NEW_HIRE_TASK)).toMatchObject({ status: 'open' });
    });

    it('a new hire does not learn which mentors declined them; HR does', async () => {
      const newHireB = caller(organisationId, 'new-hire', hireB);
      expect(
        (await admin.command('POST', `/hires/${hireB}/mentor-answer`, { mentorRef: 'ms-zuid', accept: false })).status,
      ).toBe(200);
      const moved = (view: any) => view.mentor?.status !== 'asked' || view.mentor.asked.length > 1;
      // ms-noord has room for a second mentee (three at most), so the journey asks them next.
      expect((await waitFor(() => admin.json(`/hires/${hireB}`), moved)).mentor).toMatchObject({
        status: 'asked',
        asked: ['ms-zuid', 'ms-noord'],
      });
      // The new hire sees whom the journey asks now, and nothing of the decline before it.
      expect((await newHireB.json(`/hires/${hireB}`)).mentor).toMatchObject({ status: 'asked', asked: ['ms-noord'] });
    });

    // Last: it ends hire A's journey.
    it('a mentor whose mentorship ended no longer sees the former mentee', async () => {
      expect(
        (await admin.command('POST', `/hires/${hireA}/termination`, { lastWorkingDay: '2027-05-31' })).status,
      ).toBe(200);
      for (const itemId of OFFBOARDING_CHECKLIST)
        expect((await admin.command('POST', `/hires/${hireA}/tasks/${itemId}/completion`)).status).toBe(200);
      const held = await admin.command('POST', `/hires/${hireA}/exit-interview`, {
        reasons: ['workload'],
        wouldHaveKept: ['less-workload'],
      });
      expect(await readJson(held)).toMatchObject({ stage: 'ended', mentor: { status: 'ended' } });
      // What remains is hire B, for whom ms-noord is asked since ms-zuid declined: the list is not simply empty.
      expect(
        await waitFor(
          () => hireIdsOf(mentorNoord),
          (ids) => !ids.includes(hireA),
        ),
      ).toEqual([hireB]);
      await expectProblem(await mentorNoord.get(`/hires/${hireA}`), 404, '/problems/hire-not-found');
      // The manager keeps their team's history.
      expect(await managerA.json(`/hires/${hireA}`)).toMatchObject({ hireId: hireA, outcome: 'left' });
    });
  });

  // ---- a hire who left: what the recruiter sees, and what the auditor may not change ----

  describe('recruiters and auditors', () => {
    // No mentors here: nobody is asked, so these journeys stay simple.
    const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
    const left = `h-left-${randomUUID().slice(0, 8)}`;
    const running = `h-run-${randomUUID().slice(0, 8)}`;
    const withdrawn = `h-wd-${randomUUID().slice(0, 8)}`;
    const profileId = 'jeugdzorgwerker-oost';
    const subscriptionId = 'hr-dashboard';
    const profile = {
      role: 'Jeugdzorgwerker',
      expectations: ['Begeleidt gezinnen'],
      talents: ['Veerkracht'],
      offer: ['Een mentor'],
      templateId: rvdkTemplate.id,
    };
    const admin = caller(organisationId, 'admin');
    const hrAdvisor = caller(organisationId, 'hr-advisor');
    const recruiter = caller(organisationId, 'recruiter');
    const auditor = caller(organisationId, 'auditor');

    beforeAll(async () => {
      await register(admin, { hireId: left, managerRef: 'mgr-oost' });
      await register(admin, { hireId: running, managerRef: 'mgr-oost' });
      await register(admin, { hireId: withdrawn, managerRef: 'mgr-oost' });
      for (const hireId of [left, running, withdrawn])
        await waitFor(
          () => admin.json(`/hires/${hireId}`),
          (view) => Array.isArray(view.items),
          30_000,
        );
      // Someone did something (a completedBy to hide), then the hire left and HR held the exit interview.
      expect((await admin.command('POST', `/hires/${left}/tasks/task:accounts-ready/completion`)).status).toBe(200);
      expect((await admin.command('POST', `/hires/${left}/termination`, { lastWorkingDay: '2027-05-31' })).status).toBe(
        200,
      );
      for (const itemId of OFFBOARDING_CHECKLIST)
        expect((await admin.command('POST', `/hires/${left}/tasks/${itemId}/completion`)).status).toBe(200);
      const held = await hrAdvisor.command('POST', `/hires/${left}/exit-interview`, {
        reasons: ['little-manager-support', 'workload'],
        wouldHaveKept: ['better-manager-communication'],
      });
      expect(held.status).toBe(200);
      expect(await readJson(held)).toMatchObject({ stage: 'ended', outcome: 'left' });

      expect((await admin.send('PUT', `/vacancy-profiles/${profileId}`, { version: 1, ...profile })).status).toBe(200);
      expect(
        (
          await admin.send('PUT', `/webhooks/${subscriptionId}`, {
            url: 'http://127.0.0.1:9/hooks',
            eventTypes: ['*'],
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          })
        ).status,
      ).toBe(200);
    }, 90_000);

    it('a recruiter sees how a hire got on, without the exit interview and without who did what', async () => {
      // What there is to leave out: otherwise this test would pass on any view.
      const full = await hrAdvisor.json(`/hires/${left}`);
      expect(itemOf(full, EXIT_INTERVIEW_TASK_ID)).toMatchObject({ status: 'done', completedBy: expect.any(String) });
      expect(itemOf(full, 'task:accounts-ready')).toMatchObject({ status: 'done', completedBy: expect.any(String) });

      const progress = await recruiter.json(`/hires/${left}`);
      expect(progress).toMatchObject({ hireId: left, stage: 'ended', outcome: 'left' });
      expect(itemOf(progress, EXIT_INTERVIEW_TASK_ID)).toBeUndefined();
      expect(itemOf(progress, 'task:accounts-ready')).toMatchObject({ status: 'done' });
      expect((progress.items as object[]).filter((item) => 'completedBy' in item)).toEqual([]);
      expect(JSON.stringify(progress)).not.toContain('exit');
    });

    it('a recruiter who withdraws a candidate gets the progress view back, not who did what', async () => {
      // A command answers with the journey view: for a recruiter that must be the same progress view as GET gives.
      expect((await admin.command('POST', `/hires/${withdrawn}/tasks/task:accounts-ready/completion`)).status).toBe(
        200,
      );
      const response = await recruiter.command('POST', `/hires/${withdrawn}/withdrawal`, {
        reason: 'Andere baan gevonden',
      });
      expect(response.status).toBe(200);
      const view = await readJson(response);
      expect(view).toMatchObject({ hireId: withdrawn, outcome: 'withdrawn' });
      expect(itemOf(view, 'task:accounts-ready')).toMatchObject({ status: 'done' });
      expect((view.items as object[]).filter((item) => 'completedBy' in item)).toEqual([]);
    });

    it('a recruiter reads neither the history nor its export; HR sees the exit interview there', async () => {
      for (const path of ['history', 'history/export', 'history/export?format=csv', 'history/verification', 'state']) {
        await expectProblem(await recruiter.get(`/hires/${left}/${path}`), 403, '/problems/forbidden');
      }
      const { events } = await waitFor(
        () => hrAdvisor.json(`/hires/${left}/history`),
        (history) => history.events.some((event: { type: string }) => event.type === 'ExitInterviewHeld'),
      );
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'ExitInterviewHeld',
          data: expect.objectContaining({ reasons: ['little-manager-support', 'workload'] }),
        }),
      );
    });

    it('an auditor reads everything', async () => {
      for (const path of [
        '/hires',
        `/hires/${left}`,
        '/tasks?ownerRole=hr',
        `/hires/${left}/history`,
        `/hires/${left}/history/export`,
        `/hires/${left}/history/export?format=csv`,
        `/hires/${left}/history/verification`,
        `/hires/${left}/state`,
        '/journey-templates',
        `/journey-templates/${rvdkTemplate.id}`,
        '/vacancy-profiles',
        `/vacancy-profiles/${profileId}`,
        `/webhooks/${subscriptionId}`,
        `/webhooks/${subscriptionId}/deliveries`,
        '/mentors',
      ]) {
        expect(`${path} ${(await auditor.get(path)).status}`).toBe(`${path} 200`);
      }
    });

    it('an auditor changes nothing: every write, valid as it is, is refused as read-only', async () => {
      const { id: _id, version: _version, organisationId: _organisation, ...template } = rvdkTemplate;
      // What the auditor's commands would have changed (the mentor search may still move on by itself).
      const plan = (view: any) => ({
        stage: view.stage,
        startDate: view.startDate,
        endDate: view.endDate,
        pausedSince: view.pausedSince,
        outcome: view.outcome,
        items: (view.items as { id: string; status: string; dueDate: string }[]).map(({ id, status, dueDate }) => ({
          id,
          status,
          dueDate,
        })),
      });
      const before = plan(await admin.json(`/hires/${running}`));
      const writes: [method: string, path: string, body?: unknown][] = [
        ['POST', '/hires', { hireId: 'by-the-auditor', startDate: '2027-03-01', role: 'Jeugdzorgwerker' }],
        ['POST', `/hires/${running}/tasks/task:accounts-ready/completion`],
        ['POST', `/hires/${running}/mentor-answer`, { mentorRef: 'ms-oost', accept: true }],
        ['PUT', `/hires/${running}/start-date`, { startDate: '2027-04-01' }],
        ['POST', `/hires/${running}/withdrawal`, { reason: 'Door de auditor' }],
        ['POST', `/hires/${running}/termination`, { lastWorkingDay: '2027-05-31' }],
        ['POST', `/hires/${running}/exit-interview`, { reasons: ['workload'] }],
        [
          'POST',
          `/hires/${running}/learning-line/changes`,
          { change: { kind: 'move-milestone', milestoneId: 'tailor-programme', dueOffsetDays: 60 } },
        ],
        ['POST', `/hires/${running}/leave`, { from: '2027-04-01' }],
        ['POST', `/hires/${running}/leave/end`, { until: '2027-05-01' }],
        ['POST', '/journey-templates', { ...template, id: 'by-the-auditor' }],
        ['PUT', '/journey-templates/by-the-auditor', { ...template, version: 1 }],
        ['PUT', `/vacancy-profiles/${profileId}`, { version: 2, ...profile }],
        [
          'PUT',
          `/webhooks/${subscriptionId}`,
          { url: 'http://127.0.0.1:9/elsewhere', eventTypes: ['*'], secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' },
        ],
        ['DELETE', `/webhooks/${subscriptionId}`],
        [
          'PUT',
          '/mentors/ms-oost',
          {
            team: 'Team Oost',
            location: 'Tiel',
            experienceYears: 5,
            hoursPerWeekAvailable: 10,
            maxMentees: 2,
            active: true,
          },
        ],
        ['PUT', '/mailboxes/hr', { displayName: 'HR', email: 'hr@jeugdzorg.test' }],
        ['DELETE', `/people/${running}`],
      ];
      for (const [method, path, body] of writes) {
        const response = await auditor.send(method, path, body, { 'idempotency-key': randomUUID() });
        expect(`${method} ${path} ${response.status} ${((await response.json()) as { type?: string }).type}`).toBe(
          `${method} ${path} 403 /problems/read-only-role`,
        );
      }

      expect(plan(await admin.json(`/hires/${running}`))).toEqual(before);
      expect((await admin.get('/hires/by-the-auditor')).status).toBe(404);
      expect((await admin.get('/journey-templates/by-the-auditor')).status).toBe(404);
      expect(await admin.json(`/vacancy-profiles/${profileId}`)).toMatchObject({ version: 1 });
      expect(await admin.json(`/webhooks/${subscriptionId}`)).toMatchObject({ url: 'http://127.0.0.1:9/hooks' });
      expect((await admin.json('/mentors')).mentors).toEqual([]);
    });
  });
});

/** The built-in offboarding checklist a termination opens (workflows/domain/defaultTemplates.ts). */
const OFFBOARDING_CHECKLIST = [
  'adhoc:offboarding:returned-items',
  'adhoc:offboarding:access-removed',
  'adhoc:offboarding:clients-and-cases-handed-over',
];
