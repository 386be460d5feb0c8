import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOpenApiDocument } from '../../services/http/openapiDocument';

/**
 * A survey item's topic is one closed list in three places: the domain's SurveyTopic (the compiler holds the
 * OpenAPI enum to it, services/api/surveyFollowUpRouter.ts), the OpenAPI enum, and the events' surveyTopic.json.
 * An owner saved for a topic the events cannot carry would be refused only at append; this keeps the last two equal.
 */
describe('the survey topics of the contracts', () => {
  it('are the same list in contracts/openapi.yaml and contracts/events/surveyTopic.json', () => {
    const events = JSON.parse(readFileSync(join(__dirname, '../../contracts/events/surveyTopic.json'), 'utf8')) as {
      enum: string[];
    };
    const openapi = loadOpenApiDocument() as unknown as {
      components: { schemas: { SurveyTopic: { enum: string[] } } };
    };
    expect(events.enum).toEqual(openapi.components.schemas.SurveyTopic.enum);
    expect(events.enum).toHaveLength(8);
  });
});
