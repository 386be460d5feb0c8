import { teamWelcomeText } from './teamWelcomeText';

describe('teamWelcomeText', () => {
  const message = (authorName: string, text: string) => ({ messageId: authorName, authorName, text, writtenAt: '' });

  it('says the team will write while nobody has', () => {
    expect(teamWelcomeText([], 'nl')).toBe('Je team stuurt je ook nog een berichtje.');
    expect(teamWelcomeText([], 'en')).toBe('Your team will send you a message as well.');
  });

  it('quotes every message with the name as written, oldest first', () => {
    expect(
      teamWelcomeText([message('Fatima', 'Fijn dat je komt!'), message('Joost', 'Koffie staat klaar.')], 'nl'),
    ).toBe('Je team schreef je alvast:\n\n"Fijn dat je komt!"\n— Fatima\n\n"Koffie staat klaar."\n— Joost');
  });
});
