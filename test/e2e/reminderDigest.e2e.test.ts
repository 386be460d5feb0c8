import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiReadModels } from '../../services/api/readModels';
import { createLogger } from '../../services/shared/logger';
import { reminderDigestStreamName } from '../../services/worker/reminderDigestLedger';
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { sendDueDigests, startReminderDigestSchedule } from '../../services/worker/reminderDigestSchedule';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { type TestDigestDeps, withDigestDeps } from '../support/reminderDigestDeps';
import { waitFor } from '../support/waitFor';
import { apiRequest, requestsWith } from '../support/apiRequest';
import { registerHire } from '../support/hireRegistrations';
import { expectProblem } from '../support/httpAnswers';

/**
 * The daily digest against the real parts: journeys on a real Temporal server fill the open-tasks read model, the
 * digest reads it and mails a real SMTP server. The digest's day is injected (the journeys' own clocks stay in
 * 2026, their tasks in 2027), so one run per day of February 2027 shows what HR receives on each.
 */
describeWithServices(['temporal'], 'the daily reminder digest', () => {
  let system: RunningSystem;
  let smtp: SmtpSink;
  const organisationId = `digest-${randomUUID().slice(0, 8)}`;
  const HR = 'hr-digest@jeugdzorg.test';
  const templateId = `digest-${randomUUID().slice(0, 6)}`;
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    expect((await send('PUT', '/mailboxes/hr', { displayName: 'HR Jeugdzorg', email: HR })).status).toBe(200);
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const { id: _id, version: _version, organisationId: _org, ...content } = rivierenlandTemplate;
  // Only the two tasks below are HR's, so what HR's digest lists is known exactly.
  const template = {
    ...content,
    id: templateId,
    name: 'Digest',
    preboardingTasks: [
      ...content.preboardingTasks.map((task) => ({
        ...task,
        ownerRole: task.ownerRole === 'hr' ? 'it' : task.ownerRole,
      })),
      {
        id: 'contract',
        ownerRole: 'hr',
        title: 'Contract klaarzetten',
        dueOffsetDays: -7,
        reminderOffsetDays: -2,
        escalationOffsetDays: 3,
      },
      {
        id: 'rooster',
        ownerRole: 'hr',
        title: 'Rooster maken',
        dueOffsetDays: -5,
        reminderOffsetDays: -2,
        escalationOffsetDays: 3,
      },
    ],
    milestones: content.milestones.map((milestone) => ({ ...milestone, responsibleRole: 'manager' })),
    welcomeCard: { ...content.welcomeCard, ownerRole: 'facilities' },
  };

  const register = (hireId: string, startDate: string) =>
    registerHire(
      requestsWith(() => system.baseUrl, organisationId, {}),
      {
        hireId,
        startDate,
        role: 'Jeugdzorgwerker',
        templateId,
      },
    );

  const withDeps = <T>(work: (deps: TestDigestDeps) => Promise<T>) => withDigestDeps(system, smtp.url, work);
  const digestsToHr = () =>
    smtp.received.filter((mail) => mail.to.includes(HR) && /overzicht/i.test(mail.parsed.subject ?? ''));

  it('refuses a bad reminder policy with a pointer, and keeps a good one', async () => {
    const bad = { ...template, id: `${templateId}-bad`, reminderPolicy: { daysBefore: [7, 400], overdueDaily: true } };
    const problem = await expectProblem(await send('POST', '/journey-templates', bad), 400, {});
    expect(JSON.stringify(problem)).toContain('/reminderPolicy/daysBefore/1');
    expect((await send('POST', '/journey-templates', template)).status).toBe(201);
  });

  it('sends HR one digest per working day listing every task of every hire, none at weekends or on holidays', async () => {
    const hires = {
      a: `h-a-${randomUUID().slice(0, 6)}`,
      b: `h-b-${randomUUID().slice(0, 6)}`,
      c: `h-c-${randomUUID().slice(0, 6)}`,
    };
    await register(hires.a, '2027-03-01');
    await register(hires.b, '2027-03-01');
    await register(hires.c, '2027-03-03');
    const hrTasks = () =>
      system.readModels
        .prepare(`SELECT hire_id FROM open_tasks WHERE org = ? AND owner_role = 'hr' AND status = 'open'`)
        .all(organisationId) as { hire_id: string }[];
    await waitFor(hrTasks, (rows) => rows.length >= 6, 30_000);
    await withDeps(async (deps) => {
      const run = (day: string) => sendReminderDigests(deps, { organisationId, day });

      // Saturday and Sunday: quiet, though the 2-days-before reminder of the 22nd falls on the Saturday.
      expect(await run('2027-02-20')).toEqual({ workingDay: false, sent: 0, unreachable: 0 });
      expect(await run('2027-02-21')).toEqual({ workingDay: false, sent: 0, unreachable: 0 });
      expect(digestsToHr()).toHaveLength(0);

      // Monday the 22nd: five lines from three hires (two rolled from Saturday) in one mail.
      expect((await run('2027-02-22')).sent).toBe(1);
      let mails = digestsToHr();
      expect(mails).toHaveLength(1);
      const monday = mails[0]!.parsed.text ?? '';
      expect(mails[0]!.parsed.subject).toBe('Je overzicht van vandaag: 5 taken');
      expect(monday.match(/^- Contract klaarzetten/gm)).toHaveLength(3);
      expect(monday.match(/^- Rooster maken/gm)).toHaveLength(2);

      // A retried run of the same day sends nothing twice.
      const retried = await run('2027-02-22');
      expect(retried.sent).toBe(0);
      expect(digestsToHr()).toHaveLength(1);

      // Nor does another API replica, with read models of its own from the same event store: what was sent is in
      // the store (ReminderDigestSent), not in the read models of the replica that sent it.
      const replica = openApiReadModels(
        join(mkdtempSync(join(tmpdir(), 'soft-landing-replica-')), 'read-models.sqlite'),
        system.store,
        createLogger('test', 'silent'),
      );
      try {
        await waitFor(
          () => replica.db.prepare(`SELECT 1 FROM open_tasks WHERE org = ? AND owner_role = 'hr'`).all(organisationId),
          (rows) => rows.length >= 6,
          30_000,
        );
        const fromReplica = await sendReminderDigests(
          { ...deps, readModels: replica.db },
          {
            organisationId,
            day: '2027-02-22',
          },
        );
        // The same answer as the retry above: the recipients without an address are still counted, nobody is mailed.
        expect(fromReplica).toEqual(retried);
      } finally {
        await replica.close();
      }
      expect(digestsToHr()).toHaveLength(1);
      const ledger: { type: string; data: unknown }[] = [];
      for await (const { type, data } of system.store.readStream(reminderDigestStreamName(organisationId)))
        ledger.push({ type, data });
      expect(ledger).toEqual([
        {
          type: 'ReminderDigestSent',
          data: { organisationId, day: '2027-02-22', recipientRef: 'role:hr', taskCount: 5 },
        },
        { type: 'ReminderDigestRunCompleted', data: { organisationId, day: '2027-02-22' } },
      ]);

      // Tuesday: the two contracts due Monday are overdue, one mail.
      expect((await run('2027-02-23')).sent).toBe(1);
      mails = digestsToHr();
      expect(mails).toHaveLength(2);
      expect(mails[1]!.parsed.text).toMatch(/Contract klaarzetten .* 1 dag te laat/);
      expect(mails[1]!.parsed.subject).toBe('Je overzicht van vandaag: 2 taken');

      // Koningsdag 2027 is a Tuesday: no digest; the Wednesday after lists what is still open.
      expect((await run('2027-04-27')).workingDay).toBe(false);
      expect(digestsToHr()).toHaveLength(2);
      expect((await run('2027-04-28')).sent).toBe(1);
      expect(digestsToHr()).toHaveLength(3);
      expect(digestsToHr()[2]!.parsed.subject).toBe('Je overzicht van vandaag: 6 taken');
    });
  }, 90_000);

  it('goes out by itself from 07:00 Dutch time on a working day, once, from the schedule the API process runs', async () => {
    await withDeps(async (deps) => {
      const before = digestsToHr().length;
      // Tuesday 2 March 2027 (winter time, UTC+1): 06:59 is early; 00:30 is already the 2nd in Amsterdam, still early.
      expect(await sendDueDigests(deps, '07:00', Date.parse('2027-03-01T23:30:00Z'))).toEqual({
        day: '2027-03-02',
        mails: 0,
      });
      expect(await sendDueDigests(deps, '07:00', Date.parse('2027-03-02T05:59:00Z'))).toEqual({
        day: '2027-03-02',
        mails: 0,
      });
      expect(digestsToHr()).toHaveLength(before);
      // Saturday 6 March, mid-morning: no digest at weekends.
      expect((await sendDueDigests(deps, '07:00', Date.parse('2027-03-06T09:00:00Z'))).mails).toBe(0);

      // The schedule's first check is at once: its clock says 07:00 on the 2nd, so HR's digest goes out.
      const schedule = startReminderDigestSchedule(deps, { sendAt: '07:00', intervalMs: 100 }, () =>
        Date.parse('2027-03-02T06:00:00Z'),
      );
      try {
        await waitFor(digestsToHr, (mails) => mails.length === before + 1, 20_000);
        // Several more checks of the same day send nothing twice.
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await schedule.stop();
      }
      const mails = digestsToHr();
      expect(mails).toHaveLength(before + 1);
      expect(mails.at(-1)!.parsed.text).toMatch(/Contract klaarzetten .* dagen te laat/);
      expect((await sendDueDigests(deps, '07:00', Date.parse('2027-03-02T15:00:00Z'))).mails).toBe(0);
    });
  }, 60_000);

  it('catches up a working day it was down for altogether, counted from the day it sends, also when it starts late', async () => {
    // An organisation of its own, so only this test's runs and tasks count.
    const org = `catch-up-${randomUUID().slice(0, 8)}`;
    const hr = 'hr-catch-up@jeugdzorg.test';
    const sendIn = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      apiRequest(system.baseUrl, org, method, path, body, extra);
    expect((await sendIn('PUT', '/mailboxes/hr', { displayName: 'HR Noord', email: hr })).status).toBe(200);
    // Reminded 2 days before only, overdue once, escalated after 5 days: a policy the template event must carry.
    const own = {
      ...template,
      reminderPolicy: { daysBefore: [2], overdueDaily: false, escalateAfterDays: 5 },
      preboardingTasks: template.preboardingTasks.filter((task) => task.id !== 'rooster'),
    };
    expect((await sendIn('POST', '/journey-templates', own)).status).toBe(201);
    const hireId = `h-${randomUUID().slice(0, 6)}`;
    // Starts Friday 12 March 2027: the contract is due Friday the 5th, its reminder falls on Wednesday the 3rd.
    const registered = await sendIn(
      'POST',
      '/hires',
      { hireId, startDate: '2027-03-12', role: 'Jeugdzorgwerker', templateId },
      { 'idempotency-key': randomUUID() },
    );
    expect(registered.status).toBe(201);
    await waitFor(
      () =>
        system.readModels
          .prepare(`SELECT due_date FROM open_tasks WHERE org = ? AND owner_role = 'hr' AND status = 'open'`)
          .all(org) as { due_date: string }[],
      (rows) => rows.length === 1 && rows[0]!.due_date === '2027-03-05',
      30_000,
    );
    const toHr = () => smtp.received.filter((mail) => mail.to.includes(hr));

    await withDeps(async (deps) => {
      // Tuesday: nothing to say yet, but the digest ran.
      expect(await sendReminderDigests(deps, { organisationId: org, day: '2027-03-02' })).toEqual({
        workingDay: true,
        sent: 0,
        unreachable: 0,
      });
      // Wednesday the process was down all day. Thursday it starts at 15:00, long after the send time: its first
      // check sends at once, and lists Wednesday's reminder as it stands on Thursday — one day left, not two.
      const thursday = Date.parse('2027-03-04T14:00:00Z');
      const schedule = startReminderDigestSchedule(deps, { sendAt: '07:00', intervalMs: 100 }, () => thursday);
      try {
        await waitFor(toHr, (mails) => mails.length === 1, 20_000);
      } finally {
        await schedule.stop();
      }
      expect((await sendDueDigests(deps, '07:00', thursday)).mails).toBe(0);
      const [mail] = toHr();
      expect(mail!.parsed.subject).toBe('Je overzicht van vandaag: 1 taak');
      expect(mail!.parsed.text).toMatch(/^- Contract klaarzetten — .* — vóór vrijdag 5 maart 2027 \(nog 1 dag\)$/m);
      expect(mail!.parsed.text).not.toContain('nog 2 dagen');

      // Overdue once (the template's choice): the Monday after lists it, the Tuesday does not.
      expect((await sendReminderDigests(deps, { organisationId: org, day: '2027-03-08' })).sent).toBe(1);
      expect(toHr()[1]!.parsed.text).toMatch(/Contract klaarzetten .* 3 dagen te laat/);
      expect((await sendReminderDigests(deps, { organisationId: org, day: '2027-03-09' })).sent).toBe(0);
    });
    expect(toHr()).toHaveLength(2);
  }, 90_000);
});
