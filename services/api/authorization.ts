import type { Request, RequestHandler } from 'express';
import { type Grant, type TenantOperation, grantOf } from '../auth/permissions';
import { type Principal, principalOf } from '../auth/principal';
import { PERSONAL_ROLES, READ_ONLY_ROLES, type Role } from '../auth/roles';
import { type HireRelation, type ReadModelDb, hireById, requestsWaitingFor, tasksOfHire } from '../projections';
import { Problem } from '../problems/problem';

/** What the caller may see of an operation's answer, once authorization let them through. */
export interface Access {
  readonly principal: Principal;
  readonly grant: Grant;
  /** The caller's roles that hold this grant. */
  readonly roles: readonly Role[];
  /** For `own`: the personal roles the caller holds for this operation. */
  readonly relations: readonly HireRelation[];
}

const accesses = new WeakMap<Request, Access>();

export function accessOf(req: Request): Access {
  const access = accesses.get(req);
  if (!access) throw new Error(`no access decided for ${req.method} ${req.path}: the route has no guard`);
  return access;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Decides per operation, from services/auth/permissions.ts, before the request is validated: a role without the
 * operation gets 403; a personal role (manager, mentor, new hire) reaching for a hire that is not theirs gets the
 * same 404 as a hire that does not exist, so it learns nothing of other people's journeys.
 */
export function authorization(readModels: ReadModelDb): (operation: TenantOperation) => RequestHandler {
  return (operation) => (req, _res, next) => {
    try {
      accesses.set(req, decide(readModels, operation, req));
      next();
    } catch (error) {
      next(error);
    }
  };
}

function decide(readModels: ReadModelDb, operation: TenantOperation, req: Request): Access {
  const principal = principalOf(req);
  const granted = grantOf(operation, principal.roles);
  if (!granted) {
    const readOnly = principal.roles.every((role) => READ_ONLY_ROLES.includes(role));
    if (readOnly && !READ_METHODS.has(req.method))
      throw new Problem(403, 'read-only-role', { role: principal.roles.join(', ') });
    throw new Problem(403, 'forbidden', { roles: principal.roles.join(', '), operation });
  }
  const relations = granted.roles.filter((role): role is HireRelation & Role => PERSONAL_ROLES.includes(role));
  const access: Access = { principal, grant: granted.grant, roles: granted.roles, relations };
  if (granted.grant !== 'own') return access;
  const personRef = principal.personRef;
  // A personal role without a person reference is related to nobody.
  if (personRef === undefined) throw new Problem(403, 'forbidden', { roles: principal.roles.join(', '), operation });
  const params = req.params as { hireId?: string; itemId?: string; mentorRef?: string };
  if (
    params.hireId !== undefined &&
    !isRelated(readModels, principal.organisationId, params.hireId, personRef, relations)
  ) {
    throw new Problem(404, 'hire-not-found', { hireId: params.hireId });
  }
  if (
    operation === 'completeTask' &&
    !ownsTask(readModels, principal.organisationId, params.hireId!, params.itemId!, personRef, relations)
  ) {
    throw new Problem(403, 'task-not-yours', { itemId: params.itemId! });
  }
  // Mentors answer for themselves, offer themselves and read their own profile, nobody else's.
  const mentorRef =
    operation === 'answerMentorRequest'
      ? (req.body as { mentorRef?: unknown } | undefined)?.mentorRef
      : params.mentorRef;
  if (
    (operation === 'answerMentorRequest' || operation === 'offerMentor' || operation === 'getMentor') &&
    mentorRef !== personRef
  ) {
    throw new Problem(403, 'forbidden', { roles: principal.roles.join(', '), operation });
  }
  return access;
}

/** From the read models: a hire registered a moment ago may be unknown here for that moment (and so refused). */
function isRelated(
  db: ReadModelDb,
  organisationId: string,
  hireId: string,
  personRef: string,
  relations: readonly HireRelation[],
): boolean {
  if (relations.includes('new-hire') && hireId === personRef) return true;
  const hire = hireById(db, organisationId, hireId);
  if (relations.includes('manager') && hire?.managerRef === personRef) return true;
  if (relations.includes('mentor')) {
    if (hire?.mentorRef === personRef && hire.mentorStatus !== 'ended') return true;
    // Asked, not yet answered: the mentor may see whom they are asked for, and answer.
    if (requestsWaitingFor(db, organisationId, personRef).some((request) => request.hireId === hireId)) return true;
  }
  return false;
}

function ownsTask(
  db: ReadModelDb,
  organisationId: string,
  hireId: string,
  itemId: string,
  personRef: string,
  relations: readonly HireRelation[],
): boolean {
  const task = tasksOfHire(db, organisationId, hireId).find((candidate) => candidate.itemId === itemId);
  return task !== undefined && (relations as readonly string[]).includes(task.ownerRole) && task.ownerRef === personRef;
}
