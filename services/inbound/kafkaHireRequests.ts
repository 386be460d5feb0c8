import type { Client } from '@temporalio/client';
import { HireRegistration } from '../registration/hireRegistration';
import { loadOpenApiDocument } from '../http/openapiDocument';
import { RequestValidator } from '../http/requestValidator';
import type { EventStore } from '../event-store/eventStore';
import type { PeopleDirectory } from '../people/peopleDirectory';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { startHireRequestConsumer } from './hireRequestConsumer';

/** The inbound hire-request topic as every process runs it: the API's registration and its contract. */
export function startKafkaHireRequests(
  kafka: NonNullable<Config['kafka']>,
  deps: { client: Client; store: EventStore; taskQueue: string; logger: Logger; directory: PeopleDirectory },
): Promise<{ stop(): Promise<void> }> {
  const registration = new HireRegistration({ ...deps, templates: new JourneyTemplateStore(deps.store) });
  return startHireRequestConsumer({
    kafka,
    registration,
    validator: new RequestValidator(loadOpenApiDocument()),
    logger: deps.logger,
  });
}
