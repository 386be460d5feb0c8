/**
 * The journey's code as journeys begun before the decider run it (workflows/hireJourneyLegacy.ts), under the
 * workflow type the API talks to: a fresh run of the production bundle always takes the newest path, so this is
 * how a test gets a running journey on the old rules.
 */
import type { HireJourneyInput } from '../../workflows/hireJourneyContract';
import { legacyJourney } from '../../workflows/hireJourneyLegacy';

export async function hireJourney(input: HireJourneyInput) {
  return legacyJourney(input);
}
