import { randomUUID } from 'node:crypto';
import type { MagicLinkScope } from '../../services/auth/magicLinks';
import { hireStreamName } from '../../services/event-store/streamNames';
import { type ApiSend, apiRequest, requestsWithApiKey } from '../support/apiRequest';
import { hireInTiel, mentorInTiel, registerHire } from '../support/hireRegistrations';
import { readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';
import { daysFromToday } from '../support/daysFromToday';

/**
 * A magic link opens a session as one person in one role, and the permission table does the rest: the new hire
 * reaches their own journey and nothing else, the mentor the hire they are asked for, neither anything HR does.
 */
describeWithServices(['temporal'], 'magic links', () => {
  let system: RunningSystem;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const hireA = `h-a-${randomUUID().slice(0, 8)}`;
  const hireB = `h-b-${randomUUID().slice(0, 8)}`;
  /** The scope of hire A's welcome mail: their own journey, as the new hire. */
  const WELCOME_A = { personRef: hireA, role: 'new-hire', purpose: 'welcome', hireId: hireA } as const;
  let admin: ApiSend;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, auth: 'required', smtpUrl: smtp.url });
    admin = requestsWithApiKey(system, organisationId, 'admin');
    // Each hire is asked the mentor of their own team.
    for (const [mentorRef, team] of [
      ['ms-noord', 'Team Noord'],
      ['ms-zuid', 'Team Zuid'],
    ] as const) {
      expect((await admin('PUT', `/mentors/${mentorRef}`, mentorInTiel(team))).status).toBe(200);
    }
    for (const [hireId, team] of [
      [hireA, 'Team Noord'],
      [hireB, 'Team Zuid'],
    ] as const) {
      await registerHire(admin, hireInTiel(hireId, '2027-03-01', { team }));
    }
    for (const hireId of [hireA, hireB]) {
      await waitFor(
        async () => readJson(await admin('GET', `/hires/${hireId}`)),
        (view) => view.mentor?.status === 'asked',
        30_000,
      );
    }
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const redeem = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}/sessions/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ token }),
    });

  async function sessionFor(scope: Omit<MagicLinkScope, 'organisationId'>) {
    const response = await redeem(system.magicLinks.signer.issueLink({ organisationId, ...scope }));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session = (await response.json()) as {
      token: string;
      role: string;
      personRef: string;
      hireId: string;
      organisationId: string;
    };
    expect(session).toMatchObject({ organisationId, ...scope });
    return (method: string, path: string, body?: unknown, organisation = organisationId) =>
      apiRequest(system.baseUrl, organisation, method, path, body, {
        authorization: `Bearer ${session.token}`,
        'idempotency-key': randomUUID(),
      });
  }

  async function expectProblem(response: Response, status: number, type: string) {
    const body = await response.text();
    expect(`${response.status} ${response.headers.get('content-type')} ${body}`).toMatch(
      new RegExp(`^${status} application/problem\\+json.*"type":"${type.replace(/[/+]/g, '\\$&')}"`),
    );
  }

  it('lets the new hire read their own journey, and no other hire', async () => {
    const asNewHire = await sessionFor(WELCOME_A);
    expect((await readJson(await asNewHire('GET', `/hires/${hireA}`))).hireId).toBe(hireA);
    await expectProblem(await asNewHire('GET', `/hires/${hireB}`), 404, '/problems/hire-not-found');
    expect(
      ((await readJson(await asNewHire('GET', '/hires'))).hires as { hireId: string }[]).map((hire) => hire.hireId),
    ).toEqual([hireA]);
  });

  it('lets the new hire do nothing another role does', async () => {
    const asNewHire = await sessionFor(WELCOME_A);
    await expectProblem(
      await asNewHire('POST', `/hires/${hireA}/mentor-answer`, { mentorRef: 'ms-noord', accept: true }),
      403,
      '/problems/forbidden',
    );
    await expectProblem(
      await asNewHire('PUT', `/hires/${hireA}/start-date`, { startDate: '2027-03-08' }),
      403,
      '/problems/forbidden',
    );
    await expectProblem(await asNewHire('GET', `/hires/${hireA}/history`), 403, '/problems/forbidden');
    await expectProblem(await asNewHire('GET', '/api-keys'), 403, '/problems/forbidden');
  });

  it('keeps the session to its organisation', async () => {
    const asNewHire = await sessionFor(WELCOME_A);
    await expectProblem(
      await asNewHire('GET', `/hires/${hireA}`, undefined, 'zorggroep-zuid'),
      403,
      '/problems/organisation-forbidden',
    );
  });

  it('lets the mentor read the hire they are asked for, and no other', async () => {
    const asMentor = await sessionFor({
      personRef: 'ms-noord',
      role: 'mentor',
      purpose: 'mentor-request',
      hireId: hireA,
    });
    expect((await readJson(await asMentor('GET', `/hires/${hireA}`))).mentor.asked).toEqual(['ms-noord']);
    await expectProblem(await asMentor('GET', `/hires/${hireB}`), 404, '/problems/hire-not-found');
    await expectProblem(
      await asMentor('PUT', `/hires/${hireA}/start-date`, { startDate: '2027-03-08' }),
      403,
      '/problems/forbidden',
    );
  });

  it('redeems a link once, in Dutch and English words', async () => {
    const link = system.magicLinks.signer.issueLink({ organisationId, ...WELCOME_A });
    expect((await redeem(link)).status).toBe(201);
    const again = await redeem(link);
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ type: '/problems/magic-link-used', title: 'Link al gebruikt' });
    expect(await (await redeem(link, { 'accept-language': 'en' })).json()).toMatchObject({
      type: '/problems/magic-link-used',
      title: 'Link already used',
    });
  });

  it('refuses a tampered link, and a session token that was tampered with', async () => {
    const link = system.magicLinks.signer.issueLink({ organisationId, ...WELCOME_A });
    const [payload, signature] = link.slice('sml_'.length).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `sml_${Buffer.from(JSON.stringify({ ...claims, p: hireB, h: hireB })).toString('base64url')}.${signature}`;
    await expectProblem(await redeem(forged), 401, '/problems/magic-link-invalid');
    await expectProblem(await redeem('no link at all'), 401, '/problems/magic-link-invalid');
    const session = system.magicLinks.signer.issueSession({ organisationId, ...WELCOME_A });
    const forgedSession = `${session.token.slice(0, -2)}AA`;
    const response = await apiRequest(system.baseUrl, organisationId, 'GET', `/hires/${hireA}`, undefined, {
      authorization: `Bearer ${forgedSession}`,
    });
    await expectProblem(response, 401, '/problems/unauthenticated');
  });

  it('mails the new hire a welcome with a link into the app that opens their own journey, once', async () => {
    const hireId = `h-m-${randomUUID().slice(0, 8)}`;
    const email = `${hireId}@example.test`;
    // Three days ahead: the welcome mail (a week before day one) is due at once.
    const startDate = daysFromToday(3);
    await registerHire(
      admin,
      hireInTiel(hireId, startDate, {
        team: 'Team Noord',
        newHire: { displayName: 'Sanne de Vries', email, language: 'nl' },
      }),
    );
    const welcome = await smtp.firstTo(email, 'Welkom');
    const link = /http:\/\/soft-landing\.test\/app\/link#(sml_[A-Za-z0-9_.-]+)/.exec(welcome.parsed.text ?? '');
    expect(link).not.toBeNull();
    const redeemed = await redeem(link![1]!);
    expect(redeemed.status).toBe(201);
    const session = (await redeemed.json()) as { token: string };
    const view = await readJson(
      await apiRequest(system.baseUrl, organisationId, 'GET', `/hires/${hireId}`, undefined, {
        authorization: `Bearer ${session.token}`,
      }),
    );
    expect(view).toMatchObject({ hireId, startDate });
    await expectProblem(await redeem(link![1]!), 410, '/problems/magic-link-used');
    // The link is the mail's, never the journey's: no event holds it.
    const text = (value: unknown) =>
      JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? String(field) : field));
    const events = await waitFor(
      async () => {
        const read: unknown[] = [];
        for await (const event of system.store.readStream(hireStreamName({ organisationId, hireId }))) read.push(event);
        return read;
      },
      (read) => text(read).includes('WelcomeMailSent'),
      20_000,
    );
    const signature = link![1]!.split('.')[1]!;
    expect(text(events)).not.toContain(signature);
    expect(text(events)).not.toContain(link![1]!.split('.')[0]!.slice(4));
  });

  it('refuses a redemption without a token as the contract says', async () => {
    const response = await fetch(`${system.baseUrl}/sessions/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expectProblem(response, 400, '/problems/invalid-request');
  });
});
