import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TeamWelcomeLinks } from '../../services/auth/teamWelcomeLinks';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { scanFiles } from '../support/byteScan';
import { readJson } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';
import { teamNoordHireWithManager } from '../support/hireRegistrations';

/**
 * The team's welcome, against the running system: the manager is mailed one link for the team, colleagues write
 * through it without signing in, the hire's stream records only an id, the welcome mail quotes what arrived by its
 * day, and erasing the hire leaves no byte of what was written in any file the deployment wrote.
 */
describeWithServices(['temporal'], "the team's welcome", () => {
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const today = isoDateOfEpochMs(Date.now());
  const manager = { displayName: 'Margriet Leidinga', email: 'margriet.leidinga@jeugdzorg.test', language: 'nl' };
  // Texts nobody else in the files could have: every occurrence found is theirs.
  const author = 'Quirijn Welkomstra-Tafelberg';
  const text = 'Wij kijken uit naar jouw verhalen over de Zeeuwse kust en de eerste casusbespreking samen!';
  let dataDir: string;
  let smtp: SmtpSink;
  let system: RunningSystem;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-team-welcome-'));
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url, dataDir });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, { 'idempotency-key': randomUUID(), ...headers });
  const publicPost = (path: string, body: unknown, language = 'nl') =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify(body),
    });
  const register = (hireId: string, startDate: string, newHireName: string) =>
    send('POST', '/hires', teamNoordHireWithManager(hireId, startDate, manager, newHireName));

  it('mails the manager one link for the team; a colleague writes; the stream records only the id', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(hireId, addDays(today, 20), 'Sanne de Vries')).status).toBe(201);
    const mail = await waitFor(
      async () => smtp.to(manager.email).find((received) => received.parsed.subject?.includes('Sanne de Vries')),
      (found) => found !== undefined,
      30_000,
    );
    expect(mail!.parsed.subject).toBe('Heet Sanne de Vries welkom: een berichtje van het team');
    const token = /\/app\/team-welcome#(\S+)/.exec(mail!.parsed.text ?? '')?.[1];
    expect(token).toMatch(/^stw_/);

    const opened = await publicPost('/team-welcome/invitation', { token });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({
      organisationId,
      hireName: 'Sanne de Vries',
      startDate: addDays(today, 20),
    });

    // Bad input: problem+json, Dutch by default, English when asked; nothing kept.
    const blank = await publicPost('/team-welcome/messages', { token, authorName: 'Joost', text: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const blankBody = (await blank.json()) as { errors: { pointer: string; detail: string }[] };
    expect(blankBody.errors).toEqual([
      { pointer: '/text', detail: 'mag niet leeg zijn of alleen uit spaties bestaan' },
    ]);
    const long = await publicPost(
      '/team-welcome/messages',
      { token, authorName: 'Joost', text: 'x'.repeat(501) },
      'en',
    );
    expect(long.status).toBe(400);
    expect(JSON.stringify(await long.json())).toContain('must NOT have more than 500 characters');
    const forged = await publicPost('/team-welcome/messages', { token: `${token}x`, authorName: 'Joost', text: 'Hoi' });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { type: string }).type).toBe('/problems/team-welcome-link-invalid');

    const written = await publicPost('/team-welcome/messages', { token, authorName: author, text });
    expect(written.status).toBe(201);
    const { messageId } = (await written.json()) as { messageId: string };
    const again = await publicPost('/team-welcome/messages', { token, authorName: 'Joost', text: 'Tot snel!' });
    expect(again.status).toBe(201);

    const list = await readJson(await send('GET', `/hires/${hireId}/team-welcome-messages`));
    expect(list.items.map((item: { authorName: string; text: string }) => [item.authorName, item.text])).toEqual([
      [author, text],
      ['Joost', 'Tot snel!'],
    ]);

    const history = await waitFor(
      async () => readJson(await send('GET', `/hires/${hireId}/history`)),
      (answer) => answer.events.filter((event: { type: string }) => event.type === 'TeamWelcomeWritten').length === 2,
      30_000,
    );
    const recorded = history.events.find((event: { type: string }) => event.type === 'TeamWelcomeWritten');
    expect(recorded.data).toEqual({ organisationId, hireId, messageId });
    expect(JSON.stringify(history)).not.toContain(author);
  });

  it('refuses the link from day one on', async () => {
    const token = new TeamWelcomeLinks(system.magicLinks.signer).issue({
      organisationId,
      hireId: 'h-started',
      startDate: today,
    });
    const late = await publicPost('/team-welcome/messages', { token, authorName: 'Joost', text: 'Hoi' }, 'en');
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({
      type: '/problems/team-welcome-link-expired',
      title: 'Welcome link expired',
    });
  });

  it('follows a moved start date: the forwarded link lasts until the new day one, later or earlier', async () => {
    const links = new TeamWelcomeLinks(system.magicLinks.signer);
    // Mailed for a start of today, then the start moved ten days on: the link the team has is open again.
    const later = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(later, addDays(today, 10), 'Lotte Verschoven')).status).toBe(201);
    await waitFor(
      async () => readJson(await send('GET', `/hires/${later}/history`)),
      (answer) => answer.events?.some((event: { type: string }) => event.type === 'JourneyStarted') === true,
      30_000,
    );
    const oldMail = links.issue({ organisationId, hireId: later, startDate: today });
    const opened = await publicPost('/team-welcome/invitation', { token: oldMail });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ startDate: addDays(today, 10) });
    expect(
      (await publicPost('/team-welcome/messages', { token: oldMail, authorName: 'Joost', text: 'Hoi' })).status,
    ).toBe(201);

    // Mailed for a start five days ahead, then moved to today: from the new day one the link is refused.
    const earlier = `h-${randomUUID().slice(0, 8)}`;
    expect((await register(earlier, addDays(today, 5), 'Daan Vroegop')).status).toBe(201);
    const token = links.issue({ organisationId, hireId: earlier, startDate: addDays(today, 5) });
    expect((await publicPost('/team-welcome/invitation', { token })).status).toBe(200);
    expect((await send('PUT', `/hires/${earlier}/start-date`, { startDate: today })).status).toBe(200);
    await waitFor(
      async () => readJson(await send('GET', `/hires/${earlier}/history`)),
      (answer) => answer.events.some((event: { type: string }) => event.type === 'StartDateChanged'),
      30_000,
    );
    const refused = await publicPost('/team-welcome/messages', { token, authorName: 'Joost', text: 'Hoi' });
    expect(refused.status).toBe(410);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/team-welcome-link-expired');
  });

  it('quotes the messages in the welcome mail, read when it is sent, and erasure leaves no byte of them', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const erasedAuthor = 'Ysbrand Vergeetmeniet-Oortwijn';
    const erasedText = 'Welkom! We verheugen ons op je eerste huisbezoek met Ysbrand en op de taart in de teamkamer.';
    // The welcome mail is due a week ahead, so a start a week from now sends it at once: the team wrote before.
    const startDate = addDays(today, 7);
    const token = new TeamWelcomeLinks(system.magicLinks.signer).issue({ organisationId, hireId, startDate });
    expect(
      (await publicPost('/team-welcome/messages', { token, authorName: erasedAuthor, text: erasedText })).status,
    ).toBe(201);
    expect((await register(hireId, startDate, 'Fenna Jansen')).status).toBe(201);
    const welcome = await waitFor(
      async () => smtp.to(`${hireId}@voorbeeld.test`).find((mail) => mail.parsed.subject?.startsWith('Welkom bij')),
      (found) => found !== undefined,
      30_000,
    );
    expect(welcome!.parsed.text).toContain(`Je team schreef je alvast:\n\n"${erasedText}"\n— ${erasedAuthor}`);
    expect(scanFiles(dataDir, [erasedText, erasedAuthor]).occurrences).toBeGreaterThan(0);

    expect((await send('DELETE', `/people/${hireId}`)).status).toBe(204);
    expect((await readJson(await send('GET', `/hires/${hireId}/team-welcome-messages`))).items).toEqual([]);
    const scan = scanFiles(dataDir, [erasedText, erasedAuthor]);
    console.info(`after erasure: scanned ${scan.files} files (${scan.bytes} bytes): ${JSON.stringify(scan.found)}`);
    expect(scan.found).toEqual([]);
    expect(scan.occurrences).toBe(0);
  });
});
