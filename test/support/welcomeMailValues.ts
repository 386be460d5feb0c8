import { humanDate } from '../../services/worker/mail/humanDate';

/** The welcome-new-hire mail's placeholders, all filled: Sanne starts at Jeugdzorg Rivierenland on 3 March 2025. */
export const welcomeMailValues = {
  hireName: 'Sanne',
  organisationName: 'Jeugdzorg Rivierenland',
  startDate: humanDate('2025-03-03'),
  contactPersonName: 'Ahmed',
  contactPersonEmail: 'ahmed@jeugdzorg.example',
  appLink: 'https://onboarding.example/app/link#sml_x.y',
  teamMessages: 'Je team schreef je alvast:\n\n"We kijken uit naar je verhalen."\n— Fatima',
};
