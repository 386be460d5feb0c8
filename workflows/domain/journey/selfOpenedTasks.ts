/**
 * The tasks the journey opens itself, outside the template (finding a mentor by hand, the exit interview): their
 * ids and their titles in both languages, in one place. Events record the Dutch title (what was decided); the
 * English is looked up here by id (itemTitles.ts), so a journey view, a task list and a mail say the same. A leaf
 * module: state.ts and itemTitles.ts both import it, and it imports neither.
 */
export interface SelfOpenedTask {
  readonly id: string;
  readonly title: string;
  readonly titleEn: string;
}

export const FIND_MENTOR_TASK: SelfOpenedTask = {
  id: 'adhoc:find-mentor',
  title: 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden',
  titleEn: 'Find a mentor yourself: nobody in the mentor pool can guide this colleague',
};

export const EXIT_INTERVIEW_TASK: SelfOpenedTask = {
  id: 'adhoc:exit-interview',
  title: 'Voer het exitgesprek en leg de vertrekredenen vast',
  titleEn: 'Hold the exit interview and record the reasons for leaving',
};

const SELF_OPENED_TASKS: readonly SelfOpenedTask[] = [FIND_MENTOR_TASK, EXIT_INTERVIEW_TASK];

export function selfOpenedTaskOf(itemId: string): SelfOpenedTask | undefined {
  return SELF_OPENED_TASKS.find((task) => task.id === itemId);
}
