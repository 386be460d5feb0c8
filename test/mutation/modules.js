/**
 * The pure modules under mutation testing and the unit tests that cover them. Neither list needs Temporal, Kafka or
 * SMTP (SQLite runs in-process), so a mutation run is minutes on a 2-core machine. One list for Stryker and for Jest.
 */
const MUTATED = [
  // The journey's rules: the decider and what it builds on.
  'workflows/domain/journey/decide.ts',
  'workflows/domain/journey/evolve.ts',
  'workflows/domain/journey/replay.ts',
  'workflows/domain/journey/upcast.ts',
  'workflows/domain/calendar.ts',
  'workflows/domain/exitReasons.ts',
  'workflows/domain/journeyTemplate.ts',
  'workflows/domain/mentorMatching.ts',
  'workflows/domain/planningWindow.ts',
  'workflows/domain/schedule.ts',
  // The integrity code.
  'services/event-store/canonicalJson.ts',
  'services/event-store/hashChainedEventStore.ts',
  'services/event-store/hireStreamChain.ts',
  'services/event-store/verifyHireStreamChain.ts',
  'services/event-store/chainHeadLog.ts',
  'services/event-store/chainExport.ts',
  'services/privacy/personalDataVault.ts',
  'services/privacy/aesGcm.ts',
  // The as-of fold, the HRIS diff and the permission table.
  'services/audit/journeyStateAsOf.ts',
  'services/hris-connector/employmentChanges.ts',
  'services/auth/permissions.ts',
];

/**
 * Not here: workflows/domain/journey/journeyRejections.test.ts, which reads the decider's source for the codes it
 * names. Under Stryker that source is instrumented (every literal wrapped in a mutant switch), so the scan finds
 * almost none. The catalogue it checks (journeyRejections.ts) is not a mutated module.
 */
const TESTS = [
  'workflows/domain/journey/decide.test.ts',
  'workflows/domain/journey/evolve.test.ts',
  'workflows/domain/journey/offboarding.test.ts',
  'workflows/domain/journey/decideRejections.test.ts',
  'workflows/domain/journey/hireRegisteredData.test.ts',
  'workflows/domain/journey/replay.test.ts',
  'workflows/domain/journey/upcast.test.ts',
  'workflows/domain/journey/adhocEscalation.test.ts',
  'workflows/domain/journey/adhocTaskChanges.test.ts',
  'workflows/domain/journey/digestEscalations.test.ts',
  'workflows/domain/journey/gates.test.ts',
  'workflows/domain/journey/planItemChanges.test.ts',
  'workflows/domain/journey/events.test.ts',
  'workflows/domain/journey/surveyPulses.test.ts',
  'workflows/domain/calendar.test.ts',
  'workflows/domain/exitReasons.test.ts',
  'workflows/domain/journeyTemplate.test.ts',
  'workflows/domain/mentorMatching.test.ts',
  'workflows/domain/schedule.test.ts',
  'workflows/domain/schedulePlanItems.test.ts',
  'workflows/domain/planningWindow.test.ts',
  'services/event-store/hashChainedEventStore.test.ts',
  'services/event-store/hireStreamChain.test.ts',
  'services/event-store/hireStreamChainScheme.test.ts',
  'services/event-store/tamperEvidence.test.ts',
  'services/event-store/verifyHireStreamChain.test.ts',
  'services/event-store/chainHeadLog.test.ts',
  'services/event-store/chainExportVerdicts.test.ts',
  'services/privacy/personalDataVault.test.ts',
  'services/privacy/vaultKeys.test.ts',
  'services/privacy/vaultFormat.test.ts',
  'services/audit/journeyStateAsOf.test.ts',
  'services/hris-connector/employmentChanges.test.ts',
  'test/auth/permissionTable.test.ts',
];

module.exports = { MUTATED, TESTS };
