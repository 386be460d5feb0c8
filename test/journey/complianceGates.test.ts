import { completeItemUpdate, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { ADDRESSES, JourneyHarness } from './journeyHarness';

const CASELOAD = 'milestone:first-own-caseload';
const VOG = 'task:vog-on-file';
const VOG_TITLE = 'VOG ontvangen en bewaard (vóór de eerste werkdag)';
const VOG_TITLE_EN = 'Certificate of conduct (VOG) received and filed (before the first working day)';

/**
 * The youth-care compliance gate on Temporal's time-skipping server with the real worker, store and mail behind
 * it: no own caseload before the certificate of conduct (Jeugdwet art. 4.1.6), and its escalation goes to HR.
 */
describeWithServices(['temporal-test-server'], 'a gated compliance step on the time-skipping server', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(async () => harness?.stop());

  it('refuses the first own caseload until the VOG is on file, then completes it', async () => {
    const handle = await harness.startJourney({ startsInDays: 30 });
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
    expect(await harness.eventTypes(hireIdOf(handle.workflowId))).not.toContain('MilestoneCompleted');

    await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: VOG, actor: 'hr' }] });
    const done = await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: CASELOAD, actor: 'manager' }] });
    const caseload = done.items?.find((item) => item.id === CASELOAD);
    expect(caseload).toMatchObject({ status: 'done', completedBy: 'manager' });
    expect(caseload).not.toHaveProperty('blockedBy');
    const types = await harness.eventTypes(hireIdOf(handle.workflowId));
    // Both on record, the VOG first (an indexOf of -1 for a missing one would pass a bare comparison).
    expect(types.filter((type) => type === 'TaskCompleted' || type === 'MilestoneCompleted')).toEqual([
      'TaskCompleted',
      'MilestoneCompleted',
    ]);
    await handle.terminate('test done');
  });

  it('escalates a VOG not on file by day one to HR, not to the manager', async () => {
    const handle = await harness.startJourney({ startsInDays: 3 });
    await harness.env.sleep('6 days');
    const escalated = async () =>
      harness.smtp.to(ADDRESSES.hr).some((mail) => mail.parsed.subject?.startsWith(`Nog niet gedaan: ${VOG_TITLE}`));
    for (let attempt = 0; attempt < 50 && !(await escalated()); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await escalated()).toBe(true);
    // The one escalation, to HR only, about this hire: not just some mail with a matching start.
    const aboutTheVog = (address: string) =>
      harness.smtp
        .to(address)
        .filter((mail) => mail.parsed.subject?.includes(VOG_TITLE))
        .map((mail) => ({ envelope: mail.to, subject: mail.parsed.subject }));
    expect(aboutTheVog(ADDRESSES.hr)).toEqual([
      { envelope: [ADDRESSES.hr], subject: `Nog niet gedaan: ${VOG_TITLE} voor Sanne` },
    ]);
    expect(aboutTheVog(ADDRESSES.manager)).toEqual([]);
    await handle.terminate('test done');
  });
});

const hireIdOf = (workflowId: string) => workflowId.split(':')[2]!;
