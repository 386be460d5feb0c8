import { join } from 'node:path';
import { hireStreamName } from '../../services/event-store/streamNames';
import { amsterdamTimeToUtc } from '../../services/worker/mail/amsterdamTime';
import { SCREENSHOTS, expectAccessible } from '../support/browser';
import { describeMailedLinkSuite } from '../support/mailedLinkSuite';
import { registerHireWithMentor } from '../support/hireRegistrations';
import { openMentorRequestFromMail } from '../support/mentorRequestPage';
import { daysFromToday } from '../support/daysFromToday';

/** The first Monday-to-Friday day at least `days` ahead of today (UTC). */
function workingDayAhead(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The mentor accepts from the link in the request mail, writes their own introduction and picks the coffee moment;
 * the new hire's welcome mail shows both and its invite has the chosen time. A moment after working hours is refused.
 */
describeMailedLinkSuite(
  "a mentor's acceptance with their introduction, in headless Chromium",
  'h-mentor',
  (suite, { organisationId, hireId, asHr }) => {
    const hireEmail = 'sanne.mentor@example.test';
    const mentorEmail = 'joris.mentor@example.test';
    const startDate = daysFromToday(20);
    const coffeeDate = workingDayAhead(3);
    const introduction = 'Ik werk al acht jaar in het wijkteam Tiel en fiets elke ochtend langs de Waal.';

    beforeAll(async () => {
      await registerHireWithMentor(
        asHr,
        { hireId, startDate, newHire: { displayName: 'Sanne de Vries', email: hireEmail, language: 'nl' } },
        { mentorRef: 'ms-joris', displayName: 'Joris Bakker', email: mentorEmail, experienceYears: 8 },
      );
    });

    it('takes the introduction and the coffee moment from the accept page into the welcome mail and its invite', async () => {
      const page = await openMentorRequestFromMail(suite, mentorEmail, { hireId, displayName: 'Sanne de Vries' });

      await page.locator('#mentor-introduction').fill(introduction);
      await page.locator('#mentor-coffee-date').fill(coffeeDate);
      // After working hours first: refused in the page's words, nothing stored.
      await page.locator('#mentor-coffee-time').fill('19:00');
      await page.locator('#mentor-coffee-minutes').selectOption('45');
      await page.getByRole('button', { name: 'Ja, ik word mentor' }).click();
      const refusal = page.locator('[data-problem-type="/problems/coffee-moment-outside-working-hours"]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('Koffiemoment buiten werktijd');
      await expectAccessible(page, 'mentor request refused');

      await page.locator('#mentor-coffee-time').fill('14:00');
      await expectAccessible(page, 'mentor request filled in');
      await page.screenshot({ path: join(SCREENSHOTS, 'mentor-accept-introduction.png'), fullPage: true });
      await page.getByRole('button', { name: 'Ja, ik word mentor' }).click();
      await page.getByText('Dank je! Je bent nu de mentor', { exact: false }).waitFor();
      await expectAccessible(page, 'mentor request accepted');

      const welcome = await suite.smtp.firstTo(hireEmail, 'Kennismaken met je mentor');
      const text = welcome.parsed.text ?? '';
      expect(text).toContain(introduction);
      expect(text).toContain("om 14:00, zo'n 45 minuten");
      const invite = welcome.parsed.attachments.find(
        (attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'),
      );
      const ics = invite!.content.toString('utf8');
      const utc = (date: Date) =>
        date
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '');
      const startsAt = amsterdamTimeToUtc(coffeeDate, '14:00');
      expect(ics).toContain(`DTSTART:${utc(startsAt)}`);
      expect(ics).toContain(`DTEND:${utc(new Date(startsAt.getTime() + 45 * 60_000))}`);

      // The stream says an introduction exists and when the coffee is; the words themselves are not on it.
      const events = [];
      for await (const event of suite.system.store.readStream(hireStreamName({ organisationId, hireId })))
        events.push(event);
      expect(events.find((event) => event.type === 'MentorAccepted')?.data).toMatchObject({
        introductionWritten: true,
      });
      expect(events.find((event) => event.type === 'MentorWelcomeMailSent')?.data).toMatchObject({
        coffeeMoment: coffeeDate,
        coffeeTime: '14:00',
        coffeeMinutes: 45,
      });
      expect(JSON.stringify(events.map((event) => [event.data, event.metadata]))).not.toContain('wijkteam Tiel');
      // The mentor logs their first meeting on their own page: the day and minutes, nothing of what was said.
      await page.getByRole('link', { name: 'Mentor', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Gesprek vastleggen' }).waitFor();
      await page.locator('#meeting-minutes').fill('50');
      await page.getByRole('button', { name: 'Gesprek vastleggen' }).click();
      await page.getByText(`Vastgelegd: gesprek met ${hireId}`, { exact: false }).waitFor();
      await expectAccessible(page, 'mentor meeting logged');
      await page.screenshot({ path: join(SCREENSHOTS, 'mentor-meeting.png'), fullPage: true });
      const meetings = [];
      for await (const event of suite.system.store.readStream(hireStreamName({ organisationId, hireId })))
        if (event.type === 'MentorMeetingLogged') meetings.push(event.data);
      expect(meetings).toEqual([expect.objectContaining({ mentorRef: 'ms-joris', minutes: 50, loggedBy: 'mentor' })]);
      // Erasing the mentor removes what they wrote.
      expect(await suite.system.directory.mentorIntroduction({ organisationId, hireId, mentorRef: 'ms-joris' })).toBe(
        introduction,
      );
      await suite.system.directory.erase(organisationId, 'ms-joris');
      expect(
        await suite.system.directory.mentorIntroduction({ organisationId, hireId, mentorRef: 'ms-joris' }),
      ).toBeUndefined();
      await page.context().close();
    });

    it('refuses a coffee moment in the past, in English when asked', async () => {
      const yesterday = daysFromToday(-1);
      const answer = await asHr(
        'POST',
        `/hires/${hireId}/mentor-answer`,
        { mentorRef: 'ms-joris', accept: true, coffeeMoment: { date: yesterday, time: '10:00', durationMinutes: 30 } },
        { 'accept-language': 'en' },
      );
      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await answer.json()).toMatchObject({
        type: '/problems/coffee-moment-in-the-past',
        title: 'Coffee moment in the past',
      });
    });
  },
);
