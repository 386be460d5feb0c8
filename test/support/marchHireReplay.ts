import type { TemplateLookup } from '../../workflows/domain/journey/replay';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import type { HireJourneyInput } from '../../workflows/hireJourneyContract';

/**
 * The hire the replay tests start from: hire h-1, whose first day is Monday 2 March 2026, registered by hr:ann with
 * manager p-manager, under the organisation's own copy of a default template. `known` is the template lookup a
 * replay is handed: it finds that one template (by organisation, id and version) and nothing else, so a replay that
 * asks for another organisation's or version's template gets undefined.
 */
export function marchHireReplay(
  source: JourneyTemplate,
  hire: Pick<HireJourneyInput, 'organisationId' | 'role' | 'team'>,
): { readonly template: JourneyTemplate; readonly input: HireJourneyInput; readonly known: TemplateLookup } {
  const template: JourneyTemplate = { ...source, organisationId: hire.organisationId };
  const input: HireJourneyInput = {
    ...hire,
    hireId: 'h-1',
    startDate: '2026-03-02',
    managerRef: 'p-manager',
    actor: 'hr:ann',
    registrationFingerprint: 'f',
  };
  const known: TemplateLookup = (org, id, version) =>
    org === template.organisationId && id === template.id && version === template.version ? template : undefined;
  return { template, input, known };
}
