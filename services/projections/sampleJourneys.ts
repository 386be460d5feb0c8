/** A realistic set of journeys at every stage, written as the workflow writes them: shared by the projection tests. */
import { addDays } from '../../workflows/domain/calendar';
import type { EventStore } from '../event-store/eventStore';
import { JourneyTemplateStore } from '../templates/journeyTemplateStore';
import { HireScript, RIVIERENLAND, appendPoolEvent, mentorOffered, startSteps } from './journeyScript';

export const ORG = 'rivierenland';

export const EXTRA_INTERVISION = {
  id: 'extra-intervision',
  title: 'Extra begeleide intervisie',
  kind: 'intervision' as const,
  dueOffsetDays: 60,
  responsibleRole: 'hr' as const,
  reminderOffsetDays: -3,
  escalationOffsetDays: 7,
};

/** Nine hires of one organisation, each at another point of its journey, and one of another organisation. */
export async function writeSampleJourneys(store: EventStore): Promise<void> {
  const pool = (type: string, data: Record<string, unknown>, key: string) => appendPoolEvent(store, ORG, type, data, key);
  await pool('MentorOffered', mentorOffered('m-anna'), 'offer:m-anna');
  await pool('MentorOffered', mentorOffered('m-bert'), 'offer:m-bert');
  await pool('MentorOffered', mentorOffered('m-cees', { team: 'Team Zuid' }), 'offer:m-cees');
  await pool('MentorOffered', mentorOffered('m-dora', { maxMentees: 1, active: true }), 'offer:m-dora-1');
  await pool('MentorOffered', mentorOffered('m-dora', { maxMentees: 1, active: false }), 'offer:m-dora-2');

  // Anna: a decline, then a mentor; a reminder, completions, an escalation.
  const anna = new HireScript(store, ORG, 'h-anna');
  await anna.append(...startSteps('2026-02-01', { startDate: '2026-03-02', team: 'Team Noord' }));
  await anna.append({ day: '2026-02-01', type: 'MentorRequested', data: { mentorRef: 'm-anna', answerDeadline: '2026-02-04', hoursPerWeek: 5 } });
  await anna.append({ day: '2026-02-02', type: 'MentorDeclined', actor: 'person:m-anna', data: { mentorRef: 'm-anna' } });
  await anna.append({ day: '2026-02-02', type: 'MentorRequested', data: { mentorRef: 'm-bert', answerDeadline: '2026-02-05', hoursPerWeek: 5 } });
  await pool('MentorAssigned', { mentorRef: 'm-bert', hireId: 'h-anna', hoursPerWeek: 5 }, 'assign:h-anna:m-bert');
  await anna.append(
    { day: '2026-02-03', type: 'MentorAccepted', actor: 'person:m-bert', data: { mentorRef: 'm-bert', hoursPerWeek: 5 } },
    { day: '2026-02-03', type: 'MentorWelcomeMailSent', actor: 'person:m-bert', data: { mentorRef: 'm-bert', coffeeMoment: '2026-02-25', mailDelivered: true } },
  );
  await anna.append({ day: '2026-02-14', type: 'TaskReminderSent', data: { itemId: 'task:read-cv-and-ask-interviewers', title: 'Lees het cv en vraag de sollicitatiecommissie wat opviel', dueDate: '2026-02-16', ownerRole: 'manager', mailDelivered: true } });
  await anna.append({ day: '2026-02-15', type: 'TaskCompleted', actor: 'person:manager-1', data: { itemId: 'task:read-cv-and-ask-interviewers' } });
  await anna.append({ day: '2026-03-01', type: 'TaskEscalated', data: { itemId: 'task:accounts-ready', title: 'Accounts en systemen klaarzetten', dueDate: '2026-02-27', ownerRole: 'it', mailDelivered: true } });
  await anna.append({ day: '2026-04-01', type: 'MilestoneCompleted', actor: 'person:manager-1', data: { itemId: 'milestone:first-month-without-caseload' } });

  // Bas: mentored, then terminated in month two; the exit interview is still to be held.
  const bas = new HireScript(store, ORG, 'h-bas');
  await bas.append(...startSteps('2026-02-01', { startDate: '2026-03-02' }));
  await bas.append({ day: '2026-02-01', type: 'MentorRequested', data: { mentorRef: 'm-cees', answerDeadline: '2026-02-04', hoursPerWeek: 5 } });
  await pool('MentorAssigned', { mentorRef: 'm-cees', hireId: 'h-bas', hoursPerWeek: 5 }, 'assign:h-bas:m-cees');
  await bas.append({ day: '2026-02-02', type: 'MentorAccepted', actor: 'person:m-cees', data: { mentorRef: 'm-cees', hoursPerWeek: 5 } });
  await bas.append({ day: '2026-02-16', type: 'TaskCompleted', actor: 'person:manager-2', data: { itemId: 'task:read-cv-and-ask-interviewers' } });
  await bas.append({ day: '2026-04-01', type: 'MilestoneCompleted', actor: 'person:manager-2', data: { itemId: 'milestone:first-month-without-caseload' } });
  const basOpen = ['task:team-message-before-day-one', 'task:accounts-ready', 'task:workplace-and-equipment-ready', 'welcome-card', 'milestone:caseload-build-up-check'];
  await bas.append({ day: '2026-04-10', type: 'OpenTasksCancelled', actor: 'user:hr-advisor', data: { itemIds: basOpen, reason: 'terminated' } });
  await pool('MentorReleased', { mentorRef: 'm-cees', hireId: 'h-bas', hoursPerWeek: 5 }, 'release:h-bas:m-cees');
  await bas.append(
    { day: '2026-04-10', type: 'MentorshipEnded', data: { mentorRef: 'm-cees', reason: 'journey-ended' } },
    { day: '2026-04-10', type: 'TerminationRegistered', actor: 'user:hr-advisor', data: { lastWorkingDay: '2026-04-30' } },
    { day: '2026-04-10', type: 'ExitInterviewRequested', actor: 'user:hr-advisor', data: { itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2026-04-30', mailDelivered: true } },
  );

  // Cor: asked mentor has not answered; start date moved; the learning line changed for him.
  const cor = new HireScript(store, ORG, 'h-cor');
  await cor.append(...startSteps('2026-03-20', { startDate: '2026-05-04' }));
  await cor.append({ day: '2026-03-20', type: 'MentorRequested', data: { mentorRef: 'm-anna', answerDeadline: '2026-03-23', hoursPerWeek: 5 } });
  await cor.append({ day: '2026-04-01', type: 'StartDateChanged', actor: 'user:hr-advisor', data: { from: '2026-05-04', to: '2026-05-18', endDate: '2027-05-18' } });
  await cor.append(
    { day: '2026-04-02', type: 'LearningLineChanged', actor: 'user:hr-advisor', data: { change: { kind: 'add-milestone', milestone: EXTRA_INTERVISION } } },
    { day: '2026-04-02', type: 'LearningLineChanged', actor: 'user:hr-advisor', data: { change: { kind: 'move-milestone', milestoneId: 'first-month-without-caseload', dueOffsetDays: 45 } } },
    { day: '2026-04-02', type: 'LearningLineChanged', actor: 'user:hr-advisor', data: { change: { kind: 'drop-milestone', milestoneId: 'caseload-build-up-check' } } },
  );

  // Dirk: registered late, on leave for two weeks; a second mentee for Bert.
  const dirk = new HireScript(store, ORG, 'h-dirk');
  await dirk.append(...startSteps('2026-02-01', { startDate: '2026-02-10' }));
  await dirk.append({ day: '2026-02-01', type: 'MentorRequested', data: { mentorRef: 'm-bert', answerDeadline: '2026-02-04', hoursPerWeek: 5 } });
  await pool('MentorAssigned', { mentorRef: 'm-bert', hireId: 'h-dirk', hoursPerWeek: 5 }, 'assign:h-dirk:m-bert');
  await dirk.append({ day: '2026-02-02', type: 'MentorAccepted', actor: 'person:m-bert', data: { mentorRef: 'm-bert', hoursPerWeek: 5 } });
  await dirk.append({ day: '2026-03-01', type: 'LeaveStarted', actor: 'user:hr-advisor', data: { from: '2026-03-01' } });
  await dirk.append({ day: '2026-03-15', type: 'LeaveEnded', actor: 'user:hr-advisor', data: { until: '2026-03-15', endDate: addDays('2027-02-10', 14) } });

  // Eva: withdrew before day one while a mentor was being asked.
  const eva = new HireScript(store, ORG, 'h-eva');
  await eva.append(...startSteps('2026-03-25', { startDate: '2026-04-20' }));
  await eva.append({ day: '2026-03-25', type: 'MentorRequested', data: { mentorRef: 'm-anna', answerDeadline: '2026-03-28', hoursPerWeek: 5 } });
  const evaOpen = ['task:read-cv-and-ask-interviewers', 'task:team-message-before-day-one', 'task:accounts-ready', 'task:workplace-and-equipment-ready', 'welcome-card', 'milestone:first-month-without-caseload', 'milestone:caseload-build-up-check'];
  await eva.append(
    { day: '2026-03-26', type: 'OpenTasksCancelled', actor: 'user:hr-advisor', data: { itemIds: evaOpen, reason: 'withdrawn' } },
    { day: '2026-03-26', type: 'CandidateWithdrawn', actor: 'user:hr-advisor', data: { reason: 'andere baan' } },
    { day: '2026-03-26', type: 'JourneyEnded', actor: 'user:hr-advisor', data: { outcome: 'withdrawn' } },
  );

  // Fleur: registered a week before day one; nobody in the pool has room; start date moved.
  const fleur = new HireScript(store, ORG, 'h-fleur');
  await fleur.append(...startSteps('2026-04-01', { startDate: '2026-04-08' }));
  await fleur.append({ day: '2026-04-02', type: 'StartDateChanged', actor: 'user:hr-advisor', data: { from: '2026-04-08', to: '2026-04-29', endDate: '2027-04-29' } });
  await fleur.append(
    { day: '2026-04-10', type: 'MentorNotFound', data: { asked: [] } },
    { day: '2026-04-10', type: 'TaskOpened', data: { itemId: 'adhoc:find-mentor', title: 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden', ownerRole: 'manager', dueDate: '2026-04-17' } },
  );

  // Gijs: on leave right now; his manager is known.
  const gijs = new HireScript(store, ORG, 'h-gijs');
  await gijs.append(...startSteps('2026-01-05', { startDate: '2026-02-02', managerRef: 'p-manager-7' }));
  await gijs.append({ day: '2026-04-01', type: 'LeaveStarted', actor: 'user:hr-advisor', data: { from: '2026-04-01' } });

  // Hans: only registered so far.
  await new HireScript(store, ORG, 'h-hans').append(startSteps('2026-04-10', { startDate: '2026-06-15' })[0]!);

  // Ida: on a template the organisation published itself.
  const custom = {
    ...RIVIERENLAND,
    id: 'own-way',
    organisationId: ORG,
    name: 'Onze eigen manier',
    preboardingTasks: [{ id: 'our-own-welcome', ownerRole: 'team' as const, title: 'Ons eigen welkomstritueel voorbereiden', dueOffsetDays: -14, reminderOffsetDays: -2, escalationOffsetDays: 1 }],
  };
  await new JourneyTemplateStore(store).publish(custom, 'user:hr-advisor');
  const ida = new HireScript(store, ORG, 'h-ida');
  const [registered, started] = startSteps('2026-04-10', { startDate: '2026-06-15', template: custom });
  await ida.append(registered!);

  // Another organisation, the same hire id.
  const other = new HireScript(store, 'jbwest', 'h-anna');
  const jbwest = (await new JourneyTemplateStore(store).latest('jbwest', 'jbwest-learning-line'));
  await other.append(...startSteps('2026-04-01', { startDate: '2026-06-01', template: jbwest }));

  // Ida's journey starts after another organisation's events: nothing depends on the order between hires.
  await ida.append(started!);
}
