import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { components } from '../../contracts/generated/openapi';
import {
  HIRE_JOURNEY_WORKFLOW_TYPE,
  type HireJourneyInput,
  type JourneyView,
  hireJourneyWorkflowId,
  journeyViewQuery,
} from '../../workflows/hireJourneyContract';
import type { EventStore } from '../event-store/eventStore';
import type { PeopleDirectory } from '../people/peopleDirectory';
import { type Logger, hireLogger } from '../shared/logger';
import type { WorkflowStartOutcome } from '../shared/metrics';
import { type JourneyTemplateStore, TemplateNotFoundError } from '../templates/journeyTemplateStore';
import {
  type VacancyProfile,
  VacancyProfileNotFoundError,
  VacancyProfileStore,
} from '../vacancies/vacancyProfileStore';
import { canonicalJson } from '../event-store/canonicalJson';
import { IdempotencyClaims, sha256 } from './idempotencyClaims';
import { refuseUnplannableDates } from './plannableDates';
import { Problem } from '../problems/problem';
import { RegisteredHires } from './registeredHires';
import { Rehires } from './rehires';
import { withinRequestBudget } from './temporalDeadline';

export type HireRegistrationRequest = components['schemas']['HireRegistration'];
type ContactDetails = components['schemas']['ContactDetails'];

export interface RegistrationOutcome {
  readonly created: boolean;
  readonly view: JourneyView;
}

/**
 * Starts one journey per hire, idempotently. The order matters so that a refused request writes nothing:
 * a key reused for another body is refused first, an existing hire is compared when starting finds it, and only
 * a request that created a journey claims its idempotency key (in the event store, so every API replica sees it).
 *
 * Contact details are personal data: they go to the people directory and never into the journey's input,
 * its memo or its events. They are not part of the request's identity either, so sending newer contact
 * details with a retry updates them instead of being refused.
 *
 * They are written only once the request is known to stand: after this request started the journey, or once
 * the existing journey is confirmed as this very registration. Written before the start, a 409 or a 503 would
 * already have overwritten someone's address (and the existing journey could have mailed the refused one); a
 * write to undo them on refusal is lost when the process stops in between. The price is a moment in which
 * the journey runs without the addresses: its mail activity waits a few attempts for a new hire's or
 * manager's address before it records that there was none (services/worker/journeyActivities.ts), and a
 * client that never heard the answer retries, which writes them then.
 *
 * A replay writes only for people who were not erased since (PeopleDirectory.upsertUnlessErased): erasure
 * must not be undone by a client retrying the original request. A new registration is new data given anew,
 * so it writes the manager's details even after an erasure. The new hire's own reference is the hire id,
 * which only one journey can ever have: every later registration of it is a replay or a 409, so an erased
 * new hire's details never come back through POST /hires, whatever Idempotency-Key it carries.
 */
export class HireRegistration {
  private readonly claims: IdempotencyClaims;

  constructor(
    private readonly deps: {
      client: Client;
      store: EventStore;
      taskQueue: string;
      logger: Logger;
      templates: JourneyTemplateStore;
      directory: PeopleDirectory;
      metrics?: { workflowStarted(outcome: WorkflowStartOutcome): void };
    },
  ) {
    this.claims = new IdempotencyClaims(deps.store);
    this.vacancyProfiles = new VacancyProfileStore(deps.store);
    this.registeredHires = new RegisteredHires(deps.store);
    this.rehires = new Rehires(deps.store);
  }

  private readonly rehires: Rehires;

  private readonly vacancyProfiles: VacancyProfileStore;
  private readonly registeredHires: RegisteredHires;

  /** Counted for /metrics: started, already existed, or refused (any error). */
  async register(
    organisationId: string,
    idempotencyKey: string,
    request: HireRegistrationRequest,
    actor: string,
  ): Promise<RegistrationOutcome> {
    try {
      const outcome = await withinRequestBudget(this.deps.client, () =>
        this.registerOnce(organisationId, idempotencyKey, request, actor),
      );
      this.deps.metrics?.workflowStarted(outcome.created ? 'started' : 'already_existed');
      return outcome;
    } catch (error) {
      this.deps.metrics?.workflowStarted('refused');
      throw error;
    }
  }

  private async registerOnce(
    organisationId: string,
    idempotencyKey: string,
    request: HireRegistrationRequest,
    actor: string,
  ): Promise<RegistrationOutcome> {
    // Before anything is written: a start date the journey cannot plan with would fail it on every attempt.
    refuseUnplannableDates({ '/startDate': request.startDate });
    const { newHire, manager, ...hire } = request;
    const fingerprint = fingerprintOf({ organisationId, ...hire });
    const claimStream = this.claims.streamOf(organisationId, '', idempotencyKey);
    await this.claims.refuseReuse(claimStream, fingerprint, 'idempotency-key-reused');

    const workflowId = hireJourneyWorkflowId(organisationId, hire.hireId);
    const facts = await this.withVacancyProfile(organisationId, hire);
    if (facts.templateId) await this.requireTemplate(organisationId, facts.templateId);
    if (hire.rehireOf) await this.rehires.refuseUnlessRehirable(organisationId, hire.hireId, hire.rehireOf);
    const input: HireJourneyInput = { organisationId, ...facts, actor, registrationFingerprint: fingerprint };
    // Starting is the duplicate check: one round trip for a new hire, the comparison only for an existing one.
    if (!(await this.startJourney(workflowId, input, { registrationFingerprint: fingerprint }))) {
      // The hire exists: the same registration again is answered as the first was, other data is a 409.
      const existing = await this.existingJourney(workflowId, request.hireId, fingerprint);
      if (existing) {
        await this.acknowledge(input, workflowId);
        await this.keepContacts(organisationId, request, 'replay');
      }
      return existing!;
    }
    // Claimed only once a journey was started for it, so a refused request leaves nothing behind. Two requests
    // racing with one key and different hires can both start; the second then learns of its reused key here.
    await this.claims.claim(claimStream, fingerprint, workflowId, 'idempotency-key-reused');
    await this.acknowledge(input, workflowId);
    await this.keepContacts(organisationId, request, 'new');
    hireLogger(this.deps.logger, { organisationId, hireId: hire.hireId }, workflowId).info('traject gestart');
    return {
      created: true,
      view: {
        organisationId,
        hireId: hire.hireId,
        workflowId,
        stage: 'registered',
        startDate: facts.startDate,
        role: facts.role,
        ...(facts.team === undefined ? {} : { team: facts.team }),
        ...(facts.templateId === undefined ? {} : { templateId: facts.templateId }),
      },
    };
  }

  /**
   * A hire the HR system reported (services/hris-connector): a fact, not a request, so nothing is refused here — a
   * refusal would hold back every later change of the organisation (JourneyDispatcher). Its identity is the HR
   * system's change record, so a second dispatch of the same record finds its journey and starts none.
   */
  async registerReported(report: {
    readonly input: Omit<HireJourneyInput, 'registrationFingerprint'>;
    readonly changeId: string;
  }): Promise<'started' | 'already-started'> {
    const fingerprint = sha256(report.changeId);
    const input: HireJourneyInput = { ...report.input, registrationFingerprint: fingerprint };
    const workflowId = hireJourneyWorkflowId(input.organisationId, input.hireId);
    const started = await this.startJourney(workflowId, input, {
      registrationFingerprint: fingerprint,
      hrisChangeId: report.changeId,
    });
    // Also after a retry that finds the journey: recording and linking are idempotent, and the earlier attempt may
    // have stopped between the start and these. A journey another registration started (POST /hires with the
    // same hire id) keeps that registration's record; that is no reason to hold back the HR system's later changes.
    try {
      await this.acknowledge(input, workflowId);
    } catch (error) {
      if (started || !(error instanceof Problem && error.kind === 'hire-exists')) throw error;
    }
    if (started)
      hireLogger(this.deps.logger, input, workflowId).info(
        { changeId: report.changeId },
        'traject gestart vanuit het HR-systeem',
      );
    return started ? 'started' : 'already-started';
  }

  /** False when a journey of this hire exists already (the workflow id is the hire's, whoever registered it). */
  private async startJourney(
    workflowId: string,
    input: HireJourneyInput,
    memo: Record<string, string>,
  ): Promise<boolean> {
    try {
      await this.deps.client.workflow.start(HIRE_JOURNEY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.deps.taskQueue,
        args: [input],
        memo,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  /**
   * What every registration leaves beside the journey once it stands: the record that the hire was acknowledged
   * (so the audit reads know it before its journey wrote a first event) and a rehire's link from the earlier hire.
   */
  private async acknowledge(input: HireJourneyInput, workflowId: string): Promise<void> {
    const { organisationId, hireId, rehireOf } = input;
    if (rehireOf) await this.rehires.link(organisationId, rehireOf, hireId, input.actor);
    await this.registeredHires.record({ organisationId, hireId }, input.registrationFingerprint, workflowId);
  }

  /**
   * Role, team, location and template default from the newest version of the named vacancy profile (fields in the
   * request win); the profile's id and version, and its contact person, go into the journey's input and so into
   * HireRegistered.
   */
  private async withVacancyProfile(
    organisationId: string,
    hire: Omit<HireRegistrationRequest, 'newHire' | 'manager'>,
  ): Promise<Omit<HireJourneyInput, 'organisationId' | 'actor' | 'registrationFingerprint'>> {
    const { vacancyProfileId, ...rest } = hire;
    if (vacancyProfileId === undefined) {
      // The contract requires a role when no profile is named.
      if (rest.role === undefined)
        throw new Problem(400, 'invalid-request', {}, [
          { pointer: '/role', detail: 'role is verplicht zonder vacancyProfileId' },
        ]);
      return { ...rest, role: rest.role };
    }
    let profile: VacancyProfile;
    try {
      profile = await this.vacancyProfiles.latest(organisationId, vacancyProfileId);
    } catch (error) {
      if (error instanceof VacancyProfileNotFoundError)
        throw new Problem(422, 'vacancy-profile-not-found', { profileId: vacancyProfileId });
      throw error;
    }
    const team = rest.team ?? profile.team;
    const location = rest.location ?? profile.location;
    return {
      ...rest,
      role: rest.role ?? profile.role,
      ...(team === undefined ? {} : { team }),
      ...(location === undefined ? {} : { location }),
      templateId: rest.templateId ?? profile.templateId,
      vacancyProfileId,
      vacancyProfileVersion: profile.version,
      // A person reference, never a name: the journey names them in its mails and gives them the profile's tasks.
      ...(profile.contactPersonRef === undefined ? {} : { contactPersonRef: profile.contactPersonRef }),
    };
  }

  private async requireTemplate(organisationId: string, templateId: string): Promise<void> {
    try {
      await this.deps.templates.latest(organisationId, templateId);
    } catch (error) {
      if (error instanceof TemplateNotFoundError) throw new Problem(422, 'template-not-found', { templateId });
      throw error;
    }
  }

  private async keepContacts(
    organisationId: string,
    request: HireRegistrationRequest,
    registration: 'new' | 'replay',
  ): Promise<void> {
    const { directory } = this.deps;
    const keep = async (personRef: string, contact: ContactDetails) => {
      const details = { organisationId, personRef, ...contact, language: contact.language ?? 'nl' };
      if (registration === 'new') await directory.upsert(details);
      else await directory.upsertUnlessErased(details);
    };
    if (request.newHire) await keep(request.hireId, request.newHire);
    if (request.manager && request.managerRef) await keep(request.managerRef, request.manager);
  }

  private async existingJourney(
    workflowId: string,
    hireId: string,
    fingerprint: string,
  ): Promise<RegistrationOutcome | undefined> {
    const handle = this.deps.client.workflow.getHandle(workflowId);
    try {
      const description = await handle.describe();
      if (description.memo?.registrationFingerprint !== fingerprint) throw new Problem(409, 'hire-exists', { hireId });
      return { created: false, view: await handle.query(journeyViewQuery) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

/**
 * Key order must not matter: `{a,b}` and `{b,a}` are the same request. Journeys keep it in their memo and the
 * idempotency claims store it, so it must stay what earlier versions computed (top-level keys sorted with
 * localeCompare): for a registration's fields, all flat strings, that is the same text as the canonical JSON
 * (hireFingerprint.test.ts checks it against the contract's fields).
 */
export function fingerprintOf(value: Record<string, unknown>): string {
  return sha256(canonicalJson(value));
}
