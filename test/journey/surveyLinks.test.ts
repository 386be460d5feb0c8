import { NINETY_DAY_QUESTIONNAIRE_ID, DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { surveyAnsweredSignal } from '../../workflows/hireJourneyContract';
import { QuestionnaireStore } from '../../services/survey/questionnaireStore';
import { SurveyService } from '../../services/survey/surveyService';
import { createLogger } from '../../services/shared/logger';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { hireIdOf } from './journeyHandles';
import { JourneyHarness, ORGANISATION } from './journeyHarness';

const DAY_MS = 24 * 60 * 60 * 1000;
// The mail's sentence goes on with a full stop after the link: the token itself ends before it.
const linkIn = (text: string | undefined) => /\/app\/survey#(sst_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

/**
 * The personal survey link on the time-skipping server: the invitation carries it, an answer spends it and puts
 * SurveyTokenSpent (and nothing answered) in the hire's stream, and only the hire who did not answer is reminded.
 */
describeWithServices(['temporal-test-server'], 'the survey invitation with a personal link', () => {
  let harness: JourneyHarness;
  let survey: SurveyService;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
    survey = new SurveyService({
      store: harness.deps.survey,
      questionnaires: new QuestionnaireStore(harness.store),
      events: harness.store,
      logger: createLogger('test', 'warn'),
    });
  });
  afterAll(async () => harness?.stop());

  it('reminds only the hire whose link is unspent, and records of the other only that they answered', async () => {
    // Started 95 days ago: the invitation is due today, the reminder (a week after day 90) in two days.
    const answering = await harness.startJourney({ startsInDays: -95, hireEmail: 'antwoordt@voorbeeld.test' });
    const silent = await harness.startJourney({ startsInDays: -95, hireEmail: 'zwijgt@voorbeeld.test' });
    const invitationOf = async (email: string) =>
      waitFor(
        async () =>
          harness.smtp
            .to(email)
            .map((mail) => linkIn(mail.parsed.text))
            .filter(Boolean),
        (links) => links.length === 1,
        30_000,
      );
    const [token] = await invitationOf('antwoordt@voorbeeld.test');
    const [otherToken] = await invitationOf('zwijgt@voorbeeld.test');
    expect(token).not.toBe(otherToken);

    const answers = DEFAULT_QUESTIONNAIRE.items.map((item) =>
      item.kind === 'open'
        ? { itemId: item.id, text: 'Een vaste mentor vanaf dag één.' }
        : { itemId: item.id, value: item.kind === 'enps' ? 8 : 4 },
    );
    const spentBy = await survey.submit(token!, answers);
    expect(spentBy).toEqual({ organisationId: ORGANISATION, hireId: hireIdOf(answering) });
    await answering.signal(surveyAnsweredSignal);
    await waitFor(
      () => harness.eventTypes(hireIdOf(answering)),
      (types) => types.includes('SurveyTokenSpent'),
      30_000,
    );

    await harness.env.sleep(3 * DAY_MS);
    await waitFor(
      () => harness.eventTypes(hireIdOf(silent)),
      (types) => types.includes('SurveyReminderSent'),
      30_000,
    );
    const reminded = harness.smtp
      .to('zwijgt@voorbeeld.test')
      .map((mail) => linkIn(mail.parsed.text))
      .filter(Boolean);
    expect(reminded).toEqual([otherToken, otherToken]);
    expect(
      harness.smtp
        .to('antwoordt@voorbeeld.test')
        .map((mail) => linkIn(mail.parsed.text))
        .filter(Boolean),
    ).toEqual([token]);
    const answeringTypes = await harness.eventTypes(hireIdOf(answering));
    expect(answeringTypes).not.toContain('SurveyReminderSent');
    // Nothing of what was answered, in any event of the hire's stream.
    const stream = JSON.stringify(
      (await harness.events(hireIdOf(answering))).map((event) => ({
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      })),
    );
    expect(stream).not.toContain('vaste mentor');
    expect(stream).not.toContain(token!.slice(4, 20));
    expect(
      (await harness.deps.survey.invitationOf(ORGANISATION, hireIdOf(answering), NINETY_DAY_QUESTIONNAIRE_ID))?.spent,
    ).toBe(true);
    expect(
      (await harness.deps.survey.invitationOf(ORGANISATION, hireIdOf(silent), NINETY_DAY_QUESTIONNAIRE_ID))?.spent,
    ).toBe(false);
  });
});
