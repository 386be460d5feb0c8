import { DescriptionList, Link as DsLink } from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import type { Hire } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { Fact } from '../../layout/Fact';
import { PageSection } from '../../layout/PageSection';

/** What HR knows of one hire at a glance: where the journey stands, the job, its dates and the hires it links to. */
export function HireFacts({ hire }: { hire: Hire }) {
  const { t } = useLanguage();
  return (
    <PageSection id="facts" heading={t.hire.facts}>
      <DescriptionList>
        <Fact term={t.hire.stage} testId="hire-stage">
          {t.stages[hire.stage]}
        </Fact>
        <Fact term={t.hire.role}>{hire.role}</Fact>
        {hire.team && <Fact term={t.hire.team}>{hire.team}</Fact>}
        <Fact term={t.hire.startDate} testId="hire-start-date">
          {hire.startDate}
        </Fact>
        {hire.endDate && <Fact term={t.hire.endDate}>{hire.endDate}</Fact>}
        {hire.outcome && (
          <Fact term={t.journeyEnd.outcome} testId="hire-outcome">
            {t.journeyEnd.outcomes[hire.outcome]}
          </Fact>
        )}
        {hire.rehireOf && (
          <Fact term={t.rehire.rehireOf} testId="hire-rehire-of">
            <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(hire.rehireOf)}`}>
              {hire.rehireOf}
            </DsLink>
          </Fact>
        )}
        {hire.rehiredAs && hire.rehiredAs.length > 0 && (
          <Fact term={t.rehire.rehiredAs} testId="hire-rehired-as">
            {hire.rehiredAs.map((later, index) => (
              <span key={later}>
                {index > 0 && ', '}
                <DsLink linkComponent={Link} href={`/hires/${encodeURIComponent(later)}`}>
                  {later}
                </DsLink>
              </span>
            ))}
          </Fact>
        )}
        {hire.templateId && <Fact term={t.hire.template}>{`${hire.templateId} (v${hire.templateVersion ?? 1})`}</Fact>}
      </DescriptionList>
    </PageSection>
  );
}
