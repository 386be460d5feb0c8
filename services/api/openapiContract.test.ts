import { EXIT_REASONS, RETENTION_FACTORS } from '../../workflows/domain/exitReasons';
import { MILESTONE_KINDS, OWNER_ROLES } from '../../workflows/domain/journeyTemplate';
import { PUBLIC_OPERATIONS } from '../auth/permissions';
import { loadOpenApiDocument } from '../http/openapiDocument';
import { RequestValidator } from '../http/requestValidator';
import { JOURNEY_STAGES } from '../projections';

/** The contract spells out the domain's closed lists as enums; these keep the two from drifting apart. */
describe('contracts/openapi.yaml against the domain', () => {
  const document = loadOpenApiDocument();
  const schema = (name: string) => document.components.schemas![name] as Record<string, any>;

  it('offers exactly the exit-reason and retention-factor codes of the taxonomy', () => {
    const { reasons, wouldHaveKept } = schema('ExitInterview').properties;
    // One list of codes, shared by the exit interview and the exit questionnaire.
    expect(reasons.items.$ref).toBe('#/components/schemas/ExitReasonCode');
    expect(schema('ExitReasonCode').enum).toEqual(EXIT_REASONS.map((entry) => entry.code));
    expect(wouldHaveKept.items.enum).toEqual(RETENTION_FACTORS.map((entry) => entry.code));
  });

  it('knows the same owner roles and milestone kinds as the journey templates', () => {
    expect(schema('OwnerRole').enum).toEqual([...OWNER_ROLES]);
    expect(schema('Milestone').properties.kind.enum).toEqual([...MILESTONE_KINDS]);
  });

  it('lists the journey stages the read model filters and counts by, in the same order', () => {
    // JourneyStage in workflows/hireJourneyContract.ts is a type only; the projection's list is its runtime mirror.
    expect(schema('JourneyStage').enum).toEqual([...JOURNEY_STAGES]);
  });

  it('asks credentials of every tenant operation and documents how it is refused', () => {
    const raw = document as unknown as {
      security?: unknown;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(raw.security).toEqual([{ bearer: [] }]);
    expect(raw.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const undocumented: string[] = [];
    for (const [path, pathItem] of Object.entries(document.paths)) {
      for (const operation of Object.values(pathItem) as Record<string, any>[]) {
        if (!operation || typeof operation !== 'object' || !('operationId' in operation)) continue;
        const platform =
          operation.tags?.includes('operations') ||
          (PUBLIC_OPERATIONS as readonly string[]).includes(operation.operationId);
        // The probes and metrics must answer a platform without credentials, a magic link is its own credential;
        // everything else refuses without them.
        if (platform) {
          if (!Array.isArray(operation.security) || operation.security.length !== 0)
            undocumented.push(`${operation.operationId}: security []`);
          continue;
        }
        // A personal role asking for someone else's hire gets 404, as for a hire that does not exist.
        const statuses = ['401', '403', ...(path.includes('{hireId}') ? ['404'] : [])];
        for (const status of statuses) {
          if (!operation.responses?.[status]) undocumented.push(`${operation.operationId}: ${status}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
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
