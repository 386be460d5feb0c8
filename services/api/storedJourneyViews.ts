import { type IsoDate, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import {
  NOTHING_REPLAYED,
  type ReplayedJourney,
  type TemplateLookup,
  journeyView,
  replayEvent,
} from '../../workflows/domain/journey';
import { type JourneyView, hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { recordedJourneyEvent } from '../audit/journeyStateAsOf';
import type { EventStore, RecordedEvent } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import type { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { startedTemplate } from '../templates/startedTemplate';

interface Folded {
  readonly replayed: ReplayedJourney;
  readonly templates: TemplateLookup;
  /** The last event folded: the next read starts there, and finds it again unless the stream was deleted. */
  readonly revision: bigint;
  readonly lastEventId: string;
  /** Whether the plan came from the template the journey started on, not a stand-in without titles. */
  readonly templateKnown: boolean;
  /**
   * The view last answered from this fold, and the day it was for: a page polls the same hire every few seconds,
   * and working the view out (every item's offered changes) costs more than the read that finds nothing new.
   */
  view?: { readonly today: IsoDate; readonly view: JourneyView };
}

/**
 * Journeys folded in memory at most; about 12 KiB each with the view last answered (a new hire on the default
 * template), so the API stays near ~120 MB however many hires it serves.
 */
const DEFAULT_CAPACITY = 10_000;

/**
 * A journey's view answered from its events, as the workflow's query would (the same evolve, the same journeyView),
 * without asking Temporal: reads then cost one indexed stream read, not a round trip through the worker, and they
 * keep answering while the worker is busy or down. Every event the journey recorded is in its stream before the
 * workflow's own state moves on, so the view is never behind what the workflow would say.
 *
 * Each hire's fold is kept (least recently used out) and moved on by the events recorded since. `undefined` means
 * the events cannot answer — no journey started yet, or a template the store does not know — and the caller asks
 * the workflow.
 */
export class StoredJourneyViews {
  private readonly folds = new Map<string, Folded>();

  constructor(
    private readonly store: EventStore,
    private readonly templates: JourneyTemplateStore,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  async view(organisationId: string, hireId: string, now = Date.now()): Promise<JourneyView | undefined> {
    const streamName = hireStreamName({ organisationId, hireId });
    const folded = await this.foldedUpToDate(streamName);
    const state = folded?.replayed.state;
    if (!folded?.templateKnown || !state) return undefined;
    const today = isoDateOfEpochMs(now);
    if (folded.view?.today !== today) {
      // The fold cannot know the workflow's id (events do not name it); every journey's id is derived from the hire.
      const workflowId = hireJourneyWorkflowId(organisationId, hireId);
      folded.view = { today, view: journeyView({ ...state, workflowId }, today) };
    }
    return folded.view.view;
  }

  private async foldedUpToDate(streamName: string): Promise<Folded | undefined> {
    const cached = this.folds.get(streamName);
    this.folds.delete(streamName);
    const folded = (cached && (await this.caughtUp(streamName, cached))) ?? (await this.foldWhole(streamName));
    if (folded) this.remember(streamName, folded);
    return folded;
  }

  /** The cached fold moved on by what was recorded since; undefined when its last event is no longer there. */
  private async caughtUp(streamName: string, cached: Folded): Promise<Folded | undefined> {
    let folded = cached;
    let first = true;
    for await (const event of this.store.readStream(streamName, { fromRevision: cached.revision })) {
      if (first) {
        first = false;
        if (event.id !== cached.lastEventId) return undefined;
        continue;
      }
      folded = this.folded(folded, event);
    }
    return first ? undefined : folded;
  }

  private async foldWhole(streamName: string): Promise<Folded | undefined> {
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(streamName)) events.push(event);
    if (events.length === 0) return undefined;
    const lookup = await startedTemplate(this.templates, events);
    let templateKnown = false;
    const templates: TemplateLookup = (organisationId, templateId, version) => {
      const template = lookup(organisationId, templateId, version);
      templateKnown ||= template !== undefined;
      return template;
    };
    let folded: Folded = { replayed: NOTHING_REPLAYED, templates, revision: -1n, lastEventId: '', templateKnown };
    for (const event of events) folded = { ...this.folded(folded, event), templateKnown };
    return folded;
  }

  private folded(folded: Folded, event: RecordedEvent): Folded {
    return {
      ...folded,
      replayed: replayEvent(folded.replayed, recordedJourneyEvent(event), folded.templates),
      revision: event.revision,
      lastEventId: event.id,
      view: undefined,
    };
  }

  private remember(streamName: string, folded: Folded): void {
    this.folds.set(streamName, folded);
    if (this.folds.size <= this.capacity) return;
    const oldest = this.folds.keys().next().value;
    if (oldest !== undefined) this.folds.delete(oldest);
  }
}
