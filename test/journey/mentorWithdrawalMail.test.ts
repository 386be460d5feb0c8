import type { WorkflowHandle } from '@temporalio/client';
import { journeyViewQuery, withdrawCandidateUpdate } from '../../workflows/hireJourneyContract';
import { describeWithServices } from '../support/serviceAvailability';
import { journeyHarnessOfBlock, ORGANISATION, mentor } from './journeyHarness';

/**
 * The mentor whose request the journey withdraws before they answered hears so by mail (mentor-withdrawal-mail-v1),
 * over real SMTP from a journey on the time-skipping server: in Dutch, or English when they read English.
 */
describeWithServices(['temporal-test-server'], 'the mail to a mentor whose request is withdrawn', () => {
  const harness = journeyHarnessOfBlock();

  it.each([
    ['nl', 'mentor-wd-nl', /^De mentorvraag voor Sanne is ingetrokken$/, /hoeft er niet meer op te antwoorden/],
    ['en', 'mentor-wd-en', /^The mentor request for Sanne is withdrawn$/, /you need not answer it/],
  ] as const)(
    'tells the asked mentor (%s) the request is off, naming the hire by first name only',
    async (language, id, subject, body) => {
      await harness().offerMentors([mentor(id, { experienceYears: 40, maxMentees: 1 })]);
      await harness().deps.directory.upsert({
        organisationId: ORGANISATION,
        personRef: id,
        displayName: `Mentor ${id}`,
        email: `${id}@voorbeeld.test`,
        language,
      });
      const handle = await harness().startJourney({ startsInDays: 30 });
      await viewWhen(handle, (asked) => asked.includes(id));
      await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ actor: 'test:hr' }] });
      await handle.result();
      const mails = harness()
        .smtp.to(`${id}@voorbeeld.test`)
        .map((mail) => mail.parsed);
      expect(mails).toHaveLength(2); // the request, then its withdrawal
      const withdrawn = mails[1]!;
      expect(withdrawn.subject).toMatch(subject);
      expect(withdrawn.text).toMatch(body);
      expect(withdrawn.text).toContain(`Mentor ${id}`);
      const types = await harness().eventTypes(handle.workflowId.split(':')[2]!);
      expect(types).toEqual(expect.arrayContaining(['MentorRequested', 'MentorRequestWithdrawn']));
    },
  );
});

async function viewWhen(handle: WorkflowHandle, done: (asked: readonly string[]) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const view = await handle.query(journeyViewQuery);
    if (done(view.mentor?.asked ?? [])) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the journey never asked the mentor');
}
