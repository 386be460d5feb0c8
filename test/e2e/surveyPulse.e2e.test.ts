import { randomUUID } from 'node:crypto';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import type { JourneyEvent } from '../../workflows/domain/journey';
import { quarterOf } from '../../workflows/domain/surveyGroups';
import { hireStreamName } from '../../services/event-store/streamNames';
import { apiRequest } from '../support/apiRequest';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

const PULSE_SUBJECT = 'Hoe gaat het na 30 dagen';
const linkIn = (text: string | undefined) => /\/app\/survey#(sst_[0-9a-f]{32}\.[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];

interface Report {
  questionnaireId: string;
  invited: number;
  overall?: { responses: number; items: { itemId: string; mean: number }[] };
  openAnswers: { itemId: string; texts: string[] }[];
}

/**
 * A template's 30-day pulse against the real parts (Temporal, the worker, the SMTP sink, the API): five new hires
 * of one team on a template with a pulse on day 30 each get the pulse mail with a personal link, answer the short
 * questionnaire through the API, and the pulse's own wave shows the answers only once all five have answered.
 */
describeWithServices(['temporal'], 'the 30-day pulse survey', () => {
  jest.setTimeout(180_000);
  let system: RunningSystem;
  let smtp: SmtpSink;
  const organisationId = `pulse-${randomUUID().slice(0, 8)}`;
  const templateId = `pulse-${randomUUID().slice(0, 6)}`;
  const hires = Array.from({ length: 5 }, (_, index) => ({
    hireId: `h-pulse-${index}-${randomUUID().slice(0, 4)}`,
    email: `pulse${index}@pulse.test`,
  }));
  const tokens = new Map<string, string>();
  const today = isoDateOfEpochMs(Date.now());
  const waveId = `pulse-30-${quarterOf(today)}`;
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, headers);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
    const { id: _id, version: _version, organisationId: _org, ...content } = rvdkTemplate;
    const template = {
      ...content,
      id: templateId,
      name: 'Met korte vragenlijst',
      survey: { ...content.survey, pulses: [{ dayOffset: 30 }] },
    };
    const published = await send('POST', '/journey-templates', template);
    expect(published.status).toBe(201);
    // Started 35 days ago: the pulse (day 30) is due at once, the 90-day survey not for weeks.
    const startDate = addDays(today, -35);
    for (const [index, hire] of hires.entries()) {
      const registered = await send(
        'POST',
        '/hires',
        {
          hireId: hire.hireId,
          startDate,
          role: 'Jeugdzorgwerker',
          team: 'Team Zuid',
          location: 'Culemborg',
          templateId,
          newHire: { displayName: `Nieuwe Collega ${index}`, email: hire.email, language: 'nl' },
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(registered.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const hireEvents = async (hireId: string): Promise<JourneyEvent[]> => {
    const events: JourneyEvent[] = [];
    for await (const event of system.store.readStream(hireStreamName({ organisationId, hireId })))
      events.push({ type: event.type, data: event.data } as unknown as JourneyEvent);
    return events;
  };
  const report = async (): Promise<Report> => {
    const response = await send('GET', `/survey-waves/${waveId}/report`);
    expect(response.status).toBe(200);
    return (await response.json()) as Report;
  };
  const answer = async (hireId: string, value: number, text?: string) => {
    const token = tokens.get(hireId)!;
    const opened = await fetch(`${system.baseUrl}/survey/invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(opened.status).toBe(200);
    const { questionnaire } = (await opened.json()) as {
      questionnaire: { id: string; name: { nl: string }; items: { id: string; kind: string }[] };
    };
    expect([questionnaire.id, questionnaire.name.nl]).toEqual(['pulse-30', 'Je eerste 30 dagen']);
    const answers = questionnaire.items.flatMap((item): { itemId: string; value?: number; text?: string }[] =>
      item.kind === 'open' ? (text ? [{ itemId: item.id, text }] : []) : [{ itemId: item.id, value }],
    );
    const response = await fetch(`${system.baseUrl}/survey/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, answers }),
    });
    expect(response.status).toBe(202);
  };

  it('mails every hire the pulse with a personal link, its own and not the 90-day survey', async () => {
    for (const hire of hires) {
      const mail = await smtp.firstTo(hire.email, PULSE_SUBJECT, 60_000);
      const text = mail.parsed.text ?? '';
      const token = linkIn(text);
      if (!token) throw new Error(`no survey link in the pulse mail:\n${text}`);
      expect(text).toContain('anoniem');
      expect(text).toContain('minstens vijf mensen');
      expect(text).not.toContain(hire.hireId);
      tokens.set(hire.hireId, token);
      // The mail goes out first, then the journey records that it did.
      const invited = await waitFor(
        async () => (await hireEvents(hire.hireId)).filter((event) => event.type === 'SurveyInvitationSent'),
        (events) => events.length > 0,
        30_000,
      );
      expect(invited.map((event) => event.data)).toEqual([
        expect.objectContaining({ itemId: 'survey-pulse-30', survey: 'pulse-30', mailDelivered: true }),
      ]);
    }
    expect(new Set(tokens.values()).size).toBe(hires.length);
    // No 90-day mail: its day is weeks away.
    expect(smtp.received.filter((mail) => mail.parsed.subject?.startsWith('Hoe waren je eerste 90 dagen'))).toEqual([]);
  });

  it("shows the pulse wave's answers only once five have answered, and each journey records its pulse answered", async () => {
    const waves = await send('GET', '/survey-waves');
    const listed = ((await waves.json()) as { waves: { waveId: string; questionnaireId: string; invited: number }[] })
      .waves;
    expect(listed).toEqual([expect.objectContaining({ waveId, questionnaireId: 'pulse-30', invited: 5 })]);

    for (const hire of hires.slice(0, 4)) await answer(hire.hireId, 4, 'Meer tijd met mijn mentor.');
    const waiting = await report();
    expect(waiting).toMatchObject({ questionnaireId: 'pulse-30', invited: 5 });
    expect(waiting.overall).toBeUndefined();
    expect(JSON.stringify(waiting)).not.toContain('Meer tijd met mijn mentor.');

    await answer(hires[4]!.hireId, 2);
    const released = await report();
    expect(released.overall?.responses).toBe(5);
    expect(released.overall?.items.find((item) => item.itemId === 'pulse-welcome')?.mean).toBeCloseTo(3.6);
    expect(released.openAnswers.find((entry) => entry.itemId === 'open-would-help-now')?.texts).toHaveLength(4);

    for (const hire of hires) {
      const spent = await waitFor(
        async () => (await hireEvents(hire.hireId)).filter((event) => event.type === 'SurveyTokenSpent'),
        (events) => events.length > 0,
        30_000,
      );
      expect(spent.map((event) => event.data)).toEqual([{ organisationId, hireId: hire.hireId, survey: 'pulse-30' }]);
    }
    // The hire's plan as the API shows it: the pulse by its title, beside the 90-day survey still to come.
    const view = await send('GET', `/hires/${hires[0]!.hireId}`);
    expect(view.status).toBe(200);
    const items = ((await view.json()) as { items?: { id: string; kind: string; title: string }[] }).items ?? [];
    expect(
      items.filter((item) => item.id.startsWith('survey-')).map(({ id, kind, title }) => [id, kind, title]),
    ).toEqual(
      expect.arrayContaining([
        ['survey-pulse-30', 'survey-pulse', 'Korte vragenlijst na 30 dagen'],
        ['survey-invitation', 'survey-invitation', 'Uitnodiging anonieme vragenlijst na 90 dagen'],
      ]),
    );
  });
});
