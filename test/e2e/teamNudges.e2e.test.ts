import { randomUUID } from 'node:crypto';
import { checkTeamNudges, teamNudgeStreamName } from '../../services/analytics/teamNudgeCheck';
import { retentionRows } from '../../services/projections';
import { createLogger } from '../../services/shared/logger';
import { createMailer, type Mailer } from '../../services/worker/mail/mailer';
import { apiRequest } from '../support/apiRequest';
import { readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

/**
 * Issue #13's nudge: journeys run on real Temporal with an empty mentor pool, so nobody gets a mentor; the
 * scheduled check (called here with the day it would run on) reads the real read models and mails the team's
 * manager through a real SMTP server, once per crossing, in the manager's language, and records it as an event.
 */
describeWithServices(['temporal'], 'nudges to a team manager when the team crosses a threshold', () => {
  let system: RunningSystem;
  let smtp: SmtpSink;
  let mailer: Mailer;
  const organisationId = `nudge-${randomUUID().slice(0, 8)}`;
  const oost = Array.from({ length: 3 }, (_, index) => `h-oost-${index}-${randomUUID().slice(0, 6)}`);
  const west = Array.from({ length: 2 }, (_, index) => `h-west-${index}-${randomUUID().slice(0, 6)}`);
  const managers = {
    oost: { ref: 'm-oost', displayName: 'Fatima Oost', email: 'fatima@oost.test', language: 'nl' },
    west: { ref: 'm-west', displayName: 'Sam West', email: 'sam@west.test', language: 'en' },
  };
  const send = (method: string, path: string, body?: unknown) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { 'idempotency-key': randomUUID() });
  const deps = () => ({
    readModels: system.readModels,
    store: system.store,
    directory: system.directory,
    mailer,
    publicBaseUrl: 'http://soft-landing.test',
    thresholds: { withoutMentor: 2, overdue: 0, noMentorAfterDays: 14 },
    logger: createLogger('test', 'warn'),
  });
  // The managers also get each hire's team-welcome request; a nudge is the mail that links to the team's hires.
  const nudgesTo = (email: string) =>
    smtp.to(email).filter((mail) => (mail.parsed.text ?? '').includes('/app/hires?team='));
  const nudgeMails = () => [...nudgesTo(managers.oost.email), ...nudgesTo(managers.west.email)];
  const recorded = async () => {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for await (const event of system.store.readStream(teamNudgeStreamName(organisationId)))
      events.push({ type: event.type, data: event.data });
    return events;
  };

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Zachte Landing <noreply@soft-landing.test>' });
    const register = async (hireId: string, team: string, manager: (typeof managers)['oost']) =>
      expect(
        (
          await send('POST', '/hires', {
            hireId,
            startDate: '2027-03-01',
            role: 'Jeugdzorgwerker',
            team,
            managerRef: manager.ref,
            manager: { displayName: manager.displayName, email: manager.email, language: manager.language },
          })
        ).status,
      ).toBe(201);
    for (const hireId of oost) await register(hireId, 'Team Oost', managers.oost);
    for (const hireId of west) await register(hireId, 'Team West', managers.west);
    await waitFor(
      async () => retentionRows(system.readModels, organisationId).length,
      (count) => count === 5,
      20_000,
    );
    // Journeys answer commands once they run.
    await waitFor(
      async () => readJson(await apiRequest(system.baseUrl, organisationId, 'GET', `/hires/${west[0]}`)),
      (view) => Array.isArray(view.items),
      20_000,
    );
  }, 180_000);
  afterAll(async () => {
    mailer?.close();
    await system?.stop();
    await smtp?.stop();
  });

  it('stays quiet while the teams are under the threshold (day 14 is not yet "after two weeks")', async () => {
    const outcome = await checkTeamNudges(deps(), organisationId, '2027-03-15');
    expect(outcome).toEqual({ sent: [], cleared: [] });
    expect(nudgeMails()).toEqual([]);
    expect(await recorded()).toEqual([]);
  });

  it('mails each team manager once when the team crosses, in their language, with counts and no names of hires', async () => {
    const outcome = await checkTeamNudges(deps(), organisationId, '2027-03-16');
    expect(outcome.sent.map(({ team, count }) => [team, count])).toEqual([
      ['Team Oost', 3],
      ['Team West', 2],
    ]);
    await waitFor(
      async () => nudgeMails().length,
      (count) => count === 2,
      10_000,
    );
    const [dutch] = nudgesTo(managers.oost.email);
    expect(dutch!.parsed.subject).toBe("Nog geen mentor na twee weken: drie nieuwe collega's in Team Oost");
    expect(dutch!.parsed.text).toContain(
      "In je team Team Oost: drie nieuwe collega's na twee weken nog zonder mentor.",
    );
    expect(dutch!.parsed.text).toContain('Beste Fatima Oost,');
    expect(dutch!.parsed.text).toContain('http://soft-landing.test/app/hires?team=Team%20Oost');
    expect(dutch!.parsed.headers.get('content-language')).toBe('nl');
    const [english] = nudgesTo(managers.west.email);
    expect(english!.parsed.subject).toBe('Still no mentor after two weeks: two new colleagues in Team West');
    expect(english!.parsed.headers.get('content-language')).toBe('en');
    for (const mail of nudgeMails())
      for (const hireId of [...oost, ...west])
        expect(`${mail.parsed.subject} ${mail.parsed.text}`).not.toContain(hireId);

    const events = await recorded();
    expect(
      events.map(({ type, data }) => [type, data.team, data.indicator, data.crossing, data.count, data.managerRefs]),
    ).toEqual([
      ['TeamNudgeSent', 'Team Oost', 'withoutMentor', 1, 3, ['m-oost']],
      ['TeamNudgeSent', 'Team West', 'withoutMentor', 1, 2, ['m-west']],
    ]);
  });

  it('does not mail again for the same crossing, however often the check runs', async () => {
    expect(await checkTeamNudges(deps(), organisationId, '2027-03-16')).toEqual({ sent: [], cleared: [] });
    expect(await checkTeamNudges(deps(), organisationId, '2027-03-20')).toEqual({ sent: [], cleared: [] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(nudgeMails()).toHaveLength(2);
    expect(await recorded()).toHaveLength(2);
  });

  it('records the end of a crossing when the team falls under the threshold, without a mail', async () => {
    expect((await send('POST', `/hires/${west[0]}/termination`, { lastWorkingDay: '2027-03-31' })).status).toBe(200);
    await waitFor(
      async () => retentionRows(system.readModels, organisationId).find((row) => row.hireId === west[0])?.status,
      (status) => status === 'left',
      20_000,
    );
    const outcome = await checkTeamNudges(deps(), organisationId, '2027-04-02');
    expect(outcome.sent).toEqual([]);
    expect(outcome.cleared.map(({ team, count, crossing }) => [team, count, crossing])).toEqual([['Team West', 1, 1]]);
    expect((await recorded()).at(-1)).toMatchObject({
      type: 'TeamNudgeCleared',
      data: { team: 'Team West', indicator: 'withoutMentor', crossing: 1, count: 1 },
    });
    expect(nudgeMails()).toHaveLength(2);
  });

  it('lists the nudges per team, newest first, naming no hire and no manager; a manager sees their own teams', async () => {
    const list = await readJson(await apiRequest(system.baseUrl, organisationId, 'GET', '/analytics/team-nudges'));
    expect(
      list.nudges.map((n: Record<string, unknown>) => [n.kind, n.team, n.indicator, n.crossing, n.count, n.threshold]),
    ).toEqual([
      ['cleared', 'Team West', 'withoutMentor', 1, 1, undefined],
      ['sent', 'Team West', 'withoutMentor', 1, 2, 2],
      ['sent', 'Team Oost', 'withoutMentor', 1, 3, 2],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/m-oost|m-west|h-oost|h-west/);
    const asManager = await readJson(
      await apiRequest(system.baseUrl, organisationId, 'GET', '/analytics/team-nudges', undefined, {
        'x-role': 'manager',
        'x-person-ref': managers.west.ref,
      }),
    );
    expect(asManager.nudges.map((n: { team: string; kind: string }) => [n.kind, n.team])).toEqual([
      ['cleared', 'Team West'],
      ['sent', 'Team West'],
    ]);
  });

  it("nudges at the organisation's own thresholds once HR saved them, and at the defaults before", async () => {
    const thresholds = (body?: unknown, headers: Record<string, string> = {}) =>
      apiRequest(system.baseUrl, organisationId, body ? 'PUT' : 'GET', '/team-nudge-thresholds', body, headers);
    // Never saved: version 0 with the deployment's defaults (TEAM_NUDGE_*, here the built-in ones).
    expect(await readJson(await thresholds())).toEqual({
      version: 0,
      withoutMentor: 2,
      overdue: 3,
      noMentorAfterDays: 14,
    });
    const invalid = await thresholds({ version: 1, withoutMentor: -1, overdue: 0, noMentorAfterDays: 14 });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await readJson(invalid)).type).toBe('/problems/invalid-request');

    // Team Oost has three without a mentor: at four it is under the threshold, and its crossing ends.
    const saved = await thresholds({ version: 1, withoutMentor: 4, overdue: 0, noMentorAfterDays: 14 });
    expect(saved.status).toBe(200);
    expect(await readJson(saved)).toMatchObject({ version: 1, withoutMentor: 4, overdue: 0, noMentorAfterDays: 14 });
    // The same version again is a retry; another edit of version 1 is stale (409, Dutch, English on request).
    expect((await thresholds({ version: 1, withoutMentor: 4, overdue: 0, noMentorAfterDays: 14 })).status).toBe(200);
    const stale = await thresholds({ version: 1, withoutMentor: 5, overdue: 0, noMentorAfterDays: 14 });
    expect(stale.status).toBe(409);
    expect(await readJson(stale)).toMatchObject({
      type: '/problems/team-nudge-thresholds-version-conflict',
      title: 'Verouderde versie',
    });
    const staleEnglish = await thresholds(
      { version: 1, withoutMentor: 5, overdue: 0, noMentorAfterDays: 14 },
      { 'accept-language': 'en' },
    );
    expect((await readJson(staleEnglish)).title).toBe('Stale version');

    const cleared = await checkTeamNudges(deps(), organisationId, '2027-04-03');
    expect(cleared.sent).toEqual([]);
    expect(cleared.cleared.map(({ team, threshold }) => [team, threshold])).toEqual([['Team Oost', 4]]);

    // Back to three: the next crossing of Team Oost, mailed again.
    expect((await thresholds({ version: 2, withoutMentor: 3, overdue: 0, noMentorAfterDays: 14 })).status).toBe(200);
    const again = await checkTeamNudges(deps(), organisationId, '2027-04-04');
    expect(again.sent.map(({ team, crossing, threshold }) => [team, crossing, threshold])).toEqual([
      ['Team Oost', 2, 3],
    ]);
    await waitFor(
      async () => nudgesTo(managers.oost.email).length,
      (count) => count === 2,
      10_000,
    );
  });
});
