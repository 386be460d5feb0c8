import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiReadModels } from '../../services/api/readModels';
import { createLogger } from '../../services/shared/logger';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { JourneyTemplateStore } from '../../services/templates/journeyTemplateStore';
import { type IsoDate, addDays, compareDates, isoWeekday } from '../../workflows/domain/calendar';
import { rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import { isDutchWorkingDay } from '../../workflows/domain/dutchHolidays';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { FIND_MENTOR_TASK_ID } from '../../workflows/domain/journey/state';
import { describeWithServices } from '../support/serviceAvailability';
import { recordHistory } from './journeyHandles';
import { waitFor } from '../support/waitFor';
import { withDigestDeps } from '../support/reminderDigestDeps';
import { ADDRESSES, JourneyHarness, ORGANISATION } from './journeyHarness';

const DAY_MS = 24 * 60 * 60 * 1000;
const TITLES = ['Laptop klaarzetten', 'Account aanmaken', 'Telefoon uitgeven'];

/**
 * Escalations by digest (digest-escalations-v1) with the real parts: a journey on Temporal's time-skipping server
 * escalates three overdue IT tasks after the template's escalateAfterDays (2, though each item's own offset is 10),
 * records them byDigest and mails nothing itself; the open-tasks read model folds the events and the digest mails
 * the hire's manager ONE mail with the three under "Geëscaleerd", over real SMTP — none on a Saturday or a holiday.
 */
describeWithServices(['temporal-test-server'], 'escalations in the daily digest', () => {
  let harness: JourneyHarness;
  let readModels: ReturnType<typeof openApiReadModels>;

  beforeAll(async () => {
    harness = await JourneyHarness.start();
    readModels = openApiReadModels(
      join(mkdtempSync(join(tmpdir(), 'soft-landing-digest-')), 'read-models.sqlite'),
      harness.store,
      createLogger('test', 'silent'),
    );
  }, 60_000);
  afterAll(async () => {
    await readModels?.close();
    await harness?.stop();
  });

  const template: JourneyTemplate = {
    ...rivierenlandTemplate,
    id: 'digest-escalations',
    organisationId: ORGANISATION,
    version: 1,
    reminderPolicy: { daysBefore: [7, 2], overdueDaily: true, escalateAfterDays: 2 },
    preboardingTasks: TITLES.map((title, index) => ({
      id: `it-${index}`,
      ownerRole: 'it',
      title,
      dueOffsetDays: -10 + index,
      reminderOffsetDays: -2,
      escalationOffsetDays: 10,
    })),
    // Without the default tasks their gates have nothing to wait on.
    milestones: rivierenlandTemplate.milestones.map(({ requires: _requires, ...milestone }) => milestone),
  };

  it('escalates three overdue tasks after escalateAfterDays into one digest of their manager, quiet on weekends and holidays', async () => {
    await new JourneyTemplateStore(harness.store).publish(template, 'test');
    const start = await harness.today();
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    await harness.startJourney({ hireId, startsInDays: 14, templateId: template.id });
    await harness.env.sleep(10 * DAY_MS);

    const allEscalated = await waitFor(
      async () => (await harness.events(hireId)).filter((event) => event.type === 'TaskEscalated'),
      (events) => events.length >= 4,
      30_000,
    );
    // The manager's task of finding a mentor by hand (nobody in the pool) opens at the start, due a week later, and
    // escalates after the template's 2 days too (adhoc-escalation-policy-v1), not after a fixed week.
    const findMentor = allEscalated.filter((event) => event.data.itemId === FIND_MENTOR_TASK_ID);
    expect(findMentor.map((event) => String(event.metadata.occurredAt).slice(0, 10))).toEqual([addDays(start, 9)]);
    const escalated = allEscalated.filter((event) => event.data.itemId !== FIND_MENTOR_TASK_ID);
    // M = 2 days after each due date (start − 10, −9, −8), not the items' own 10: recorded, marked, not mailed.
    expect(escalated.map((event) => event.data)).toEqual(
      TITLES.map((title) => expect.objectContaining({ title, byDigest: true, mailDelivered: false })),
    );
    const escalationDays = escalated.map((event) => (event.metadata as { occurredAt?: string }).occurredAt ?? '');
    expect(escalationDays.map((at) => at.slice(0, 10))).toEqual([0, 1, 2].map((index) => addDays(start, 6 + index)));
    expect(
      harness.smtp.to(ADDRESSES.manager).filter((mail) => /Nog niet gedaan/.test(mail.parsed.subject ?? '')),
    ).toEqual([]);

    await recordEscalated(hireId);

    await waitFor(
      () =>
        readModels.db
          .prepare(`SELECT item_id FROM open_tasks WHERE org = ? AND escalated_on IS NOT NULL AND status = 'open'`)
          .all(ORGANISATION) as { item_id: string }[],
      (rows) => rows.length >= 3,
      30_000,
    );
    const lastEscalation = addDays(start, 8);
    const firstAfter = (wanted: (day: IsoDate) => boolean) => {
      let day = lastEscalation;
      while (!wanted(day)) day = addDays(day, 1);
      return day;
    };
    const saturday = firstAfter((day) => isoWeekday(day) === 6);
    const holiday = firstAfter((day) => isoWeekday(day) <= 5 && !isDutchWorkingDay(day));
    const workingDay = firstAfter(isDutchWorkingDay);
    expect(compareDates(holiday, workingDay)).toBeGreaterThan(0);

    const digestsToManager = () =>
      harness.smtp.to(ADDRESSES.manager).filter((mail) => /overzicht/i.test(mail.parsed.subject ?? ''));
    await withDigestDeps(
      {
        readModels: readModels.db,
        store: harness.store,
        directory: harness.deps.directory,
        baseUrl: 'https://zachte-landing.test',
      },
      harness.smtp.url,
      async (deps) => {
        const run = (day: IsoDate) => sendReminderDigests(deps, { organisationId: ORGANISATION, day });
        expect(await run(saturday)).toEqual({ workingDay: false, sent: 0, unreachable: 0 });
        expect(await run(holiday)).toEqual({ workingDay: false, sent: 0, unreachable: 0 });
        expect(digestsToManager()).toHaveLength(0);

        expect((await run(workingDay)).sent).toBeGreaterThanOrEqual(2); // the manager, and IT about its own tasks
        expect((await run(workingDay)).sent).toBe(0);
      },
    );
    const [digest, ...more] = digestsToManager();
    expect(more).toHaveLength(0);
    const text = digest!.parsed.text ?? '';
    const section = text.slice(text.indexOf('Geëscaleerd'));
    expect(text).toContain('Geëscaleerd');
    for (const title of TITLES) expect(section).toMatch(new RegExp(`^- ${title} — .* — ICT — \\d+ dagen te laat`, 'm'));
    // Besides: the manager's own task of finding a mentor by hand, as nobody in the pool can. It escalates on day 9,
    // so whether the digest lists it as escalated or as due depends on the calendar: the first working day after the
    // IT tasks' escalations (day 8) is day 8 itself when that is a working day, else later.
    const findMentorEscalated = compareDates(addDays(start, 9), workingDay) <= 0;
    expect(section.match(/^- /gm)).toHaveLength(findMentorEscalated ? 4 : 3);
    const listedIn = findMentorEscalated ? section : text.slice(0, text.indexOf('Geëscaleerd'));
    expect(listedIn.match(/^- Zoek zelf een mentor/gm)).toHaveLength(1);
    expect(digest!.parsed.subject).toBe('Je overzicht van vandaag: 4 taken');
    // The owner's own digest lists the same tasks as overdue, without an escalation section.
    const toIt = harness.smtp.to(ADDRESSES.it).filter((mail) => /overzicht/i.test(mail.parsed.subject ?? ''));
    expect(toIt).toHaveLength(1);
    expect(toIt[0]!.parsed.text).not.toContain('Geëscaleerd');
    for (const title of TITLES) expect(toIt[0]!.parsed.text).toContain(`- ${title}`);
  }, 120_000);

  /** With RECORD_HISTORIES set, a replay fixture of a journey that escalated by digest (test/replay). */
  const recordEscalated = (hireId: string) =>
    recordHistory(
      harness.env.client.workflow.getHandle(hireJourneyWorkflowId(ORGANISATION, hireId)),
      'journey-digest-escalations',
      'digest-escalations-v1',
    );
});
