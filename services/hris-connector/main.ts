import { runDeployable } from '../shared/runDeployable';
import { eventStoreCheck, temporalCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { openPeopleDirectory } from '../people/openPeopleDirectory';
import { openEventStore } from '../event-store/openEventStore';
import { connectTemporal } from '../shared/temporalConnection';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { systemClock } from './clock';
import type { TemplateMapping } from './employmentChanges';
import { startPolling } from './hrisPoller';
import { openHrisStore } from './openHrisStore';
import { HireRegistration } from '../registration/hireRegistration';
import { JourneyDispatcher } from './journeyDispatcher';
import { createConnector, loadOrganisations } from './organisations';

/**
 * The HRIS connector as its own deployable (ops endpoints on OPS_PORT): polls every configured organisation's YouForce or AFAS, records what
 * changed, starts journeys for hires and tells running journeys about start-date changes and terminations.
 */
runDeployable('hris-connector', async (config, logger) => {
  if (!config.hris.organisationsPath)
    throw new Error('HRIS_ORGANISATIONS_PATH is niet gezet: de connector weet niet welke organisaties hij moet peilen');
  const organisations = loadOrganisations(config.hris.organisationsPath, process.env);
  const eventStore = openEventStore(config, logger);
  // A mapping to a template that does not exist would fail every hire's journey at its first step: refuse to start.
  const templates = new JourneyTemplateStore(eventStore);
  for (const organisation of organisations) {
    for (const templateId of mappedTemplates(organisation.templates))
      await templates.latest(organisation.organisationId, templateId);
  }
  const temporal = await connectTemporal(config, logger);
  const { store, close: closeStore } = await openHrisStore(config, logger);
  const people = await openPeopleDirectory(config, logger);
  const { directory } = people;
  const registration = new HireRegistration({
    client: temporal.client,
    store: eventStore,
    taskQueue: config.temporal.taskQueue,
    logger,
    templates,
    directory,
  });
  const dispatcher = new JourneyDispatcher({
    client: temporal.client,
    registration,
    store,
    directory,
    clock: systemClock,
    logger,
  });
  const polling = startPolling(
    organisations.map((settings) => ({ settings, connector: createConnector(settings, systemClock) })),
    { store, dispatcher, clock: systemClock, logger },
  );
  const { ops } = await startServiceOperations(config, logger, {
    temporal: temporalCheck(temporal.client),
    eventStore: eventStoreCheck(eventStore),
  });
  logger.info(
    { organisations: organisations.map((organisation) => `${organisation.organisationId}:${organisation.hris}`) },
    'HR-systemen worden gepeild',
  );
  return async () => {
    await ops.close();
    await polling.stop();
    await people.close();
    await closeStore();
    await temporal.close();
    await eventStore.close();
  };
});

function mappedTemplates(mapping: TemplateMapping): Set<string> {
  return new Set([
    ...Object.values(mapping.jobProfiles ?? {}),
    ...Object.values(mapping.organizationUnits ?? {}),
    ...(mapping.default ? [mapping.default] : []),
  ]);
}
