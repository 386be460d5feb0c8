import { type Request, Router } from 'express';
import { openTaskEnglishTitles } from '../projections/openTaskTitles';
import type { components } from '../../contracts/generated/openapi';
import type { JourneyStage } from '../../workflows/hireJourneyContract';
import {
  type HireFilter,
  type HireRow,
  InvalidCursorError,
  type Page,
  type PageRequest,
  type ReadModelDb,
  type TaskRow,
  hireCountsByStage,
  hireFilterChoices,
  hiresByStage,
  hiresProjection,
  mentorLoadProjection,
  openTaskGates,
  openTasksForOwner,
  openTasksProjection,
} from '../projections';
import { organisationOf } from '../auth/principal';
import { accessOf } from './authorization';
import { answeredUnchanged, listETag } from './listETag';
import { Problem } from '../problems/problem';
import type { OperationGuard } from './operationGuard';

type Schemas = components['schemas'];

/** Lists across hires, read from the projections (services/projections), never by asking every journey. */
export function listsRouter(deps: { guard: OperationGuard; readModels: ReadModelDb }): Router {
  const router = Router();
  const { guard, readModels } = deps;

  router.get('/hires', guard.middleware('listHires'), (req, res) => {
    const { stage, team, location, startMonth, search } = req.query as {
      stage?: JourneyStage;
      team?: string;
      location?: string;
      startMonth?: string;
      search?: string;
    };
    // The mentor relation reads the mentor-load projection's requests table: its checkpoint counts too.
    if (answeredUnchanged(req, res, listETag(req, readModels, [hiresProjection, mentorLoadProjection]))) return;
    const { grant, relations, principal } = accessOf(req);
    // Managers, mentors and new hires list, count and choose among only the hires they are related to.
    const relatedTo = grant === 'own' ? { relatedTo: { personRef: principal.personRef!, as: relations } } : {};
    const filter: HireFilter = {
      ...relatedTo,
      ...(team === undefined ? {} : { team }),
      ...(location === undefined ? {} : { location }),
      ...(startMonth === undefined ? {} : { startMonth }),
      ...(search === undefined ? {} : { search }),
    };
    const organisationId = organisationOf(req);
    const request = pageRequest(req);
    const page = paged(req, () => hiresByStage(readModels, organisationId, stage, { ...request, ...filter }));
    res.json({
      hires: page.items.map(toHireSummary),
      ...(page.next ? { next: page.next } : {}),
      ...(request.after === undefined ? { facets: hireListFacets(readModels, organisationId, filter) } : {}),
    });
  });

  router.get('/tasks', guard.middleware('listOpenTasks'), (req, res) => {
    const { ownerRole, ownerRef } = req.query as { ownerRole: string; ownerRef?: string };
    const owner = { ownerRole, ...(ownerRef === undefined ? {} : { ownerRef }) };
    const { grant, relations, principal } = accessOf(req);
    // A manager, mentor or new hire lists their own tasks: in their role, on their name (filled in when left out).
    if (grant === 'own') {
      if (
        !(relations as readonly string[]).includes(ownerRole) ||
        (ownerRef !== undefined && ownerRef !== principal.personRef)
      ) {
        throw new Problem(403, 'forbidden', { roles: principal.roles.join(', '), operation: 'listOpenTasks' });
      }
      owner.ownerRef = principal.personRef!;
    }
    if (answeredUnchanged(req, res, listETag(req, readModels, [openTasksProjection]))) return;
    const page = paged(req, () => openTasksForOwner(readModels, organisationOf(req), owner, pageRequest(req)));
    const gates = openTaskGates(readModels, organisationOf(req), page.items);
    const english = openTaskEnglishTitles(readModels, organisationOf(req), page.items);
    const tasks = page.items.map((row) => {
      const blockedBy = gates.get(`${row.hireId}/${row.itemId}`);
      const titleEn = english.get(`${row.hireId}/${row.itemId}`);
      return { ...toOpenTask(row), ...(titleEn ? { titleEn } : {}), ...(blockedBy ? { blockedBy } : {}) };
    });
    res.json({ tasks, ...(page.next ? { next: page.next } : {}) });
  });

  return router;
}

/** What the overview draws beside the first page: the stage counts under the other filters, the filters' choices. */
function hireListFacets(
  readModels: ReadModelDb,
  organisationId: string,
  filter: HireFilter,
): Schemas['HireListFacets'] {
  return {
    stages: hireCountsByStage(readModels, organisationId, undefined, filter),
    ...hireFilterChoices(readModels, organisationId, filter.relatedTo),
  };
}

function pageRequest(req: Request): PageRequest {
  const { limit, after } = req.query as { limit?: string; after?: string };
  return { ...(limit === undefined ? {} : { limit: Number(limit) }), ...(after === undefined ? {} : { after }) };
}

function paged<T>(req: Request, read: () => Page<T>): Page<T> {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      const detail =
        req.acceptsLanguages('nl', 'en') === 'en'
          ? 'is not a page cursor of this list'
          : 'is geen paginaverwijzing van deze lijst';
      throw new Problem(400, 'invalid-request', {}, [{ pointer: 'query:after', detail }]);
    }
    throw error;
  }
}

function toHireSummary(row: HireRow): Schemas['HireSummary'] {
  const { organisationId: _organisationId, streamRevision: _revision, ...fields } = row;
  return withoutNulls(fields) as Schemas['HireSummary'];
}

function toOpenTask(row: TaskRow): Schemas['OpenTask'] {
  return withoutNulls({
    hireId: row.hireId,
    itemId: row.itemId,
    kind: row.kind,
    title: row.title,
    ownerRole: row.ownerRole,
    ownerRef: row.ownerRef,
    dueDate: row.dueDate,
    remindedOn: row.remindedOn,
    escalatedOn: row.escalatedOn,
  }) as Schemas['OpenTask'];
}

/** The contract leaves out what is not known rather than sending null. */
function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}
