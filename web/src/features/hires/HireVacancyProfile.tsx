import { Column, Heading, Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { $api, organisationHeader } from '../../api/client';
import type { Role } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { mayDo } from '../../session/permissions';

/**
 * Stage 1, profielbepaling: what the vacancy profile the hire was registered on expects of them and which talents it
 * asks, so the manager and the mentor who guide them know what the hire was taken on for
 * (GET /hires/{hireId}/vacancy-profile; the API decides who may see it). A hire registered without a profile shows
 * nothing here.
 */
export function HireVacancyProfile({ hireId, role, titledFor }: { hireId: string; role: Role; titledFor?: string }) {
  const { t } = useLanguage();
  const allowed = mayDo(role, 'getHireVacancyProfile');
  const profile = $api.useQuery(
    'get',
    '/hires/{hireId}/vacancy-profile',
    { params: { header: organisationHeader(), path: { hireId } } },
    { enabled: allowed, retry: false },
  );
  if (!allowed) return null;
  if (profile.isError)
    return (profile.error as { status?: number } | null)?.status === 404 ? null : (
      <ProblemAlert problem={profile.error} />
    );
  if (!profile.data) return null;
  const { expectations, talents, profileId, version } = profile.data;
  const id = `vacancy-profile-${hireId}`;
  return (
    <section aria-labelledby={id} data-testid="hire-vacancy-profile" data-hire-id={hireId}>
      <Column gap="small">
        <Heading level={titledFor ? 3 : 2} size={titledFor ? 'level-4' : 'level-3'} id={id}>
          {titledFor ? t.hireProfile.headingFor(titledFor) : t.hireProfile.heading}
        </Heading>
        <Paragraph size="small">{t.hireProfile.source(profileId, version)}</Paragraph>
        <Heading level={titledFor ? 4 : 3} size="level-5">
          {t.hireProfile.expectations}
        </Heading>
        <ProfileList items={expectations} testId="hire-expectations" />
        <Heading level={titledFor ? 4 : 3} size="level-5">
          {t.hireProfile.talents}
        </Heading>
        <ProfileList items={talents} testId="hire-talents" />
      </Column>
    </section>
  );
}

function ProfileList({ items, testId }: { items: readonly string[]; testId: string }) {
  const { t } = useLanguage();
  if (items.length === 0) return <Paragraph data-testid={testId}>{t.hireProfile.none}</Paragraph>;
  return (
    <UnorderedList data-testid={testId}>
      {items.map((item) => (
        <UnorderedList.Item key={item}>{item}</UnorderedList.Item>
      ))}
    </UnorderedList>
  );
}
