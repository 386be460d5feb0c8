import { Button, Grid, Page, PageFooter, PageHeader, Paragraph, Row, SkipLink } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useLanguage } from '../i18n/language';
import {
  AUDIT_ROLES,
  ORGANISATION_ROLES,
  REGISTERING_ROLES,
  SETUP_ROLES,
  SURVEY_REPORT_ROLES,
  useSession,
} from '../session/session';
import { APP_BASE } from '../appBase';
import { SoftLandingMark } from './Logo';
import { ANALYTICS_ROLES, COHORT_ROLES } from '../features/analytics/analyticsAccess';
import { mayDo } from '../session/permissions';

/** The frame of every page: skip link, header with the menu, the person's session and language, main, footer. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  const { session, signOut } = useSession();
  const other = language === 'nl' ? 'en' : 'nl';
  const menu = session ? (
    <>
      {ORGANISATION_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/hires">
          {t.nav.overview}
        </PageHeader.MenuLink>
      )}
      {REGISTERING_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/hires/new">
          {t.nav.register}
        </PageHeader.MenuLink>
      )}
      <PageHeader.MenuLink linkComponent={Link} href="/tasks">
        {t.nav.tasks}
      </PageHeader.MenuLink>
      {AUDIT_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/audit">
          {t.audit.nav}
        </PageHeader.MenuLink>
      )}
      {SETUP_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/setup">
          {t.setup.nav}
        </PageHeader.MenuLink>
      )}
      {session.role === 'mentor' && (
        <PageHeader.MenuLink linkComponent={Link} href="/mentor">
          {t.mentorPage.nav}
        </PageHeader.MenuLink>
      )}
      {SURVEY_REPORT_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/survey-reports">
          {t.nav.survey}
        </PageHeader.MenuLink>
      )}
      {COHORT_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/analytics">
          {t.analytics.nav}
        </PageHeader.MenuLink>
      )}
      {ANALYTICS_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/analytics/cost">
          {t.analytics.costNav}
        </PageHeader.MenuLink>
      )}
      {ANALYTICS_ROLES.includes(session.role) && (
        <PageHeader.MenuLink linkComponent={Link} href="/analytics/survey">
          {t.surveyRetention.nav}
        </PageHeader.MenuLink>
      )}
      {mayDo(session.role, 'listTeamNudges') && (
        <PageHeader.MenuLink linkComponent={Link} href="/analytics/nudges">
          {t.teamNudges.nav}
        </PageHeader.MenuLink>
      )}
    </>
  ) : undefined;
  return (
    <Page>
      <SkipLink href="#main">{t.app.skipLink}</SkipLink>
      <PageHeader
        brandName={t.app.name}
        logoBrand={{ label: t.app.name, svg: SoftLandingMark }}
        logoLink={`${APP_BASE}/`}
        logoLinkTitle={t.app.logo}
        logoAccessibleName={t.app.name}
        navigationLabel={t.app.mainNavigation}
        menuButtonText={t.app.menu}
        menuItems={menu}
        noMenuButtonOnWideWindow
      />
      <Grid paddingTop="large">
        <Grid.Cell span="all">
          <Row align="end" alignVertical="center" gap="small" wrap>
            {session && (
              <Paragraph size="small">{t.app.signedInAs(t.roles[session.role], session.organisationId)}</Paragraph>
            )}
            {session && (
              <Button variant="tertiary" onClick={signOut}>
                {t.app.signOut}
              </Button>
            )}
            <Button variant="secondary" lang={other} onClick={() => setLanguage(other)}>
              {t.app.languageSwitch}
            </Button>
          </Row>
        </Grid.Cell>
      </Grid>
      <main id="main" tabIndex={-1}>
        <Grid paddingTop="large" paddingBottom="2x-large" gapVertical="large">
          {children}
        </Grid>
      </main>
      <PageFooter>
        <PageFooter.Spotlight>
          <Grid paddingVertical="large">
            <Grid.Cell span="all">
              <Paragraph color="inverse">{t.app.footer}</Paragraph>
            </Grid.Cell>
          </Grid>
        </PageFooter.Spotlight>
      </PageFooter>
    </Page>
  );
}
