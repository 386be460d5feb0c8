import { randomUUID } from 'node:crypto';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { expectProblem, readJson } from '../support/httpAnswers';
import { apiRequest } from '../support/apiRequest';

/** Stage 1, profielbepaling: a vacancy profile defined through the API drives the hire registered against it. */
describeWithServices(['temporal'], 'vacancy profiles driving hire registration', () => {
  let system: RunningSystem;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const profileId = 'jeugdzorgwerker-noord';
  const profile = {
    role: 'Jeugdzorgwerker',
    team: 'Team Noord',
    location: 'Tiel',
    expectations: ['Begeleidt gezinnen zelfstandig na de inwerkperiode', 'Neemt deel aan intervisie'],
    talents: ['Verbinden', 'Veerkracht'],
    offer: ['Eerste maand zonder caseload', 'Een mentor in het eerste jaar', 'Twee jaar opleiding in vier producten'],
    templateId: 'rvdk-two-year-programme',
    contactPersonRef: 'hr-anna',
  };

  beforeAll(async () => {
    system = await startSystem({ kafka: false });
  });
  afterAll(async () => {
    await system?.stop();
  });

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const register = (hire: Record<string, unknown>) => send('POST', '/hires', hire, { 'idempotency-key': randomUUID() });

  it('defines a profile and publishes its next version; a stale version is refused with 409', async () => {
    const first = await send('PUT', `/vacancy-profiles/${profileId}`, { version: 1, ...profile });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: profileId, organisationId, version: 1, ...profile });

    const second = await send('PUT', `/vacancy-profiles/${profileId}`, {
      ...profile,
      version: 2,
      talents: [...profile.talents, 'Reflectie'],
    });
    expect(second.status).toBe(200);

    await expectProblem(
      await send('PUT', `/vacancy-profiles/${profileId}`, { ...profile, version: 2, talents: ['Anders'] }),
      409,
      {
        title: 'Verouderde versie',
        detail: expect.stringContaining('de volgende is versie 3'),
      },
    );
    await expectProblem(await send('PUT', `/vacancy-profiles/${profileId}`, { ...profile, version: 5 }), 409, {});

    const latest = await (await send('GET', `/vacancy-profiles/${profileId}`)).json();
    expect(latest).toMatchObject({ version: 2, talents: ['Verbinden', 'Veerkracht', 'Reflectie'] });
    const { profiles } = await readJson(await send('GET', '/vacancy-profiles'));
    expect(profiles).toEqual([expect.objectContaining({ id: profileId, version: 2 })]);
    await expectProblem(await send('GET', '/vacancy-profiles/no-such-profile'), 404, {
      title: 'Vacatureprofiel niet gevonden',
    });
  });

  it('refuses a profile naming an unknown template, and a body without the required lists', async () => {
    await expectProblem(
      await send('PUT', '/vacancy-profiles/other', { ...profile, version: 1, templateId: 'no-such-template' }),
      422,
      {
        title: 'Sjabloon niet gevonden',
      },
    );
    const { expectations: _omitted, ...incomplete } = profile;
    await expectProblem(await send('PUT', '/vacancy-profiles/other', { ...incomplete, version: 1 }), 400, {});
  });

  it('registers a hire with only id, start date and profile: role, team and template come from the profile', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const response = await register({ hireId, startDate: '2027-03-01', vacancyProfileId: profileId });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      hireId,
      role: 'Jeugdzorgwerker',
      team: 'Team Noord',
      templateId: 'rvdk-two-year-programme',
    });

    const view = await waitFor(
      async () => (await send('GET', `/hires/${hireId}`)).json(),
      (journey: any) => Array.isArray(journey.items),
      20_000,
    );
    expect(view).toMatchObject({ role: 'Jeugdzorgwerker', team: 'Team Noord', templateId: 'rvdk-two-year-programme' });

    const { events } = await readJson(await send('GET', `/hires/${hireId}/history`));
    const registered = events.find((event: { type: string }) => event.type === 'HireRegistered');
    expect(registered.data).toMatchObject({
      role: 'Jeugdzorgwerker',
      team: 'Team Noord',
      location: 'Tiel',
      vacancyProfileId: profileId,
      vacancyProfileVersion: 2,
    });
  });

  it('lets explicit fields win over the profile', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const response = await register({
      hireId,
      startDate: '2027-03-01',
      vacancyProfileId: profileId,
      team: 'Team Zuid',
      templateId: 'rivierenland-team',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      role: 'Jeugdzorgwerker',
      team: 'Team Zuid',
      templateId: 'rivierenland-team',
    });
  });

  it('refuses an unknown profile with 422, and a hire with neither role nor profile with 400', async () => {
    await expectProblem(
      await register({
        hireId: `h-${randomUUID().slice(0, 8)}`,
        startDate: '2027-03-01',
        vacancyProfileId: 'no-such-profile',
      }),
      422,
      {
        title: 'Vacatureprofiel niet gevonden',
        detail: expect.stringContaining('no-such-profile'),
      },
    );
    await expectProblem(await register({ hireId: `h-${randomUUID().slice(0, 8)}`, startDate: '2027-03-01' }), 400, {});
  });
});
