import { sqliteEventStorePerTest } from '../../test/support/sqliteEventStorePerTest';
import {
  QuestionnaireNotFoundError,
  QuestionnaireStore,
  QuestionnaireVersionConflictError,
} from './questionnaireStore';

describe('published questionnaire versions', () => {
  const sqlite = sqliteEventStorePerTest('questionnaires', (raw) => new QuestionnaireStore(raw));
  const organisationId = 'org-q';
  const questionnaireId = 'ninety-days';

  it('reads every version back as published, the built-in one as 1, and no version beyond the newest', async () => {
    const questionnaires = sqlite.store;
    const builtIn = await questionnaires.latest(organisationId, questionnaireId);
    expect(builtIn.version).toBe(1);
    const renamed = (version: number) => ({
      ...builtIn,
      version,
      name: { ...builtIn.name, nl: `${builtIn.name.nl} (versie ${version})` },
    });
    await questionnaires.publish(renamed(2), 'hr');
    await questionnaires.publish(renamed(3), 'hr');

    expect(await questionnaires.version(organisationId, questionnaireId, 1)).toEqual(builtIn);
    expect(await questionnaires.version(organisationId, questionnaireId, 2)).toEqual(renamed(2));
    expect(await questionnaires.version(organisationId, questionnaireId, 3)).toEqual(renamed(3));
    expect(await questionnaires.publishedVersion(organisationId, questionnaireId)).toBe(3);
    await expect(questionnaires.version(organisationId, questionnaireId, 4)).rejects.toThrow(
      QuestionnaireNotFoundError,
    );
    await expect(questionnaires.publish(renamed(3), 'hr')).rejects.toThrow(QuestionnaireVersionConflictError);
  });
});
