import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * HR's changes to one hire's plan through the HTTP API, against the shared Temporal server in real time: a mail
 * moved to today goes out today, a task HR adds lands in its owner's list and is completed there, a refusal is a
 * problem in Dutch or English that stores nothing, and a retry with the same key changes nothing twice.
 */
describeWithServices(['temporal'], 'plan changes through the API', () => {
  let system: RunningSystem;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const hireId = `h-${randomUUID().slice(0, 8)}`;
  const today = isoDateOfEpochMs(Date.now());
  const startDate = addDays(today, 20);
  const HR = { 'x-role': 'hr-advisor', 'x-person-ref': 'hr-anne' };

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
    const registered = await apiRequest(
      system.baseUrl,
      organisationId,
      'POST',
      '/hires',
      { hireId, startDate, role: 'Jeugdzorgwerker', team: 'Team Oost', managerRef: 'mgr-oost' },
      { 'idempotency-key': randomUUID() },
    );
    expect(registered.status).toBe(201);
    await journey((view) => Array.isArray(view.items));
  });
  afterAll(async () => {
    await system?.stop();
  });

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { ...HR, ...headers });
  const change = (body: unknown, key: string = randomUUID(), headers: Record<string, string> = {}) =>
    send('POST', `/hires/${hireId}/plan-changes`, body, { 'idempotency-key': key, ...headers });
  const journey = (until: (view: any) => boolean) =>
    waitFor(async () => readJson(await send('GET', `/hires/${hireId}`)), until, 30_000);
  const history = async () => (await readJson(await send('GET', `/hires/${hireId}/history?limit=500`))).events as any[];
  function reasonsStored(): { change_id: string; reason: string }[] {
    const db = new Database(join(dirname(system.sqlitePath), 'people.sqlite'), { readonly: true });
    try {
      return db
        .prepare('SELECT change_id, reason FROM plan_change_reasons WHERE organisation_id = ? AND hire_id = ?')
        .all(organisationId, hireId) as { change_id: string; reason: string }[];
    } finally {
      db.close();
    }
  }

  it('refuses what the rules refuse, in Dutch by default and in English, and stores nothing', async () => {
    const past = { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: addDays(today, -1) };
    const dutch = await expectProblem(await change({ change: past, reason: 'Eerder nodig' }), 422, {
      type: '/problems/plan-change-refused',
      title: 'Wijziging van de planning niet mogelijk',
    });
    expect(dutch.errors).toEqual([
      { pointer: '/change/dueDate', detail: `Die datum ligt in het verleden; kies ${today} of later.` },
    ]);
    const english = await expectProblem(
      await change({ change: past, reason: 'Needed earlier' }, randomUUID(), { 'accept-language': 'en' }),
      422,
      { type: '/problems/plan-change-refused', title: 'Plan change not possible' },
    );
    expect(english.errors).toEqual([
      { pointer: '/change/dueDate', detail: `That date is in the past; choose ${today} or later.` },
    ]);
    expect(english.detail).toBe(`That date is in the past; choose ${today} or later. Nothing was stored.`);
    await expectProblem(
      await change({ change: { kind: 'drop-item', itemId: 'task:vog-on-file' }, reason: 'Al binnen' }),
      422,
      {
        detail:
          '"VOG ontvangen en bewaard (vóór de eerste werkdag)" volgt uit de wet (Jeugdwet art. 4.1.6 lid 1 en 2) en kan voor één medewerker niet vervallen; rond het af als het al geregeld is. Er is niets opgeslagen.',
      },
    );
    const noReason = await expectProblem(
      await change({ change: { kind: 'drop-item', itemId: 'welcome-card' }, reason: '   ' }),
      400,
      { type: '/problems/invalid-request' },
    );
    expect(noReason.errors).toEqual([{ pointer: '/reason', detail: 'Geef de reden voor deze wijziging.' }]);
    await expectProblem(await change({ change: { kind: 'drop-item', itemId: 'welcome-card' } }), 400, {
      type: '/problems/invalid-request',
    });
    expect((await history()).map((event) => event.type)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(PlanItem|AdhocTask)/)]),
    );
    expect(reasonsStored()).toEqual([]);
  });

  it('is HR’s: a manager may not change the plan', async () => {
    const refused = await change(
      { change: { kind: 'drop-item', itemId: 'welcome-card' }, reason: 'Geen kaart' },
      randomUUID(),
      { 'x-role': 'manager', 'x-person-ref': 'mgr-oost' },
    );
    expect(refused.status).toBe(403);
  });

  it('sends a mail moved to today today, once however often the request is retried', async () => {
    const key = randomUUID();
    const body = {
      change: { kind: 'move-item', itemId: 'welcome-mail', dueDate: today },
      reason: 'De nieuwe collega wil de informatie vóór de vakantie',
    };
    const first = await change(body, key);
    expect(first.status).toBe(200);
    expect((await readJson(first)).items.find((item: any) => item.id === 'welcome-mail').dueDate).toBe(today);
    const retried = await change(body, key);
    expect(retried.status).toBe(200);
    const events = await waitFor(history, (found) => found.some((event) => event.type === 'WelcomeMailSent'), 30_000);
    const moved = events.filter((event) => event.type === 'PlanItemMoved');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      actor: 'person:hr-anne',
      data: { itemId: 'welcome-mail', from: addDays(startDate, -7), to: today },
    });
    expect(events.find((event) => event.type === 'WelcomeMailSent').data).toMatchObject({ dueDate: today });
    // The reason is kept beside the contacts under the change's id, never in the stream.
    expect(reasonsStored()).toEqual([{ change_id: moved[0].data.changeId, reason: body.reason }]);
    expect(JSON.stringify(events)).not.toContain('vakantie');
  });

  it('adds a task that appears in its owner’s list and is completed there', async () => {
    const dueDate = addDays(today, 3);
    const answer = await change({
      change: { kind: 'add-task', title: 'Parkeervergunning aanvragen', ownerRole: 'facilities', dueDate },
      reason: 'Komt met de auto uit Arnhem',
    });
    expect(answer.status).toBe(200);
    const task = (await readJson(answer)).items.find((item: any) => item.id.startsWith('adhoc:hr-'));
    expect(task).toMatchObject({
      title: 'Parkeervergunning aanvragen',
      ownerRole: 'facilities',
      dueDate,
      status: 'open',
    });
    // Facilities has no sign-in of its own: its list is read, and its tasks completed, by HR (the permission table).
    const facilities = {};
    const listed = await waitFor(
      async () => readJson(await send('GET', '/tasks?ownerRole=facilities', undefined, facilities)),
      (list) => list.tasks?.some((item: any) => item.itemId === task.id && item.hireId === hireId),
      30_000,
    );
    expect(listed.tasks.find((item: any) => item.itemId === task.id)).toMatchObject({
      title: 'Parkeervergunning aanvragen',
      dueDate,
    });
    const done = await send('POST', `/hires/${hireId}/tasks/${encodeURIComponent(task.id)}/completion`, undefined, {
      ...facilities,
      'idempotency-key': randomUUID(),
    });
    expect(done.status).toBe(200);
    expect((await readJson(done)).items.find((item: any) => item.id === task.id).status).toBe('done');
    await waitFor(
      async () => readJson(await send('GET', '/tasks?ownerRole=facilities', undefined, facilities)),
      (list) => !list.tasks?.some((item: any) => item.itemId === task.id),
      30_000,
    );
  });

  it('re-owns and drops items, each recorded with who did it', async () => {
    const reowned = await change({
      change: { kind: 'reown-item', itemId: 'task:team-message-before-day-one', ownerRole: 'manager' },
      reason: 'Het team is op heidag',
    });
    expect(
      (await readJson(reowned)).items.find((item: any) => item.id === 'task:team-message-before-day-one'),
    ).toMatchObject({ ownerRole: 'manager' });
    const dropped = await change({ change: { kind: 'drop-item', itemId: 'welcome-card' }, reason: 'Liever niet' });
    expect((await readJson(dropped)).items.some((item: any) => item.id === 'welcome-card')).toBe(false);
    const events = await waitFor(history, (found) => found.some((event) => event.type === 'PlanItemDropped'), 30_000);
    expect(events.find((event) => event.type === 'PlanItemReowned')).toMatchObject({
      actor: 'person:hr-anne',
      data: { itemId: 'task:team-message-before-day-one', from: 'team', to: 'manager' },
    });
    expect(events.find((event) => event.type === 'PlanItemDropped')).toMatchObject({
      actor: 'person:hr-anne',
      data: { itemId: 'welcome-card' },
    });
    expect(reasonsStored()).toHaveLength(4);
    // The why of each change, for HR and the auditor, joined to the events by their changeId.
    const listed = await readJson(
      await send('GET', `/hires/${hireId}/plan-changes`, undefined, { 'x-role': 'auditor', 'x-person-ref': 'aud-1' }),
    );
    const dropId = events.find((event) => event.type === 'PlanItemDropped').data.changeId;
    expect(listed.items).toHaveLength(4);
    expect(listed.items).toContainEqual({ changeId: dropId, reason: 'Liever niet' });
  });

  it('moves, re-owns and drops a task HR added, and the open tasks list follows each change', async () => {
    const added = await readJson(
      await change({
        change: {
          kind: 'add-task',
          title: 'Sleutel kluisje regelen',
          ownerRole: 'facilities',
          dueDate: addDays(today, 3),
        },
        reason: 'Kluisjes zijn op',
      }),
    );
    const task = added.items.find((item: any) => item.title === 'Sleutel kluisje regelen');
    expect(task.id).toMatch(/^adhoc:hr-[0-9a-f]{16}$/);
    expect(task.changes).toEqual(['move-item', 'drop-item', 'reown-item']);
    const listOf = (ownerRole: string, until: (tasks: any[]) => boolean) =>
      waitFor(
        async () => (await readJson(await send('GET', `/tasks?ownerRole=${ownerRole}`))).tasks as any[],
        (tasks) => Array.isArray(tasks) && until(tasks.filter((item) => item.hireId === hireId)),
        30_000,
      );

    const later = addDays(today, 10);
    const moved = await change({ change: { kind: 'move-item', itemId: task.id, dueDate: later }, reason: 'Later' });
    expect(moved.status).toBe(200);
    expect((await readJson(moved)).items.find((item: any) => item.id === task.id)).toMatchObject({ dueDate: later });
    await listOf('facilities', (tasks) => tasks.some((item) => item.itemId === task.id && item.dueDate === later));

    const reowned = await change({ change: { kind: 'reown-item', itemId: task.id, ownerRole: 'it' }, reason: 'IT' });
    expect(reowned.status).toBe(200);
    expect((await readJson(reowned)).items.find((item: any) => item.id === task.id)).toMatchObject({ ownerRole: 'it' });
    const itList = await listOf('it', (tasks) => tasks.some((item) => item.itemId === task.id));
    expect(itList.find((item) => item.itemId === task.id)).toMatchObject({ dueDate: later, ownerRole: 'it' });
    await listOf('facilities', (tasks) => !tasks.some((item) => item.itemId === task.id));

    const dropped = await change({ change: { kind: 'drop-item', itemId: task.id }, reason: 'Niet meer nodig' });
    expect(dropped.status).toBe(200);
    expect((await readJson(dropped)).items.some((item: any) => item.id === task.id)).toBe(false);
    await listOf('it', (tasks) => !tasks.some((item) => item.itemId === task.id));

    const events = await waitFor(
      history,
      (found) => found.some((event) => event.type === 'PlanItemDropped' && event.data.itemId === task.id),
      30_000,
    );
    const about = events.filter((event) => event.data.itemId === task.id).map((event) => event.type);
    expect(about).toEqual(['AdhocTaskAdded', 'PlanItemMoved', 'PlanItemReowned', 'PlanItemDropped']);
    // A dropped task cannot be changed again: the journey no longer has it.
    const again = await expectProblem(
      await change({ change: { kind: 'drop-item', itemId: task.id }, reason: 'Nog eens' }),
      422,
      { type: '/problems/plan-change-refused' },
    );
    expect(again.errors).toEqual([
      { pointer: '/change/itemId', detail: `Deze reis heeft geen gepland onderdeel "${task.id}".` },
    ]);
  });
});
