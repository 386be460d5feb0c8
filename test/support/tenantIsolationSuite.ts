import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { KafkaMessage } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { parse } from 'yaml';
import { auditStreamName } from '../../services/audit/auditTrail';
import type { ApiKeys } from '../../services/auth/apiKeys';
import type { MagicLinkSigner } from '../../services/auth/magicLinks';
import type { EventStore, RecordedEvent } from '../../services/event-store/eventStore';
import type { TopicRouting } from '../../services/relay/topics';
import type { WebhookDeliveryOptions } from '../../services/webhooks/webhookDispatcher';
import { HIRE_STREAM_PREFIX, hireStreamName, parseHireStreamName } from '../../services/event-store/streamNames';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import { type ContractOperation, OPENAPI_FILE, contractOperations } from './contractOperations';
import { type ServiceName, describeWithServices } from './serviceAvailability';
import { waitFor } from './waitFor';
import { consumeUntil } from './kafkaConsumer';
import { mentorInTiel } from './hireRegistrations';
import { type ReceivedWebhook, type WebhookReceiver, startWebhookReceiver } from './webhookReceiver';
import { PUBLIC_OPERATIONS } from '../../services/auth/permissions';

/**
 * What the suite needs of a running system: where to send requests, the stores to issue keys and mailed links in,
 * the event store and the people directory every process of it writes, and the run's Kafka topics. The in-process
 * system (test/support/runningSystem.ts) is one; the replicas behind a round-robin proxy
 * (test/support/replicaSystem.ts) are another, so one suite holds for both.
 */
export interface TenantIsolationSystem {
  readonly baseUrl: string;
  readonly apiKeys: Pick<ApiKeys, 'issue' | 'list'>;
  readonly magicLinks: { readonly signer: MagicLinkSigner };
  /** As the services read it: what the suite compares the API's answers, webhooks and messages with. */
  readonly store: Pick<EventStore, 'readStream' | 'readAll'>;
  /**
   * The contact rows of an organisation as the people directory stores them (SQLite's rows, or PostgreSQL's sealed
   * ones), to compare before and after: whatever an intruder changed in them shows.
   */
  contactsOf(organisationId: string): Promise<unknown[]>;
  /** Topics of this run only, where the relay publishes. */
  readonly topics: TopicRouting;
  stop(): Promise<void>;
}

/**
 * How `start` must run the system: API keys or OIDC tokens required (no dev mode), the relay to Kafka, and the
 * webhook dispatcher delivering to the suite's receivers on loopback, quickly enough for a test.
 */
export const TENANT_ISOLATION_SETTINGS = {
  auth: 'required',
  kafka: true,
  webhookAllowedHosts: ['127.0.0.1'],
  webhookDelivery: { maxAttempts: 3, backoffMs: 100, timeoutMs: 2_000 },
} as const satisfies {
  auth: 'required';
  kafka: true;
  webhookAllowedHosts: readonly string[];
  webhookDelivery: Partial<WebhookDeliveryOptions>;
};

/**
 * Issue #6: every request is scoped to one organisation. Two organisations on one running system (API with
 * required credentials, real Temporal, the relay to real Kafka, the webhook dispatcher to a real HTTP receiver per
 * organisation), seeded alike and sharing some ids on purpose; then A tries every operation of the contract on B,
 * reads its own lists, histories and exports, and both read their webhooks and the run's Kafka topics. Nothing of
 * one may show up at, or be changed by, the other.
 */
export function describeTenantIsolation(
  title: string,
  services: readonly ServiceName[],
  start: () => Promise<TenantIsolationSystem>,
  startTimeoutMs = 90_000,
): void {
  describeWithServices(services, title, () => {
    const run = randomUUID().slice(0, 8);
    /** Ids both organisations use for their own, different things. */
    const SHARED_HIRE = `h-shared-${run}`;
    const SHARED_MANAGER = `mgr-shared-${run}`;
    const SUBSCRIPTION = 'isolation';
    /** One Idempotency-Key for both registrations of the shared hire: keys belong to an organisation. */
    const SHARED_REGISTRATION_KEY = `registration-${run}`;
    // B's id starts with A's: a read by stream prefix that loses its '.' separator would mix the two.
    const A = tenant(`iso-${run}`, 'a', { role: `Jeugdzorgwerker A${run}`, startDate: '2027-03-01' });
    const B = tenant(`iso-${run}-b`, 'b', { role: `Gezinsvoogd B${run}`, startDate: '2027-04-12' });
    const TENANTS = [A, B] as const;

    let system: TenantIsolationSystem;

    beforeAll(async () => {
      await Promise.all(TENANTS.map(async (t) => (t.receiver = await startWebhookReceiver())));
      system = await start();
      for (const t of TENANTS) {
        const admin = await system.apiKeys.issue({
          organisationId: t.id,
          roles: ['admin'],
          label: `admin ${t.id}`,
          createdBy: 'test',
        });
        t.admin = { token: admin.token, organisationId: t.id };
        t.adminKeyId = admin.keyId;
        t.adminActor = `api-key:${admin.keyId}`;
      }
      await Promise.all(TENANTS.map(seed));
      await Promise.all(TENANTS.flatMap((t) => t.hireIds().map((hireId) => settled(t, hireId))));
    }, startTimeoutMs);
    afterAll(async () => {
      await system?.stop();
      await Promise.all(TENANTS.map((t) => t.receiver?.close()));
    });

    // ---- the two organisations ----

    interface Tenant {
      readonly id: string;
      readonly role: string;
      readonly startDate: string;
      readonly team: string;
      readonly templateId: string;
      /** A milestone only this organisation's template has. */
      readonly milestoneId: string;
      readonly profileId: string;
      readonly mentorRef: string;
      readonly onlyHireId: string;
      readonly onlyHireManager: string;
      readonly hrEmail: string;
      readonly secret: string;
      receiver: WebhookReceiver;
      admin: Caller;
      adminKeyId: string;
      adminActor: string;
      /** Per hire, a task the journey has open: a real item id for commands on it. */
      readonly openItems: Map<string, string>;
      hireIds(): string[];
      /** Where its subscription sends its events. */
      webhookUrl(): string;
    }

    function tenant(id: string, tag: string, fields: Pick<Tenant, 'role' | 'startDate'>): Tenant {
      return {
        id,
        ...fields,
        team: `Team ${tag.toUpperCase()}${run}`,
        templateId: `tpl-${tag}-${run}`,
        milestoneId: `intervision-${tag}-${run}`,
        profileId: `vp-${tag}-${run}`,
        mentorRef: `m-${tag}-${run}`,
        onlyHireId: `h-only-${tag}-${run}`,
        // A's own hire has a manager of its own; in B both hires have the manager whose reference A also uses.
        onlyHireManager: tag === 'a' ? `mgr-a-${run}` : SHARED_MANAGER,
        hrEmail: `hr-${tag}-${run}@${id}.test`,
        secret: `whsec_${randomBytes(32).toString('base64')}`,
        receiver: undefined as unknown as WebhookReceiver,
        admin: undefined as unknown as Caller,
        adminKeyId: '',
        adminActor: '',
        openItems: new Map(),
        hireIds() {
          return [SHARED_HIRE, this.onlyHireId];
        },
        webhookUrl() {
          return `${this.receiver.url}/events`;
        },
      };
    }

    const templateContent = (t: Tenant) => {
      const { id: _id, version: _version, organisationId: _organisationId, ...content } = rvdkTemplate;
      const milestone = {
        id: t.milestoneId,
        kind: 'intervision',
        title: `Intervisie ${t.team}`,
        dueOffsetDays: 60,
        responsibleRole: 'mentor',
        reminderOffsetDays: -7,
        escalationOffsetDays: 7,
      };
      return { ...content, name: `Inwerken ${t.team}`, milestones: [...content.milestones, milestone] };
    };

    const vacancyProfile = (t: Tenant, version: number) => ({
      version,
      role: t.role,
      team: t.team,
      location: 'Tiel',
      expectations: [`Begeleidt gezinnen in ${t.team}`],
      talents: ['Verbinden'],
      offer: ['Een mentor in het eerste jaar'],
      templateId: t.templateId,
    });

    const mentorOffer = (t: Tenant, active: boolean) =>
      mentorInTiel(t.team, {
        maxMentees: 4,
        active,
        contact: { displayName: `Mentor ${t.team}`, email: `${t.mentorRef}@${t.id}.test` },
      });

    /** Seeded through the API, as a client would: subscription first, so the hires' events are delivered. */
    async function seed(t: Tenant): Promise<void> {
      const as = t.admin;
      ok(
        await call(as, 'PUT', `/webhooks/${SUBSCRIPTION}`, {
          body: { url: t.webhookUrl(), eventTypes: ['*'], secret: t.secret },
        }),
      );
      ok(await call(as, 'PUT', '/mailboxes/hr', { body: { displayName: `HR ${t.team}`, email: t.hrEmail } }));
      ok(await call(as, 'POST', '/journey-templates', { body: { ...templateContent(t), id: t.templateId } }));
      ok(await call(as, 'PUT', `/vacancy-profiles/${t.profileId}`, { body: vacancyProfile(t, 1) }));
      ok(await call(as, 'PUT', `/mentors/${t.mentorRef}`, { body: mentorOffer(t, true) }));
      const newHire = (hireId: string) => ({
        displayName: `Nieuwe collega ${hireId}`,
        email: `${hireId}@${t.id}.test`,
      });
      ok(
        await call(as, 'POST', '/hires', {
          headers: { 'idempotency-key': SHARED_REGISTRATION_KEY },
          body: {
            hireId: SHARED_HIRE,
            startDate: t.startDate,
            role: t.role,
            team: t.team,
            templateId: t.templateId,
            managerRef: SHARED_MANAGER,
            newHire: newHire(SHARED_HIRE),
          },
        }),
      );
      ok(
        await call(as, 'POST', '/hires', {
          headers: { 'idempotency-key': randomUUID() },
          body: {
            hireId: t.onlyHireId,
            startDate: t.startDate,
            vacancyProfileId: t.profileId,
            managerRef: t.onlyHireManager,
            newHire: newHire(t.onlyHireId),
          },
        }),
      );
    }

    /**
     * The journey's first steps are recorded (registered, started, a mentor asked) and projected; its next step is
     * months away, so from here on nothing of it moves unless someone sends a command. The recorded event is what
     * counts: the journey's view says "asked" a moment before the event is stored.
     */
    async function settled(t: Tenant, hireId: string): Promise<void> {
      const stream = hireStreamName({ organisationId: t.id, hireId });
      await waitFor(
        async () => (await eventsOf(stream)).map((event) => event.type),
        (types) => types.includes('MentorRequested'),
        30_000,
      );
      await waitFor(
        async () =>
          ((await get(t.admin, '/hires?limit=500')).hires as { hireId: string; mentorStatus?: string }[]).find(
            (hire) => hire.hireId === hireId,
          ),
        (hire) => hire?.mentorStatus === 'asked',
        30_000,
      );
      const items = (await get(t.admin, `/hires/${hireId}`)).items as Item[];
      t.openItems.set(hireId, items.find((item) => item.status === 'open' && item.ownerRole !== null)!.id);
    }

    // ---- HTTP ----

    /** Who calls (the credential) and which organisation the request claims (X-Organisation-Id). */
    interface Caller {
      readonly token: string;
      readonly organisationId: string;
    }
    interface Answer {
      readonly status: number;
      readonly contentType: string;
      readonly headers: Headers;
      readonly text: string;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
      json(): any;
    }

    async function call(
      caller: Caller,
      method: string,
      path: string,
      options: { body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<Answer> {
      const response = await fetch(`${system.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${caller.token}`,
          'x-organisation-id': caller.organisationId,
          'content-type': 'application/json',
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        headers: response.headers,
        text,
        json: () => JSON.parse(text),
      };
    }

    /** 2xx or a failure that shows what the server said. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
    function ok(answer: Answer): any {
      if (answer.status < 200 || answer.status > 299)
        throw new Error(`expected 2xx, got ${answer.status}: ${answer.text}`);
      return answer.text === '' ? undefined : answer.json();
    }

    const get = async (caller: Caller, path: string) => ok(await call(caller, 'GET', path));
    const hireIdsOf = async (caller: Caller) =>
      ((await get(caller, '/hires?limit=500')).hires as { hireId: string }[]).map((hire) => hire.hireId);

    /** A caller of A with B's mentor's person reference neither sees B's hires nor answers B's mentor requests. */
    async function expectNoMentorOfBsHires(mentor: Caller): Promise<void> {
      for (const hireId of B.hireIds()) {
        expect((await call(mentor, 'GET', `/hires/${hireId}`)).status).toBe(404);
        const answer = await call(mentor, 'POST', `/hires/${hireId}/mentor-answer`, {
          headers: { 'idempotency-key': randomUUID() },
          body: { mentorRef: B.mentorRef, accept: true },
        });
        expect(answer.status).toBe(404);
      }
    }

    // ---- the contract's operations ----

    // No organisation to cross: the platform's endpoints, and redeeming a magic link (the link names its organisation).
    // The survey page's calls too: the personal link names its organisation, and a claimed other one is refused.
    // PUBLIC_OPERATIONS is pinned word for word by test/auth/permissionTable.test.ts.
    const PLATFORM_OPERATIONS = new Set<string>(PUBLIC_OPERATIONS);

    /**
     * The contract's operation ids read another way than contractOperations (every `operationId:` line of the
     * file's text), so an operation that walk of paths and methods misses is missing from the suite's coverage.
     */
    function operationIdsInContractText(): string[] {
      const text = readFileSync(OPENAPI_FILE, 'utf8');
      const ids = [...text.matchAll(/^\s+operationId:\s*['"]?([A-Za-z0-9_]+)['"]?\s*$/gm)].map((match) => match[1]!);
      expect(ids.length).toBeGreaterThan(20);
      return ids;
    }

    const tenantOperations = () =>
      contractOperations().filter((operation) => !PLATFORM_OPERATIONS.has(operation.operationId));

    interface Item {
      readonly id: string;
      readonly ownerRole: string | null;
      readonly status: string;
      readonly dueDate: string;
    }

    /**
     * The request each operation would make to `target`'s data, valid and with an effect had it been let through
     * (move a date, redirect a webhook, erase a person, …), so a refusal is what keeps B as it was. An operation
     * missing here is still tried, with an empty body: the organisation is refused before the body is looked at.
     */
    function requestFor(
      operation: ContractOperation,
      target: Tenant,
      hireId: string,
    ): { path: string; body?: unknown; headers: Record<string, string> } {
      const values: Record<string, string> = {
        hireId,
        itemId: target.openItems.get(hireId) ?? target.openItems.get(target.onlyHireId)!,
        templateId: target.templateId,
        profileId: target.profileId,
        subscriptionId: SUBSCRIPTION,
        mentorRef: target.mentorRef,
        role: 'hr',
        personRef: target.onlyHireId,
        keyId: target.adminKeyId,
        version: '1',
        questionnaireId: 'ninety-days',
        waveId: 'ninety-days-2026-Q4',
        // Any id: the refusal comes before the answer is looked up, and B's answers must stay as they are.
        answerId: 'open-answer-of-b',
        // A year over and a topic task id as the yearly analysis names them; B has neither, and must get none.
        year: '2025',
        taskId: 'ninety-days-2025-recruitment',
      };
      const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
        const value = values[name];
        if (value === undefined)
          throw new Error(
            `${operation.operationId}: no id of the other organisation for {${name}}; add one to requestFor`,
          );
        return encodeURIComponent(value);
      });
      const BODIES: Record<string, unknown> = {
        registerHire: { hireId: `h-intruder-${run}`, startDate: '2027-05-01', role: 'Indringer' },
        completeTask: {},
        answerMentorRequest: { mentorRef: target.mentorRef, accept: true },
        logMentorMeeting: { on: '2026-11-02', minutes: 30 },
        changeStartDate: { startDate: '2027-09-01' },
        withdrawCandidate: { reason: 'Ingetrokken door een andere organisatie' },
        registerTermination: { lastWorkingDay: '2027-10-01' },
        recordExitInterview: { reasons: ['other'] },
        changeLearningLine: { change: { kind: 'drop-milestone', milestoneId: target.milestoneId } },
        changePlanItem: { change: { kind: 'drop-item', itemId: 'welcome-mail' }, reason: 'Overgenomen' },
        startLeave: { from: '2027-06-01' },
        endLeave: { until: '2027-07-01' },
        createJourneyTemplate: { ...templateContent(target), id: `tpl-intruder-${run}` },
        publishJourneyTemplateVersion: { ...templateContent(target), name: 'Overgenomen', version: 2 },
        defineVacancyProfile: { ...vacancyProfile(target, 2), role: 'Overgenomen' },
        saveWebhookSubscription: {
          url: `${A.receiver.url}/stolen`,
          eventTypes: ['*'],
          secret: `whsec_${randomBytes(32).toString('base64')}`,
        },
        offerMentor: mentorOffer(target, false),
        setMailbox: { displayName: 'Overgenomen', email: 'intruder@example.test' },
        issueApiKey: { roles: ['admin'], label: 'Indringer' },
        saveCostSettings: { version: 1, lines: [{ line: 'interviews', hours: 1, hourlyRate: 1, outOfPocket: 0 }] },
        publishQuestionnaireVersion: {
          version: 2,
          name: { nl: 'Overgenomen', en: 'Taken over' },
          minimumGroupSize: 5,
          items: [{ id: 'taken', kind: 'likert', topic: 'loyalty', text: { nl: 'Overgenomen?', en: 'Taken over?' } }],
        },
      };
      const QUERIES: Record<string, string> = { listOpenTasks: '?ownerRole=hr', exportHireHistory: '?format=csv' };
      const write = !['GET', 'DELETE'].includes(operation.method);
      const body = operation.operationId in BODIES ? BODIES[operation.operationId] : write ? {} : undefined;
      return {
        path: path + (QUERIES[operation.operationId] ?? ''),
        ...(body === undefined ? {} : { body }),
        headers: operation.headers.includes('idempotency-key') ? { 'idempotency-key': randomUUID() } : {},
      };
    }

    // ---- what an organisation has, to compare before and after ----

    /**
     * Everything of `t` an operation could change, as `t` itself reads it. Whatever the answer: had something been
     * deleted, the comparison should show that, not stop at it.
     */
    async function snapshotOf(t: Tenant) {
      const read = async (path: string) => {
        const answer = await call(t.admin, 'GET', path);
        return answer.status === 200 ? answer.json() : { status: answer.status };
      };
      const hires = await Promise.all(
        t.hireIds().map(async (hireId) => ({
          view: await read(`/hires/${hireId}`),
          history: ((await read(`/hires/${hireId}/history`)).events ?? []).map(
            (event: { id: string; type: string }) => `${event.type}:${event.id}`,
          ),
        })),
      );
      return {
        hires,
        list: await read('/hires?limit=500'),
        template: await read(`/journey-templates/${t.templateId}`),
        questionnaire: await read('/questionnaires/ninety-days'),
        templates: await read('/journey-templates'),
        profiles: await read('/vacancy-profiles'),
        mentors: await read('/mentors'),
        subscription: await read(`/webhooks/${SUBSCRIPTION}`),
        contacts: await system.contactsOf(t.id),
        // Revoking B's key, or issuing one for B, would hand A the organisation.
        apiKeys: await system.apiKeys.list(t.id),
        intruderHire: await read(`/hires/h-intruder-${run}`),
        intruderTemplate: await read(`/journey-templates/tpl-intruder-${run}`),
      };
    }

    async function eventsOf(stream: string): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for await (const event of system.store.readStream(stream)) events.push(event);
      return events;
    }

    async function allEvents(): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for await (const event of system.store.readAll()) events.push(event);
      return events;
    }

    /** Streams are named `<category>-<organisation>[.<id>]`; organisation ids hold no '.'. */
    const organisationOfStream = (streamName: string) => /^[a-z]+-([^.]+)/.exec(streamName)?.[1];

    const hireEventsOf = async (t: Tenant) =>
      (await allEvents()).filter((event) => parseHireStreamName(event.streamName)?.organisationId === t.id);

    /** What only B has (its id holds A's, so not the other way round): none of it may appear in anything A reads. */
    async function fingerprintsOfB(): Promise<string[]> {
      const eventIds = (await hireEventsOf(B)).map((event) => event.id);
      return [
        B.id,
        B.onlyHireId,
        B.role,
        B.team,
        B.templateId,
        B.milestoneId,
        B.profileId,
        B.mentorRef,
        B.hrEmail,
        B.secret,
        B.webhookUrl(),
        ...eventIds,
      ];
    }

    function expectNoneOf(fingerprints: readonly string[], text: string, where: string): void {
      const found = fingerprints.filter((fingerprint) => text.includes(fingerprint));
      expect({ where, found }).toEqual({ where, found: [] });
    }

    // ---- every operation, with A's credentials, for B ----

    it("covers the contract's tenant operations, each of which takes X-Organisation-Id", () => {
      const operations = tenantOperations();
      expect(operations.length).toBeGreaterThan(20);
      expect(
        operations
          .filter((operation) => !operation.headers.includes('x-organisation-id'))
          .map((operation) => operation.operationId),
      ).toEqual([]);
    });

    /**
     * A session a mailed link of A opened, as the web app gets it (POST /sessions/magic-link): the link to `role`
     * `personRef` about `hireId`, for the purpose that role's mail has.
     */
    async function magicLinkSession(role: 'mentor' | 'new-hire', personRef: string, hireId: string, of: Tenant = A) {
      const scope = { personRef, role, purpose: role === 'mentor' ? 'mentor-request' : 'welcome', hireId } as const;
      const link = system.magicLinks.signer.issueLink({ organisationId: of.id, ...scope });
      const redeemed = await fetch(`${system.baseUrl}/sessions/magic-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link }),
      });
      expect(redeemed.status).toBe(201);
      return ((await redeemed.json()) as { token: string }).token;
    }

    const intruders: [string, () => Promise<{ token: string; actor: string }>][] = [
      ["A's administrator key", async () => ({ token: A.admin.token, actor: A.adminActor })],
      [
        "A's mentor, by magic link",
        async () => ({
          token: await magicLinkSession('mentor', A.mentorRef, A.onlyHireId),
          actor: `person:${A.mentorRef}`,
        }),
      ],
      [
        "A's new hire, by magic link",
        async () => ({
          token: await magicLinkSession('new-hire', A.onlyHireId, A.onlyHireId),
          actor: `person:${A.onlyHireId}`,
        }),
      ],
    ];

    it.each(intruders)(
      'refuses every tenant operation of the contract with %s for B (403 organisation-forbidden) and changes nothing of B',
      async (_name, credential) => {
        const operations = tenantOperations();
        const before = await snapshotOf(B);
        const { token, actor } = await credential();
        const intruder: Caller = { token, organisationId: B.id };
        const refusals: { operationId: string; status: number; type?: string; body: unknown }[] = [];
        const covered: string[] = [];
        for (const operation of operations) {
          // Hire operations on both of B's hires: the one A has a hire of the same id, and the one only B has.
          const hireIds = operation.pathParameters.includes('hireId') ? B.hireIds() : [B.onlyHireId];
          for (const hireId of hireIds) {
            const request = requestFor(operation, B, hireId);
            const answer = await call(intruder, operation.method, request.path, request);
            const { instance: _instance, ...problem } = answer.contentType.startsWith('application/problem+json')
              ? answer.json()
              : { body: answer.text };
            refusals.push({
              operationId: operation.operationId,
              status: answer.status,
              type: answer.contentType.split(';')[0],
              body: problem,
            });
            covered.push(operation.operationId);
          }
        }
        expect(
          refusals.filter((refusal) => refusal.status !== 403 || refusal.type !== 'application/problem+json'),
        ).toEqual([]);
        // One and the same answer whatever was asked for: a refusal tells nothing about what B has.
        const bodies = new Set(refusals.map((refusal) => JSON.stringify(refusal.body)));
        expect([...bodies].map((body) => JSON.parse(body))).toEqual([
          {
            type: '/problems/organisation-forbidden',
            title: 'Andere organisatie',
            status: 403,
            detail: `Deze aanmelding hoort niet bij organisatie "${B.id}".`,
          },
        ]);
        expect([...new Set(covered)].sort()).toEqual(
          operationIdsInContractText()
            .filter((id) => !PLATFORM_OPERATIONS.has(id))
            .sort(),
        );

        expect(await snapshotOf(B)).toEqual(before);
        // Nor anywhere in the store: nothing recorded in B's streams on A's behalf.
        const byA = (await allEvents()).filter(
          (event) => organisationOfStream(event.streamName) === B.id && event.metadata.actor === actor,
        );
        expect(byA).toEqual([]);
      },
    );

    // ---- A on A: lists ----

    it("lists to A only A's hires, tasks (of every owner role), templates, profiles, mentors, webhook subscriptions and their deliveries", async () => {
      const fingerprints = await fingerprintsOfB();
      const ownHires = new Set(A.hireIds());
      const ownEvents = new Set((await hireEventsOf(A)).map((event) => event.id));
      const texts: { path: string; text: string }[] = [];
      /** As A reads it; every text is searched for B's fingerprints at the end. */
      const read = async (path: string) => {
        const answer = await call(A.admin, 'GET', path);
        texts.push({ path, text: answer.text });
        return ok(answer);
      };

      const { hires } = await read('/hires?limit=500');
      expect(hires.map((hire: { hireId: string }) => hire.hireId).sort()).toEqual([...ownHires].sort());
      expect(hires.find((hire: { hireId: string }) => hire.hireId === SHARED_HIRE)).toMatchObject({
        role: A.role,
        startDate: A.startDate,
        team: A.team,
        templateId: A.templateId,
      });

      // The shared hire's tasks in A's list are exactly what A's journey has open, with A's due dates; nothing of B's.
      const sharedItems = (await get(A.admin, `/hires/${SHARED_HIRE}`)).items as Item[];
      for (const ownerRole of ownerRoles()) {
        const expected = sharedItems
          .filter((item) => item.status === 'open' && item.ownerRole === ownerRole)
          .map((item) => `${item.id}@${item.dueDate}`);
        const sharedTasks = (tasks: Task[]) =>
          tasks.filter((task) => task.hireId === SHARED_HIRE).map((task) => `${task.itemId}@${task.dueDate}`);
        // Projected a moment after the journey moved: wait for A's own, then demand nothing else.
        const { tasks } = await waitFor(
          () => read(`/tasks?ownerRole=${ownerRole}&limit=500`),
          (page: { tasks: Task[] }) => expected.every((task) => sharedTasks(page.tasks).includes(task)),
        );
        expect({ ownerRole, shared: sharedTasks(tasks).sort() }).toEqual({ ownerRole, shared: [...expected].sort() });
        expect(tasks.filter((task: Task) => !ownHires.has(task.hireId))).toEqual([]);
      }
      expect(texts.some(({ text }) => text.includes(A.onlyHireId))).toBe(true);

      const { templates } = await read('/journey-templates');
      const templateIds = templates.map((template: { templateId: string }) => template.templateId);
      expect(templateIds).toContain(A.templateId);
      expect(templateIds).not.toContain(B.templateId);
      expect(await read(`/journey-templates/${A.templateId}/versions/1`)).toMatchObject({
        id: A.templateId,
        organisationId: A.id,
        version: 1,
      });
      expect((await read('/vacancy-profiles')).profiles).toEqual([
        expect.objectContaining({ id: A.profileId, organisationId: A.id, role: A.role }),
      ]);
      expect((await read('/mentors')).mentors.map((mentor: { mentorRef: string }) => mentor.mentorRef)).toEqual([
        A.mentorRef,
      ]);
      // Analytics are group figures of the organisation's own hires: A's teams, roles and templates, never B's.
      await waitFor(
        () => read('/analytics/retention?groupBy=team,role,template'),
        (body: { groups: { team?: string | null }[] }) => body.groups.some((group) => group.team === A.team),
      );

      // The subscription id is B's too: A sees its own subscription and its own deliveries under it.
      expect(await read(`/webhooks/${SUBSCRIPTION}`)).toMatchObject({ organisationId: A.id, url: A.webhookUrl() });
      expect((await read('/webhooks')).subscriptions).toEqual([
        expect.objectContaining({ id: SUBSCRIPTION, organisationId: A.id, url: A.webhookUrl() }),
      ]);
      const { deliveries } = await waitFor(
        () => read(`/webhooks/${SUBSCRIPTION}/deliveries?limit=500`),
        (page: { deliveries: { eventId: string; hireId: string }[] }) => page.deliveries.length >= ownEvents.size,
        30_000,
      );
      expect(
        deliveries.filter(
          (delivery: { eventId: string; hireId: string }) =>
            !ownEvents.has(delivery.eventId) || !ownHires.has(delivery.hireId),
        ),
      ).toEqual([]);

      for (const { path, text } of texts) expectNoneOf(fingerprints, text, `A's ${path}`);
      // The same lists as B reads them do show what was looked for above, so not finding it in A's means something.
      const bTexts: string[] = [];
      for (const { path } of texts) bTexts.push((await call(B.admin, 'GET', path)).text);
      const shownToB = [B.id, B.onlyHireId, B.role, B.team, B.templateId, B.profileId, B.mentorRef, B.webhookUrl()];
      expect(shownToB.filter((fingerprint) => !bTexts.some((text) => text.includes(fingerprint)))).toEqual([]);
    });

    // ---- A on A: B's ids ----

    it("answers A about B's hire as about one that does not exist: 404 on every hire operation, B unchanged", async () => {
      const nobody = `h-nobody-${run}`;
      const before = await snapshotOf(B);
      const hireOperations = tenantOperations().filter((operation) => operation.pathParameters.includes('hireId'));
      expect(hireOperations.map((operation) => operation.operationId)).toEqual(
        expect.arrayContaining([
          'getHire',
          'getHireHistory',
          'exportHireHistory',
          'getHireStateAsOf',
          'verifyHireHistory',
          'changeStartDate',
        ]),
      );
      const mismatches: unknown[] = [];
      for (const operation of hireOperations) {
        const formats = operation.operationId === 'exportHireHistory' ? ['json', 'csv'] : [undefined];
        for (const format of formats) {
          const [theirs, nobodys] = await Promise.all(
            [B.onlyHireId, nobody].map((hireId) => {
              const request = requestFor(operation, B, hireId);
              const path = format ? request.path.replace(/format=\w+/, `format=${format}`) : request.path;
              return call(A.admin, operation.method, path, request);
            }),
          );
          // The same answer as for a hire nobody has, but for the id itself: A cannot tell that B has this hire.
          const normalised = (answer: Answer, hireId: string) => ({
            status: answer.status,
            body: answer.text.split(hireId).join('<hire>'),
          });
          const seen = { operation: operation.operationId, format, ...normalised(theirs!, B.onlyHireId) };
          if (
            seen.status !== 404 ||
            !seen.body.includes('/problems/hire-not-found') ||
            seen.body !== normalised(nobodys!, nobody).body
          )
            mismatches.push(seen);
        }
      }
      expect(mismatches).toEqual([]);

      // B's template and profile are unknown to A, by id and as what a hire or a profile of A's would start from.
      expect((await call(A.admin, 'GET', `/journey-templates/${B.templateId}`)).status).toBe(404);
      expect((await call(A.admin, 'GET', `/journey-templates/${B.templateId}/versions/1`)).status).toBe(404);
      expect((await call(A.admin, 'GET', `/vacancy-profiles/${B.profileId}`)).status).toBe(404);
      const register = (fields: Record<string, string>) =>
        call(A.admin, 'POST', '/hires', {
          headers: { 'idempotency-key': randomUUID() },
          body: { hireId: `h-borrower-${run}`, startDate: '2027-05-01', role: 'Lener', ...fields },
        });
      expect((await register({ templateId: B.templateId })).json()).toMatchObject({
        status: 422,
        type: '/problems/template-not-found',
      });
      expect((await register({ vacancyProfileId: B.profileId })).json()).toMatchObject({
        status: 422,
        type: '/problems/vacancy-profile-not-found',
      });
      const borrowingProfile = await call(A.admin, 'PUT', `/vacancy-profiles/vp-borrower-${run}`, {
        body: { ...vacancyProfile(A, 1), templateId: B.templateId },
      });
      expect(borrowingProfile.json()).toMatchObject({ status: 422, type: '/problems/template-not-found' });

      expect(await snapshotOf(B)).toEqual(before);
      const auditOfB = await eventsOf(auditStreamName(B.id));
      expect(auditOfB.length).toBeGreaterThan(0);
      expect(auditOfB.filter((event) => event.data.by !== B.adminActor)).toEqual([]);
    });

    // ---- A on A: the hire id both have ----

    it("gives A, for the hire id both organisations use, only A's hire: view, history, export (JSON and CSV), state and verification", async () => {
      const fingerprints = await fingerprintsOfB();
      const storedOf = async (t: Tenant) =>
        (await allEvents()).filter(
          (event) => event.streamName === hireStreamName({ organisationId: t.id, hireId: SHARED_HIRE }),
        );
      const ownIds = (await storedOf(A)).map((event) => event.id);
      const theirIds = (await storedOf(B)).map((event) => event.id);
      expect(theirIds.length).toBeGreaterThan(0);
      const registered = { role: A.role, startDate: A.startDate, team: A.team, templateId: A.templateId };

      const view = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}`);
      expect(view.json()).toMatchObject({
        organisationId: A.id,
        hireId: SHARED_HIRE,
        ...registered,
        mentor: { status: 'asked', asked: [A.mentorRef] },
      });

      const history = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}/history`);
      const events = history.json().events as {
        id: string;
        type: string;
        data: Record<string, unknown>;
        metadata: Record<string, unknown>;
      }[];
      expect(history.json()).toMatchObject({ organisationId: A.id, hireId: SHARED_HIRE });
      expect(events.map((event) => event.id)).toEqual(ownIds);
      expect(
        events.filter(
          (event) =>
            event.metadata.organisationId !== A.id ||
            (event.data.organisationId ?? A.id) !== A.id ||
            (event.data.hireId ?? SHARED_HIRE) !== SHARED_HIRE,
        ),
      ).toEqual([]);
      expect(events[0]).toMatchObject({
        type: 'HireRegistered',
        data: { organisationId: A.id, role: A.role, startDate: A.startDate, team: A.team },
      });

      const exported = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}/history/export?format=json`);
      expect(exported.headers.get('content-disposition')).toBe(
        `attachment; filename="${A.id}-${SHARED_HIRE}-history.json"`,
      );
      expect(exported.json()).toMatchObject({ organisationId: A.id, hireId: SHARED_HIRE });
      expect(exported.json().events).toEqual(events);

      const csv = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}/history/export?format=csv`);
      expect(csv.contentType).toMatch(/^text\/csv/);
      expect(ownIds.filter((id) => !csv.text.includes(id))).toEqual([]);
      expect(csv.text).toContain(A.role);

      const state = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}/state`);
      expect(state.json()).toMatchObject({
        organisationId: A.id,
        hireId: SHARED_HIRE,
        role: A.role,
        startDate: A.startDate,
        team: A.team,
        template: { id: A.templateId },
      });
      const verification = await call(A.admin, 'GET', `/hires/${SHARED_HIRE}/history/verification`);
      expect(verification.json()).toEqual({
        organisationId: A.id,
        hireId: SHARED_HIRE,
        ok: true,
        events: ownIds.length,
      });

      for (const [what, answer] of Object.entries({ view, history, exported, csv, state, verification })) {
        expect({ what, status: answer.status }).toEqual({ what, status: 200 });
        expectNoneOf(fingerprints, answer.text, `A's ${what} of ${SHARED_HIRE}`);
      }
      // B, asking the same, gets B's own hire: the two really are different hires under one id.
      expect(await get(B.admin, `/hires/${SHARED_HIRE}`)).toMatchObject({
        organisationId: B.id,
        role: B.role,
        startDate: B.startDate,
        team: B.team,
      });
      expect(theirIds.filter((id) => ownIds.includes(id))).toEqual([]);
    });

    // ---- A's personal roles ----

    it("scopes A's personal roles to A's hires, also for a person reference B uses for its own people", async () => {
      const issue = async (roles: ('manager' | 'mentor' | 'new-hire')[], personRef: string): Promise<Caller> => ({
        token: (
          await system.apiKeys.issue({
            organisationId: A.id,
            roles,
            personRef,
            label: `${roles.join('+')} ${personRef}`,
            createdBy: 'test',
          })
        ).token,
        organisationId: A.id,
      });

      // In A the manager of the shared hire; in B the manager of both of B's hires.
      const manager = await issue(['manager'], SHARED_MANAGER);
      expect(await hireIdsOf(manager)).toEqual([SHARED_HIRE]);
      expect(await get(manager, `/hires/${SHARED_HIRE}`)).toMatchObject({ organisationId: A.id, role: A.role });
      expect((await call(manager, 'GET', `/hires/${B.onlyHireId}`)).status).toBe(404);
      const managerTasks = (await get(manager, '/tasks?ownerRole=manager&limit=500')).tasks as Task[];
      expect(managerTasks.map((task) => task.hireId)).toContain(SHARED_HIRE);
      expect(managerTasks.filter((task) => task.hireId !== SHARED_HIRE)).toEqual([]);

      // In B asked to mentor both of B's hires; in A nobody.
      const mentor = await issue(['mentor'], B.mentorRef);
      expect(await hireIdsOf(mentor)).toEqual([]);
      expect((await get(mentor, '/tasks?ownerRole=mentor&limit=500')).tasks).toEqual([]);
      await expectNoMentorOfBsHires(mentor);

      // A new hire's person reference is their hire id: B's hire id names nobody in A.
      const newHire = await issue(['new-hire'], B.onlyHireId);
      expect(await hireIdsOf(newHire)).toEqual([]);
      expect((await call(newHire, 'GET', `/hires/${B.onlyHireId}`)).status).toBe(404);

      expect((await get(B.admin, `/hires/${B.onlyHireId}`)).mentor).toMatchObject({
        status: 'asked',
        asked: [B.mentorRef],
      });
    });

    it('scopes a magic-link session of A to its one person in A, also for a person reference B uses for its own people', async () => {
      const session = async (role: 'mentor' | 'new-hire', personRef: string, hireId: string): Promise<Caller> => ({
        token: await magicLinkSession(role, personRef, hireId),
        organisationId: A.id,
      });

      // A link of A naming B's mentor and B's hire (as if forged from B's ids): in A it names nobody and nothing.
      const mentor = await session('mentor', B.mentorRef, B.onlyHireId);
      expect(await hireIdsOf(mentor)).toEqual([]);
      await expectNoMentorOfBsHires(mentor);
      const newHire = await session('new-hire', B.onlyHireId, B.onlyHireId);
      expect(await hireIdsOf(newHire)).toEqual([]);
      expect((await call(newHire, 'GET', `/hires/${B.onlyHireId}`)).status).toBe(404);
      expect((await call(newHire, 'GET', '/session')).json()).toEqual({
        organisationId: A.id,
        roles: ['new-hire'],
        personRef: B.onlyHireId,
        via: 'magic-link',
      });

      // A's own new hire reaches their own hire, of A, and not the hire of the same id in B.
      const own = await session('new-hire', SHARED_HIRE, SHARED_HIRE);
      expect(await hireIdsOf(own)).toEqual([SHARED_HIRE]);
      expect(await get(own, `/hires/${SHARED_HIRE}`)).toMatchObject({ organisationId: A.id, role: A.role });

      expect((await get(B.admin, `/hires/${B.onlyHireId}`)).mentor).toMatchObject({
        status: 'asked',
        asked: [B.mentorRef],
      });
    });

    // ---- webhooks ----

    it("delivers to each organisation's receiver its own events only, each signed with its own secret", async () => {
      const expected = new Map(
        await Promise.all(TENANTS.map(async (t) => [t, (await hireEventsOf(t)).map((event) => event.id)] as const)),
      );
      const missing = (t: Tenant) => {
        const received = new Set(t.receiver.received.map((delivery) => cloudEventOf(delivery).id));
        return expected.get(t)!.filter((id) => !received.has(id));
      };
      // Should something never arrive, the checks below tell where it went instead of a bare timeout.
      await waitFor(
        () => TENANTS.every((t) => missing(t).length === 0),
        (done) => done,
        20_000,
      ).catch(() => undefined);
      const streamOf = new Map((await allEvents()).map((event) => [event.id, event.streamName]));
      const belongsTo = (event: CloudEvent, t: Tenant) =>
        event.organisationid === t.id &&
        event.source === `/soft-landing/organisations/${t.id}` &&
        (event.data.organisationId ?? t.id) === t.id &&
        streamOf.get(event.id) === hireStreamName({ organisationId: t.id, hireId: event.hireid });
      // Both receivers in one comparison: an event at the wrong one shows as a stray there and missing here.
      const report = TENANTS.map((t) => ({
        receiver: t.id,
        strays: t.receiver.received.map(cloudEventOf).filter((event) => !belongsTo(event, t)),
        missing: missing(t),
      }));
      expect(report).toEqual(TENANTS.map((t) => ({ receiver: t.id, strays: [], missing: [] })));

      for (const t of TENANTS) {
        const other = t === A ? B : A;
        // As a receiver checks them, with the standardwebhooks package.
        const verifies = (secret: string) => (delivery: ReceivedWebhook) => {
          try {
            new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        };
        expect(t.receiver.received.filter((delivery) => !verifies(t.secret)(delivery))).toEqual([]);
        expect(t.receiver.received.filter(verifies(other.secret))).toEqual([]);
        const registration = t.receiver.received
          .map(cloudEventOf)
          .find((event) => event.type === 'nl.softlanding.HireRegistered.v1' && event.hireid === SHARED_HIRE);
        expect(registration?.data).toMatchObject({ organisationId: t.id, role: t.role, startDate: t.startDate });
      }
      const fingerprints = await fingerprintsOfB();
      expectNoneOf(fingerprints, JSON.stringify(A.receiver.received), "what A's receiver got");
    });

    // ---- Kafka ----

    let published: Published[] = [];

    it('publishes every event on Kafka under the organisation it belongs to: source, extension, data and stored stream agree', async () => {
      const hireEvents = (await allEvents()).filter((event) => event.streamName.startsWith(HIRE_STREAM_PREFIX));
      const messages = await consumeUntil(system.topics.topics, (received) => {
        const ids = new Set(received.map((message) => message.headers?.ce_id?.toString()));
        return hireEvents.every((event) => ids.has(event.id));
      });
      published = messages.map(publishedOf);
      const streamOf = new Map(hireEvents.map((event) => [event.id, event.streamName]));
      const disagreeing = published.filter(
        (message) =>
          message.organisationId === undefined ||
          message.headers.ce_organisationid !== message.organisationId ||
          (message.data.organisationId ?? message.organisationId) !== message.organisationId ||
          message.headers.ce_subject !== `hires/${message.hireId}` ||
          (message.data.hireId ?? message.hireId) !== message.hireId ||
          !message.key.includes(message.hireId) ||
          streamOf.get(message.headers.ce_id!) !==
            hireStreamName({ organisationId: message.organisationId, hireId: message.hireId }),
      );
      expect(disagreeing).toEqual([]);
      expect([...new Set(published.map((message) => message.organisationId))].sort()).toEqual([A.id, B.id].sort());

      for (const t of TENANTS) {
        const own = published.filter((message) => message.organisationId === t.id);
        for (const hireId of t.hireIds()) {
          const types = own.filter((message) => message.hireId === hireId).map((message) => message.headers.ce_type);
          expect(types).toEqual(
            expect.arrayContaining(['nl.softlanding.HireRegistered.v1', 'nl.softlanding.JourneyStarted.v1']),
          );
        }
        const registration = own.find(
          (message) => message.hireId === SHARED_HIRE && message.headers.ce_type === 'nl.softlanding.HireRegistered.v1',
        );
        expect(registration?.data).toMatchObject({
          organisationId: t.id,
          role: t.role,
          startDate: t.startDate,
          team: t.team,
        });
      }
    }, 60_000);

    /** A compacted topic, a KTable or any per-key state would merge two organisations' hires sharing a key. */
    it("keys every Kafka message by one organisation's hire: no key is shared by two organisations", () => {
      // Collected by the test above, which fails on its own should there be none.
      expect(published.length).toBeGreaterThan(0);
      const organisationsByKey = new Map<string, Set<string>>();
      for (const message of published)
        organisationsByKey.set(
          message.key,
          (organisationsByKey.get(message.key) ?? new Set()).add(message.organisationId!),
        );
      const mixed = [...organisationsByKey]
        .filter(([, organisations]) => organisations.size > 1)
        .map(([key, organisations]) => ({ key, organisations: [...organisations] }));
      expect(mixed).toEqual([]);
    });
  });
}

interface Task {
  readonly hireId: string;
  readonly itemId: string;
  readonly dueDate: string;
}

function ownerRoles(): string[] {
  const document = parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
    components: { schemas: { OwnerRole: { enum: string[] } } };
  };
  return document.components.schemas.OwnerRole.enum;
}

// ---- CloudEvents as a webhook receiver and a Kafka consumer see them ----

interface CloudEvent {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly organisationid?: string;
  readonly hireid: string;
  readonly data: Record<string, unknown>;
}

/** Webhooks are structured CloudEvents: attributes and data in one JSON body. */
function cloudEventOf(delivery: ReceivedWebhook): CloudEvent {
  return JSON.parse(delivery.body) as CloudEvent;
}

interface Published {
  readonly key: string;
  readonly hireId: string;
  readonly headers: Record<string, string | undefined>;
  /** As the message declares it in its source, `/soft-landing/organisations/<organisationId>`. */
  readonly organisationId?: string;
  readonly data: Record<string, unknown>;
}

function publishedOf(message: KafkaMessage): Published {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]),
  );
  return {
    key: message.key?.toString() ?? '',
    hireId: headers.ce_hireid ?? '',
    headers,
    organisationId: /^\/soft-landing\/organisations\/([^/]+)$/.exec(headers.ce_source ?? '')?.[1],
    data: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown>,
  };
}

/** An organisation's rows of the SQLite people directory (PEOPLE_DB_PATH), for a system that keeps it there. */
export async function sqliteContactsOf(peopleDbPath: string, organisationId: string): Promise<unknown[]> {
  const db = new Database(peopleDbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM contacts WHERE organisation_id = ? ORDER BY person_ref').all(organisationId);
  } finally {
    db.close();
  }
}
