/**
 * Read models for the API's lists, folded from the event store (see projection.ts for the guarantees).
 * Wiring: `const db = openReadModels(config.readModelPath); const runner = startProjections({ store, db,
 * projections: ALL_PROJECTIONS, logger })`; the query functions below read `db` (any connection to the same file).
 */
import { hiresProjection } from './hiresProjection';
import { mentorLoadProjection } from './mentorLoadProjection';
import { openTasksProjection } from './openTasksProjection';
import type { Projection } from './projection';
import { retentionProjection } from './retentionProjection';

export const ALL_PROJECTIONS: readonly Projection[] = [
  hiresProjection,
  openTasksProjection,
  mentorLoadProjection,
  retentionProjection,
];

/** The projections `name` stands for: one by name, or every one for 'all'; undefined for an unknown name. */
export function projectionsNamed(name: string): readonly Projection[] | undefined {
  if (name === 'all') return ALL_PROJECTIONS;
  const projection = ALL_PROJECTIONS.find((candidate) => candidate.name === name);
  return projection ? [projection] : undefined;
}

export { type Page, type PageRequest, InvalidCursorError } from './eventFacts';
export {
  type HireFilter,
  type HireRelation,
  type HireRow,
  type HiresQuery,
  JOURNEY_STAGES,
  hireById,
  hireCountsByStage,
  hireFilterChoices,
  hiresByStage,
  hiresProjection,
} from './hiresProjection';
export {
  type MentorLoadRow,
  type MentorRequestRow,
  mentorLoad,
  mentorLoadOf,
  mentorLoadProjection,
  requestsWaitingFor,
} from './mentorLoadProjection';
export { openTasksProjection } from './openTasksProjection';
export { type TaskOwner, openTaskGates, openTasksForOwner, tasksOfHire } from './openTasksQueries';
export type { TaskRow, TaskStatus } from './openTasksSchema';
export { type RetentionRow, retentionProjection, retentionRows } from './retentionProjection';
export {
  type Projection,
  type ReadModelDb,
  CheckpointMovedError,
  hasCaughtUpOnce,
  loadCheckpoint,
  markCaughtUp,
  readModelFileId,
  openReadModels,
  projectionStatus,
} from './projection';
export { type ProjectionRunner, catchUp, rebuild, startProjections } from './projectionRunner';
