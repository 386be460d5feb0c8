import type { Request } from 'express';
import type { JourneyView } from '../../workflows/hireJourneyContract';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/journeyState';
import { grantOf } from '../auth/permissions';
import { principalOf } from '../auth/principal';

/**
 * What a caller sees of a journey, whichever operation answers with it (a read or a command): as much as
 * GET /hires/{id} would show them. HR and systems see all; a manager, mentor or new hire does not see which
 * colleagues were asked to mentor and declined; a recruiter sees progress only — no exit interview, not who did what.
 */
export function journeyViewFor(req: Request, view: JourneyView): JourneyView {
  const grant = grantOf('getHire', principalOf(req).roles)?.grant;
  if (grant === 'any') return view;
  const { mentor, items, ...rest } = view;
  const shown: JourneyView = { ...rest, ...(mentor ? { mentor: withoutDeclines(mentor) } : {}) };
  if (grant === 'own' || !items) return items ? { ...shown, items } : shown;
  return {
    ...shown,
    items: items
      .filter((item) => item.id !== EXIT_INTERVIEW_TASK_ID)
      .map(({ completedBy: _completedBy, ...item }) => item),
  };
}

function withoutDeclines(mentor: NonNullable<JourneyView['mentor']>): NonNullable<JourneyView['mentor']> {
  // `asked` is required by the contract: only the mentor asked now (or who accepted) stays in it.
  const current = mentor.status === 'asked' || mentor.status === 'accepted' ? mentor.asked.slice(-1) : [];
  return { ...mentor, asked: current };
}
