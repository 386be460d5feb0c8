import { EXIT_REASONS, RETENTION_FACTORS } from '../../workflows/domain/exitReasons';
import { MILESTONE_KINDS, OWNER_ROLES } from '../../workflows/domain/journeyTemplate';
import { loadOpenApiDocument } from './openapiDocument';
import { RequestValidator } from './requestValidator';

/** The contract spells out the domain's closed lists as enums; these keep the two from drifting apart. */
describe('contracts/openapi.yaml against the domain', () => {
  const document = loadOpenApiDocument();
  const schema = (name: string) => document.components.schemas![name] as Record<string, any>;

  it('offers exactly the exit-reason and retention-factor codes of the taxonomy', () => {
    const { reasons, wouldHaveKept } = schema('ExitInterview').properties;
    expect(reasons.items.enum).toEqual(EXIT_REASONS.map((entry) => entry.code));
    expect(wouldHaveKept.items.enum).toEqual(RETENTION_FACTORS.map((entry) => entry.code));
  });

  it('knows the same owner roles and milestone kinds as the journey templates', () => {
    expect(schema('OwnerRole').enum).toEqual([...OWNER_ROLES]);
    expect(schema('Milestone').properties.kind.enum).toEqual([...MILESTONE_KINDS]);
  });

  it('lists the journey stages of the workflow contract', () => {
    // JourneyStage in workflows/hireJourneyContract.ts is a type only; this list is its runtime mirror.
    expect(schema('JourneyStage').enum).toEqual(['registered', 'preboarding', 'onboarding', 'on-leave', 'leaving', 'ended']);
  });

  it('compiles every operation for request validation', () => {
    const validator = new RequestValidator(document);
    for (const pathItem of Object.values(document.paths)) {
      for (const operation of Object.values(pathItem)) {
        if (operation && typeof operation === 'object' && 'operationId' in operation) {
          expect(() => validator.middleware(operation.operationId)).not.toThrow();
        }
      }
    }
  });
});
