/**
 * The daily reminder digest: one mail a working day per person, listing every open task of every hire that the
 * template's reminder policy (workflows/domain/reminderPolicy.ts) says to remind them of — not one mail per task.
 *
 * Why from the read model and not from events on the hire streams: "daily while overdue" would add an event a day
 * per open task to a hash-chained stream that lives two years; what is due is a pure function of the open tasks,
 * their due dates and the policy, all of which the open_tasks read model already holds (services/projections).
 * Quiet on weekends and Dutch public holidays: the day's window then is empty, and the next working day's window
 * covers the quiet days, so nothing is lost. A working day the process was down for altogether is caught up too:
 * the window reaches back to the day after the organisation's last completed run (reminderDigestLedger.ts), and every
 * line is counted from the day it is sent, so a reminder of the missed day says how many days are left today.
 * Escalations (journeys of patch digest-escalations-v1, TaskEscalated byDigest) are a section of their own in the
 * escalation target's digest — the item's escalateTo, else the hire's manager — instead of a mail per task.
 * Idempotent per recipient and day: a digest is recorded as sent (ReminderDigestSent, in the event store that every
 * replica shares) after the mail went out, and its Message-ID comes from `digest/<org>/<recipient>/<day>`, so a
 * retry after a crash between the two is a mail the receiving side recognises as the same. A retried run sends
 * nothing twice, nor does another replica's.
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import type { JourneyState, ReplayedJourney } from '../../workflows/domain/journey';
import { itemTitleIn } from '../../workflows/domain/journey/itemTitles';
import type { OwnerRole } from '../../workflows/domain/journeyTemplate';
import {
  DEFAULT_REMINDER_POLICY,
  type DigestReason,
  digestLinesFor,
  digestWindow,
} from '../../workflows/domain/reminderPolicy';
import { type Contact, type PeopleDirectory, roleMailboxRef } from '../people/peopleDirectory';
import type { EventStore } from '../event-store/eventStore';
import type { ReadModelDb } from '../projections/projection';
import { WEB_APP_PREFIX } from '../shared/webAppPaths';
import { humanDate } from './mail/humanDate';
import type { Mailer } from './mail/mailer';
import { type MailLanguage, ownerRoleLabel, renderMail } from './mail/mailTemplates';
import { ReminderDigestLedger } from './reminderDigestLedger';

export interface ReminderDigestDeps {
  readonly readModels: ReadModelDb;
  /** Where the ledger of sent digests lives (reminderDigestLedger.ts). */
  readonly store: EventStore;
  readonly directory: PeopleDirectory;
  readonly mailer?: Mailer;
  readonly publicBaseUrl: string;
}

export interface DigestRunResult {
  /** False on a weekend or holiday: no digest goes out that day. */
  readonly workingDay: boolean;
  /** Recipients mailed in this run (not those mailed by an earlier run of the same day). */
  readonly sent: number;
  /** Recipients with lines but no address: nobody to mail. */
  readonly unreachable: number;
}

interface OpenTask {
  readonly hireId: string;
  readonly itemId: string;
  readonly title: string;
  readonly ownerRole: string;
  readonly ownerRef: string | null;
  readonly dueDate: IsoDate;
}

interface DigestEntry {
  readonly task: OpenTask;
  /** The read model keeps the Dutch title; the journey knows the English one (itemTitles.ts). */
  readonly titleEn: string;
  readonly daysLeft: number;
  readonly reason: DigestReason;
}

/** Sends `day`'s digests of one organisation; safe to run again for the same day. */
export async function sendReminderDigests(
  deps: ReminderDigestDeps,
  request: { readonly organisationId: string; readonly day: IsoDate },
): Promise<DigestRunResult> {
  if (!digestWindow(request.day)) return { workingDay: false, sent: 0, unreachable: 0 };
  const { readModels, directory, mailer } = deps;
  const org = request.organisationId;
  const ledger = new ReminderDigestLedger(deps.store, org);
  // Releases before the ledger kept this in the read models: on the day of the upgrade a digest already sent goes
  // again, with the same Message-ID, which the receiving side recognises as the same mail.
  const recorded = await ledger.day(request.day);
  const window = digestWindow(request.day, recorded.lastCompletedBefore)!;
  const journeys = new Map<string, ReplayedJourney | undefined>();
  const journeyOf = (hireId: string) => {
    if (!journeys.has(hireId)) {
      const row = readModels
        .prepare<[string, string], { journey: string }>(
          'SELECT journey FROM open_tasks_journeys WHERE org = ? AND hire_id = ?',
        )
        .get(org, hireId);
      journeys.set(hireId, row ? (JSON.parse(row.journey) as ReplayedJourney) : undefined);
    }
    return journeys.get(hireId);
  };

  const byRecipient = new Map<string, DigestEntry[]>();
  for (const task of openTasks(readModels, org)) {
    const state = journeyOf(task.hireId)?.state;
    const policy = state?.template.reminderPolicy ?? DEFAULT_REMINDER_POLICY;
    const item = state?.plan.items.find((candidate) => candidate.id === task.itemId);
    // Only what the journey escalated to the digest; older journeys mailed their escalations themselves.
    const nudge = journeyOf(task.hireId)?.nudges[task.itemId];
    const escalatedOn = nudge?.escalatedByDigest ? nudge.escalatedOn : undefined;
    const lines = digestLinesFor(
      { dueDate: task.dueDate, ...(escalatedOn === undefined ? {} : { escalatedOn }) },
      window,
      policy,
    );
    const owner = recipientRefOf(task, state?.input.managerRef);
    const titleEn = itemTitleIn(state, task.itemId, task.title, 'en');
    for (const line of lines) {
      const recipient =
        line.to === 'owner' ? owner : escalationTargetRefOf(task, item?.followUp?.escalateTo ?? 'manager', state);
      // A task escalated to its own owner (HR's VOG, escalated to HR) is listed once, as escalated.
      const entries = (byRecipient.get(recipient) ?? []).filter((entry) => line.to === 'owner' || entry.task !== task);
      entries.push({ task, titleEn, daysLeft: line.daysLeft, reason: line.reason });
      byRecipient.set(recipient, entries);
    }
  }

  let sent = 0;
  let unreachable = 0;
  for (const [recipientRef, entries] of [...byRecipient].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (recorded.sentTo.has(recipientRef)) continue;
    const contact = await directory.find(org, recipientRef);
    if (!contact || !mailer) {
      unreachable += 1;
      continue;
    }
    const rendered = await renderDigest(deps, contact, entries, org);
    await mailer.send({
      to: contact.email,
      subject: rendered.subject,
      text: rendered.text,
      language: contact.language,
      idempotencyKey: `digest/${org}/${recipientRef}/${request.day}`,
    });
    await ledger.recordSent(request.day, recipientRef, entries.length);
    sent += 1;
  }
  // Only a run that got through: after a failure the next working day reaches back over this one as well.
  if (!recorded.completed) await ledger.recordCompleted(request.day);
  return { workingDay: true, sent, unreachable };
}

function openTasks(readModels: ReadModelDb, org: string): OpenTask[] {
  return readModels
    .prepare<[string], OpenTaskRow>(
      `SELECT hire_id, item_id, title, owner_role, owner_ref, due_date FROM open_tasks
       WHERE org = ? AND status = 'open' ORDER BY due_date, hire_id, item_id`,
    )
    .all(org)
    .map((row) => ({
      hireId: row.hire_id,
      itemId: row.item_id,
      title: row.title,
      ownerRole: row.owner_role,
      ownerRef: row.owner_ref,
      dueDate: row.due_date,
    }));
}

interface OpenTaskRow {
  hire_id: string;
  item_id: string;
  title: string;
  owner_role: string;
  owner_ref: string | null;
  due_date: string;
}

/** The person a task's lines go to: its holder when known, else the hire (own tasks), manager or role mailbox. */
function recipientRefOf(task: OpenTask, managerRef: string | undefined): string {
  if (task.ownerRef) return task.ownerRef;
  if (task.ownerRole === 'new-hire') return task.hireId;
  if (task.ownerRole === 'manager' && managerRef) return managerRef;
  return roleMailboxRef(task.ownerRole);
}

/** The heading of the escalations in a digest: tasks overdue past the template's escalation days. */
const ESCALATED_HEADING: Record<MailLanguage, string> = {
  nl: 'Geëscaleerd — deze taken zijn te lang blijven liggen; kijk wat er nodig is:',
  en: 'Escalated — these tasks have been open too long; see what they need:',
};

/** Who hears of an escalated task: its hire's manager, the hire, the mentor, or the role's mailbox. */
function escalationTargetRefOf(task: OpenTask, target: OwnerRole, state: JourneyState | undefined): string {
  if (target === 'manager' && state?.input.managerRef) return state.input.managerRef;
  if (target === 'mentor' && state?.mentor.mentorRef) return state.mentor.mentorRef;
  if (target === 'new-hire') return task.hireId;
  return roleMailboxRef(target);
}

async function renderDigest(deps: ReminderDigestDeps, contact: Contact, entries: DigestEntry[], org: string) {
  const language = contact.language;
  // Each hire's name read once, before the lines are written.
  const hireIds = [...new Set(entries.map((entry) => entry.task.hireId))];
  const names = new Map(
    await Promise.all(
      hireIds.map(async (hireId) => [hireId, (await deps.directory.find(org, hireId))?.displayName] as const),
    ),
  );
  const hireName = (hireId: string) =>
    names.get(hireId) ?? (language === 'nl' ? 'de nieuwe collega' : 'the new colleague');
  const line = ({ task, titleEn, daysLeft, reason }: DigestEntry) => {
    const due = humanDate(task.dueDate, language);
    const when =
      reason === 'upcoming'
        ? language === 'nl'
          ? `vóór ${due} (${daysLeft === 0 ? 'vandaag' : `nog ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dagen'}`})`
          : `by ${due} (${daysLeft === 0 ? 'today' : `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`})`
        : language === 'nl'
          ? `${-daysLeft} ${-daysLeft === 1 ? 'dag' : 'dagen'} te laat (was ${due})`
          : `${-daysLeft} ${-daysLeft === 1 ? 'day' : 'days'} overdue (was ${due})`;
    // An escalated task may be someone else's: the line says whose it is.
    const owner = reason === 'escalated' ? ` — ${ownerRoleLabel(task.ownerRole as OwnerRole, language)}` : '';
    const title = language === 'en' ? titleEn : task.title;
    return `- ${title} — ${hireName(task.hireId)}${owner} — ${when}`;
  };
  const own = entries.filter((entry) => entry.reason !== 'escalated').map(line);
  const escalated = entries.filter((entry) => entry.reason === 'escalated').map(line);
  const taskLines = [
    ...(own.length > 0 ? [own.join('\n')] : []),
    ...(escalated.length > 0 ? [`${ESCALATED_HEADING[language]}\n${escalated.join('\n')}`] : []),
  ].join('\n\n');
  const count = entries.length;
  const taskCount =
    language === 'nl' ? `${count} ${count === 1 ? 'taak' : 'taken'}` : `${count} ${count === 1 ? 'task' : 'tasks'}`;
  return renderMail(
    'reminder-digest',
    {
      recipientName: contact.displayName,
      taskCount,
      taskLines,
      appLink: `${deps.publicBaseUrl}${WEB_APP_PREFIX}/tasks`,
    },
    language,
  );
}
