import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiReadModels } from '../../services/api/readModels';
import { createLogger } from '../../services/shared/logger';
import { sendReminderDigests } from '../../services/worker/reminderDigest';
import { addDays } from '../../workflows/domain/calendar';
import { isDutchWorkingDay } from '../../workflows/domain/dutchHolidays';
import { completeItemUpdate, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { withDigestDeps } from '../support/reminderDigestDeps';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { ADDRESSES, journeyHarnessOfBlock, ORGANISATION } from './journeyHarness';

const CASELOAD = 'milestone:first-own-caseload';
const VOG = 'task:vog-on-file';
const VOG_TITLE = 'VOG ontvangen en bewaard (vóór de eerste werkdag)';
const VOG_TITLE_EN = 'Certificate of conduct (VOG) received and filed (before the first working day)';

/**
 * The youth-care compliance gate on Temporal's time-skipping server with the real worker, store and mail behind
 * it: no own caseload before the certificate of conduct (Jeugdwet art. 4.1.6), and its escalation goes to HR.
 */
describeWithServices(['temporal-test-server'], 'a gated compliance step on the time-skipping server', () => {
  const harness = journeyHarnessOfBlock();

  it('refuses the first own caseload until the VOG is on file, then completes it', async () => {
    const handle = await harness().startJourney({ startsInDays: 30 });
    const blocked = await handle.query(journeyViewQuery);
    expect(blocked.items?.find((item) => item.id === CASELOAD)?.blockedBy).toEqual([
      { id: VOG, title: VOG_TITLE, titleEn: VOG_TITLE_EN },
    ]);

    await expect(
      handle.executeUpdate(completeItemUpdate, { args: [{ itemId: CASELOAD, actor: 'manager' }] }),
    ).rejects.toEqual(
      expect.objectContaining({
        cause: expect.objectContaining({
          type: 'JourneyCommandRejected',
          message: `"Eerste eigen caseload" kan pas worden afgerond als "${VOG_TITLE}" is afgerond.`,
        }),
      }),
    );
    expect(await harness().eventTypes(hireIdOf(handle.workflowId))).not.toContain('MilestoneCompleted');

    await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: VOG, actor: 'hr' }] });
    const done = await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: CASELOAD, actor: 'manager' }] });
    const caseload = done.items?.find((item) => item.id === CASELOAD);
    expect(caseload).toMatchObject({ status: 'done', completedBy: 'manager' });
    expect(caseload).not.toHaveProperty('blockedBy');
    const types = await harness().eventTypes(hireIdOf(handle.workflowId));
    // Both on record, the VOG first (an indexOf of -1 for a missing one would pass a bare comparison).
    expect(types.filter((type) => type === 'TaskCompleted' || type === 'MilestoneCompleted')).toEqual([
      'TaskCompleted',
      'MilestoneCompleted',
    ]);
    await handle.terminate('test done');
  });

  it('escalates a VOG not on file by day one to HR, not to the manager, in HR’s daily digest', async () => {
    const handle = await harness().startJourney({ startsInDays: 3 });
    await harness().env.sleep('6 days');
    const hireId = hireIdOf(handle.workflowId);
    const [escalation] = await waitFor(
      async () =>
        (await harness().events(hireId)).filter((event) => event.type === 'TaskEscalated' && event.data.itemId === VOG),
      (events) => events.length > 0,
      10_000,
    );
    // From digest-escalations-v1 on no mail of its own: the escalation is a line in the target's digest.
    expect(escalation!.data).toMatchObject({ byDigest: true, mailDelivered: false });
    expect(
      harness()
        .smtp.to(ADDRESSES.hr)
        .some((mail) => mail.parsed.subject?.includes(VOG_TITLE)),
    ).toBe(false);

    const readModels = openApiReadModels(
      join(mkdtempSync(join(tmpdir(), 'soft-landing-gates-')), 'read-models.sqlite'),
      harness().store,
      createLogger('test', 'silent'),
    );
    try {
      await waitFor(
        () =>
          readModels.db
            .prepare(`SELECT item_id FROM open_tasks WHERE org = ? AND hire_id = ? AND escalated_on IS NOT NULL`)
            .all(ORGANISATION, hireId),
        (rows) => rows.length > 0,
        30_000,
      );
      let day = String(escalation!.metadata.occurredAt).slice(0, 10);
      while (!isDutchWorkingDay(day)) day = addDays(day, 1);
      await withDigestDeps(
        {
          readModels: readModels.db,
          store: harness().store,
          directory: harness().deps.directory,
          baseUrl: 'https://zachte-landing.test',
        },
        harness().smtp.url,
        (deps) => sendReminderDigests(deps, { organisationId: ORGANISATION, day }),
      );
    } finally {
      await readModels.close();
    }
    const digestText = (to: string) =>
      harness()
        .smtp.to(to)
        .filter((mail) => mail.parsed.subject?.startsWith('Je overzicht van vandaag'))
        .map((mail) => mail.parsed.text ?? '')
        .join('\n');
    const toHr = digestText(ADDRESSES.hr);
    // HR's own task, escalated to HR: listed once, under the escalations.
    // The one escalation, to HR only, about this hire.
    expect(toHr.slice(toHr.indexOf('Geëscaleerd'))).toContain(`- ${VOG_TITLE} — Sanne — HR — `);
    expect(toHr.split(`- ${VOG_TITLE} — `)).toHaveLength(2);
    expect(digestText(ADDRESSES.manager)).not.toContain(VOG_TITLE);
    await handle.terminate('test done');
  });
});

const hireIdOf = (workflowId: string) => workflowId.split(':')[2]!;
