import type Database from 'better-sqlite3';
import { type HireFreeTexts, createHireFreeTextsTable, saveHireFreeText } from './hireFreeTexts';

/**
 * HR's reason for a change to one hire's plan (POST /hires/{hireId}/plan-changes): free text by a person, so it is
 * kept beside the contact details (services/people/peopleDirectory.ts), never on the hire's hash-chained stream, and
 * erasing the hire removes it. The plan-change events carry only the change's id (`changeId`).
 */
export function createPlanChangeReasonsTable(db: Database.Database): void {
  createHireFreeTextsTable(db, PLAN_CHANGE_REASONS);
}

const PLAN_CHANGE_REASONS: HireFreeTexts = {
  table: 'plan_change_reasons',
  keyColumn: 'change_id',
  textColumn: 'reason',
};

export interface PlanChangeReason {
  readonly organisationId: string;
  readonly hireId: string;
  readonly changeId: string;
  readonly reason: string;
}

/** A retried request writes the same row: the change id comes from its Idempotency-Key. */
export function savePlanChangeReason(db: Database.Database, reason: PlanChangeReason): void {
  saveHireFreeText(db, PLAN_CHANGE_REASONS, { ...reason, key: reason.changeId, text: reason.reason });
}

export function planChangeReasonsOf(
  db: Database.Database,
  hire: { organisationId: string; hireId: string },
): { changeId: string; reason: string }[] {
  return db
    .prepare<[string, string], { change_id: string; reason: string }>(
      `SELECT change_id, reason FROM plan_change_reasons WHERE organisation_id = ? AND hire_id = ? ORDER BY change_id`,
    )
    .all(hire.organisationId, hire.hireId)
    .map((row) => ({ changeId: row.change_id, reason: row.reason }));
}

/** Part of a person's erasure: the reasons HR gave for changes to their plan as a new hire. */
export function erasePlanChangeReasonsFor(db: Database.Database, organisationId: string, personRef: string): void {
  db.prepare(`DELETE FROM plan_change_reasons WHERE organisation_id = ? AND hire_id = ?`).run(
    organisationId,
    personRef,
  );
}
