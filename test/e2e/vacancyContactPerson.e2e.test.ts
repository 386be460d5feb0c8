import { randomUUID } from 'node:crypto';
import { createMailer } from '../../services/worker/mail/mailer';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { addDays, compareDates, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { digestWindow } from '../../workflows/domain/reminderPolicy';
import { apiRequest } from '../support/apiRequest';
import { expectProblem, readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

const FOLLOW_UP = 'task:contact-person-introduces';
const FOLLOW_UP_TITLE = 'Vaste contactpersoon belt de nieuwe collega';

/**
 * Stage 1, profielbepaling, against the real parts (Temporal, SMTP): a hire registered from a vacancy profile with a
 * contact person is welcomed with that person's name and address, and the contact person holds the pre-boarding
 * follow-up and hears of it in their digest; a hire registered without a profile keeps HR as before.
 */
describeWithServices(['temporal'], "the vacancy profile's contact person", () => {
  const organisationId = `rvdk-${randomUUID().slice(0, 8)}`;
  const today = isoDateOfEpochMs(Date.now());
  const HR = { displayName: 'HR Raad', email: 'hr@raad.test' };
  const anna = { personRef: 'hr-anna', displayName: 'Anna Contactpersoon-Vast', email: 'anna.vast@raad.test' };
  let smtp: SmtpSink;
  let system: RunningSystem;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    expect((await send('PUT', '/mailboxes/hr', HR)).status).toBe(200);
    const profile = await send('PUT', '/vacancy-profiles/raadsonderzoeker', {
      version: 1,
      role: 'Raadsonderzoeker',
      team: 'Team West',
      expectations: ['Doet zelfstandig raadsonderzoek na het eerste jaar'],
      talents: ['Doorvragen', 'Onafhankelijk oordelen'],
      offer: ['Twee jaar opleiding in vier producten'],
      templateId: 'rvdk-two-year-programme',
      contactPersonRef: anna.personRef,
    });
    expect(profile.status).toBe(200);
    // The people directory mirrors the HR system: the contact person's name and address live there, not in events.
    await system.directory.upsert({ organisationId, ...anna, language: 'nl' });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return apiRequest(system.baseUrl, organisationId, method, path, body, headers);
  }
  // The welcome mail is due a week ahead: a start a week from now sends it at once.
  const register = (hireId: string, fields: Record<string, unknown>, language: 'nl' | 'en' = 'nl') =>
    send(
      'POST',
      '/hires',
      {
        hireId,
        startDate: addDays(today, 7),
        newHire: { displayName: `Nieuw ${hireId}`, email: `${hireId}@voorbeeld.test`, language },
        ...fields,
      },
      { 'idempotency-key': randomUUID() },
    );
  const welcomeOf = (hireId: string) =>
    waitFor(
      async () =>
        smtp.to(`${hireId}@voorbeeld.test`).find((mail) => /^(Welkom bij|Welcome to)/.test(mail.parsed.subject ?? '')),
      (found) => found !== undefined,
      30_000,
    );
  const followUpOf = (hireId: string) =>
    waitFor(
      async () =>
        ((await readJson(await send('GET', '/tasks?ownerRole=hr&limit=200'))).tasks as Record<string, unknown>[]).find(
          (task) => task.hireId === hireId && task.itemId === FOLLOW_UP,
        ),
      (found) => found !== undefined,
      30_000,
    );
  /** The first working day after `day`, when the digest lists what is overdue. */
  const workingDayAfter = (day: string) => {
    let next = addDays(day, 1);
    while (!digestWindow(next)) next = addDays(next, 1);
    return next;
  };
  const digest = (day: string) =>
    sendReminderDigests(
      {
        readModels: system.readModels,
        store: system.store,
        directory: system.directory,
        mailer: createMailer({ smtpUrl: smtp.url, from: 'Zachte Landing <noreply@soft-landing.test>' }),
        publicBaseUrl: system.baseUrl,
      },
      { organisationId, day },
    );

  it('names the contact person in the welcome mail, gives them the follow-up, and lists it in their digest', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(hireId, { vacancyProfileId: 'raadsonderzoeker' })).status).toBe(201);

    const welcome = await welcomeOf(hireId);
    expect(welcome!.parsed.text).toContain(
      `Je contactpersoon is ${anna.displayName}, bereikbaar via ${anna.email}. Bel of mail gerust.`,
    );

    const { events } = await readJson(await send('GET', `/hires/${hireId}/history`));
    const registered = events.find((event: { type: string }) => event.type === 'HireRegistered');
    // A reference only: the name and address stay in the people directory.
    expect(registered.data).toMatchObject({ vacancyProfileId: 'raadsonderzoeker', contactPersonRef: anna.personRef });
    expect(JSON.stringify(events)).not.toContain(anna.displayName);
    expect(JSON.stringify(events)).not.toContain(anna.email);

    const task = await followUpOf(hireId);
    expect(task).toMatchObject({ ownerRole: 'hr', ownerRef: anna.personRef, title: FOLLOW_UP_TITLE });
    const annas = await readJson(await send('GET', `/tasks?ownerRole=hr&ownerRef=${anna.personRef}`));
    expect(annas.tasks.map((held: { itemId: string }) => held.itemId)).toEqual([FOLLOW_UP]);

    const day = workingDayAfter(String(task!.dueDate));
    expect((await digest(day)).sent).toBeGreaterThanOrEqual(1);
    const toAnna = smtp.to(anna.email).filter((mail) => /overzicht/i.test(mail.parsed.subject ?? ''));
    expect(toAnna).toHaveLength(1);
    expect(toAnna[0]!.parsed.text).toMatch(new RegExp(`^- ${FOLLOW_UP_TITLE} — Nieuw ${hireId} — `, 'm'));
    // HR's own digest no longer carries the contact person's task.
    for (const mail of smtp.to(HR.email))
      expect(mail.parsed.text).not.toContain(`${FOLLOW_UP_TITLE} — Nieuw ${hireId}`);
  }, 90_000);

  it('writes the English welcome mail with the contact person for a hire who reads English', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(hireId, { vacancyProfileId: 'raadsonderzoeker' }, 'en')).status).toBe(201);
    const welcome = await welcomeOf(hireId);
    expect(welcome!.parsed.text).toContain(
      `Your contact person is ${anna.displayName}, reachable at ${anna.email}. Feel free to call or write.`,
    );
  }, 60_000);

  it('keeps HR as the contact and holder of the follow-up for a hire registered without a profile', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(hireId, { role: 'Raadsonderzoeker', templateId: 'rvdk-two-year-programme' })).status).toBe(
      201,
    );
    const welcome = await welcomeOf(hireId);
    expect(welcome!.parsed.text).toContain(`Je contactpersoon is ${HR.displayName}, bereikbaar via ${HR.email}.`);
    expect(welcome!.parsed.text).not.toContain(anna.displayName);

    const task = await followUpOf(hireId);
    expect(task).toMatchObject({ ownerRole: 'hr', title: FOLLOW_UP_TITLE });
    expect(task).not.toHaveProperty('ownerRef');

    // A working day later than the first test's: a recipient gets one digest a day, and HR had that day's.
    const due = String(task!.dueDate);
    const day = workingDayAfter(workingDayAfter(compareDates(due, today) > 0 ? due : today));
    expect((await digest(day)).sent).toBeGreaterThanOrEqual(1);
    const toHr = smtp.to(HR.email).filter((mail) => /overzicht/i.test(mail.parsed.subject ?? ''));
    expect(toHr.some((mail) => mail.parsed.text?.includes(`${FOLLOW_UP_TITLE} — Nieuw ${hireId}`))).toBe(true);
    expect(smtp.to(anna.email).some((mail) => mail.parsed.text?.includes(`Nieuw ${hireId}`))).toBe(false);
  }, 90_000);

  it("shows the profile's expectations and talents of the version the hire was registered on; none without a profile", async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(hireId, { vacancyProfileId: 'raadsonderzoeker' })).status).toBe(201);
    await welcomeOf(hireId);
    // A version published after the registration does not rewrite what was asked of this hire.
    const latest = await readJson(await send('GET', '/vacancy-profiles/raadsonderzoeker'));
    const { id: _id, organisationId: _org, ...content } = latest;
    const next = { ...content, version: latest.version + 1, talents: ['Iets anders'] };
    expect((await send('PUT', '/vacancy-profiles/raadsonderzoeker', next)).status).toBe(200);
    const answer = await send('GET', `/hires/${hireId}/vacancy-profile`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      hireId,
      profileId: 'raadsonderzoeker',
      version: latest.version,
      role: 'Raadsonderzoeker',
      expectations: ['Doet zelfstandig raadsonderzoek na het eerste jaar'],
      talents: ['Doorvragen', 'Onafhankelijk oordelen'],
    });

    const withoutProfile = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(withoutProfile, { role: 'Raadsonderzoeker' })).status).toBe(201);
    await welcomeOf(withoutProfile);
    await expectProblem(await send('GET', `/hires/${withoutProfile}/vacancy-profile`), 404, {
      type: '/problems/hire-without-vacancy-profile',
      title: 'Geen vacatureprofiel',
    });
    await expectProblem(
      await send('GET', `/hires/${withoutProfile}/vacancy-profile`, undefined, { 'accept-language': 'en' }),
      404,
      { title: 'No vacancy profile', detail: `Hire "${withoutProfile}" was registered without a vacancy profile.` },
    );
    await expectProblem(await send('GET', '/hires/nobody-here/vacancy-profile'), 404, {
      type: '/problems/hire-not-found',
    });
  }, 90_000);
});
