import type {
  ExitReason,
  JourneyItem,
  JourneyStage,
  MentorStatus,
  OwnerRole,
  RetentionFactor,
  Role,
} from '../api/schemas';
import type { TimelineState } from '../features/hires/journeyTimeline';

export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** What the catalogues must name for every value of the contract's closed lists. */
export interface ContractLabels {
  readonly roles: Record<Role, string>;
  readonly stages: Record<JourneyStage, string>;
  readonly ownerRoles: Record<OwnerRole, string>;
  readonly itemKinds: Record<JourneyItem['kind'], string>;
  readonly mentorStatus: Record<MentorStatus, string>;
  readonly timeline: Record<TimelineState, string>;
  readonly exitReasons: Record<ExitReason, string>;
  readonly retentionFactors: Record<RetentionFactor, string>;
}

/** Strings stay strings and functions keep their parameters, but not their Dutch literal values. */
type Widen<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : Widen<T[K]>;
};

/** The shape of the Dutch catalogue: the English one must have exactly its keys (web/src/i18n/en.ts). */
export type Catalogue = Widen<typeof import('./nl').nl>;
