import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAIL_PLACEHOLDERS,
  MAIL_TEMPLATES_DIR,
  MailTemplateError,
  type MailTemplateName,
  ownerRoleLabel,
  parseMailTemplate,
  placeholdersIn,
  renderMail,
  renderMailSource,
} from './mailTemplates';
import { welcomeMailValues } from '../../../test/support/welcomeMailValues';
import { humanDate } from './humanDate';

describe('renderMail', () => {
  it('writes Dutch by default', async () => {
    const mail = await renderMail('welcome-new-hire', welcomeMailValues);
    expect(mail.subject).toBe('Welkom bij Jeugdzorg Rivierenland, Sanne!');
    expect(mail.text).toMatch(
      /^Beste Sanne,\n\nWat fijn dat je op maandag 3 maart 2025 bij Jeugdzorg Rivierenland begint\./,
    );
    expect(mail.text).not.toMatch(/\{\{|\}\}/);
  });

  it('writes English on request', async () => {
    const mail = await renderMail(
      'welcome-new-hire',
      { ...welcomeMailValues, startDate: humanDate('2025-03-03', 'en') },
      'en',
    );
    expect(mail.subject).toBe('Welcome to Jeugdzorg Rivierenland, Sanne!');
    expect(mail.text).toContain('joining Jeugdzorg Rivierenland on Monday 3 March 2025');
  });

  it('fails clearly, naming what is missing, rather than send a mail with a hole in it', async () => {
    const { contactPersonName: _left, ...incomplete } = welcomeMailValues;
    await expect(renderMail('welcome-new-hire', incomplete as never)).rejects.toThrow(
      new MailTemplateError('Mail template nl/welcome-new-hire.txt needs a value for {{contactPersonName}}'),
    );
    await expect(renderMail('welcome-new-hire', { ...welcomeMailValues, hireName: '  ' })).rejects.toThrow(
      /\{\{hireName\}\}/,
    );
  });

  it('fails clearly on a language or a file that is not there', async () => {
    await expect(renderMail('welcome-new-hire', welcomeMailValues, 'de' as never)).rejects.toThrow(
      /Mail template de\/welcome-new-hire\.txt cannot be read/,
    );
  });

  it('reads from another folder, so an organisation can bring its own texts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mail-templates-'));
    await mkdir(join(dir, 'nl'));
    await writeFile(
      join(dir, 'nl', 'survey-reminder.txt'),
      'Onderwerp: Nog even dit\n\nHoi {{hireName}}: {{surveyLink}}\n',
    );
    const mail = await renderMail(
      'survey-reminder',
      { hireName: 'Sanne', organisationName: 'x', surveyLink: 'https://s.example/abc' },
      'nl',
      dir,
    );
    expect(mail).toEqual({ subject: 'Nog even dit', text: 'Hoi Sanne: https://s.example/abc\n' });
  });
});

describe('renderMailSource', () => {
  it('keeps a line break in a value out of the subject', () => {
    const mail = renderMailSource('Subject: Hi {{name}}\n\nDear {{name}}', { name: 'A\r\nBcc: x@y.z' }, 'test');
    expect(mail.subject).toBe('Hi A Bcc: x@y.z');
  });

  it('wants a subject line first', () => {
    expect(() => parseMailTemplate('Beste {{hireName}},\n', 'nl/x.txt')).toThrow(/must start with a subject line/);
  });

  it('accepts Windows line endings and a byte-order mark, as an editor may save them', () => {
    expect(parseMailTemplate('\uFEFFOnderwerp: Hoi\r\n\r\nRegel 1\r\nRegel 2\r\n\r\n', 'x')).toEqual({
      subject: 'Hoi',
      body: 'Regel 1\nRegel 2\n',
    });
  });
});

describe('the template files', () => {
  const names = Object.keys(MAIL_PLACEHOLDERS) as MailTemplateName[];

  it.each(['nl', 'en'])('in %s are all there, and ask only for what the software provides', async (language) => {
    const files = (await readdir(join(MAIL_TEMPLATES_DIR, language))).sort();
    expect(files).toEqual(names.map((name) => `${name}.txt`).sort());
    for (const name of names) {
      const source = await readFile(join(MAIL_TEMPLATES_DIR, language, `${name}.txt`), 'utf8');
      const { subject, body } = parseMailTemplate(source, `${language}/${name}`);
      const asked = new Set([...placeholdersIn(subject), ...placeholdersIn(body)]);
      expect({
        name,
        unknown: [...asked].filter((key) => !(MAIL_PLACEHOLDERS[name] as readonly string[]).includes(key)),
      }).toEqual({ name, unknown: [] });
    }
  });

  it('keep the survey mails anonymous: a link and a greeting, nothing else about the person', () => {
    for (const name of ['survey-invitation', 'survey-reminder'] as const) {
      expect([...MAIL_PLACEHOLDERS[name]].sort()).toEqual(['hireName', 'organisationName', 'surveyLink']);
    }
    expect([...MAIL_PLACEHOLDERS['survey-pulse']].sort()).toEqual([
      'hireName',
      'organisationName',
      'surveyDays',
      'surveyLink',
    ]);
  });

  it('render with every value given', async () => {
    for (const language of ['nl', 'en'] as const) {
      for (const name of names) {
        const values = Object.fromEntries(MAIL_PLACEHOLDERS[name].map((key) => [key, `<${key}>`]));
        const mail = await renderMail(name, values as never, language);
        expect(`${mail.subject}\n${mail.text}`).not.toMatch(/\{\{|\}\}/);
      }
    }
  });
});

describe('ownerRoleLabel', () => {
  it('names roles as people say them', () => {
    expect(ownerRoleLabel('facilities')).toBe('facilitaire zaken');
    expect(ownerRoleLabel('new-hire', 'en')).toBe('the new colleague');
  });
});

describe('humanDate', () => {
  it('writes dates as in a letter, leap day included', () => {
    expect(humanDate('2024-02-29')).toBe('donderdag 29 februari 2024');
    expect(humanDate('2025-12-31', 'en')).toBe('Wednesday 31 December 2025');
  });
});
