import { Button, Grid, Page, PageFooter, PageHeader, Paragraph, Row, SkipLink } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Role } from '../api/schemas';
import type { Catalogue } from '../i18n/catalogue';
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

const among = (roles: readonly Role[]) => (role: Role) => roles.includes(role);

/** The menu in its order: each page's link, shown to the roles that may open the page. */
function menuLinks(t: Catalogue): readonly { href: string; label: string; shownTo(role: Role): boolean }[] {
  return [
    { href: '/hires', label: t.nav.overview, shownTo: among(ORGANISATION_ROLES) },
    { href: '/hires/new', label: t.nav.register, shownTo: among(REGISTERING_ROLES) },
    { href: '/tasks', label: t.nav.tasks, shownTo: () => true },
    { href: '/audit', label: t.audit.nav, shownTo: among(AUDIT_ROLES) },
    { href: '/setup', label: t.setup.nav, shownTo: among(SETUP_ROLES) },
    { href: '/mentor', label: t.mentorPage.nav, shownTo: (role) => role === 'mentor' },
    { href: '/survey-reports', label: t.nav.survey, shownTo: among(SURVEY_REPORT_ROLES) },
    { href: '/analytics', label: t.analytics.nav, shownTo: among(COHORT_ROLES) },
    { href: '/analytics/cost', label: t.analytics.costNav, shownTo: among(ANALYTICS_ROLES) },
    { href: '/analytics/survey', label: t.surveyRetention.nav, shownTo: among(ANALYTICS_ROLES) },
    { href: '/analytics/nudges', label: t.teamNudges.nav, shownTo: (role) => mayDo(role, 'listTeamNudges') },
  ];
}

/** The frame of every page: skip link, header with the menu, the person's session and language, main, footer. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  const { session, signOut } = useSession();
  const other = language === 'nl' ? 'en' : 'nl';
  const menu = session
    ? menuLinks(t)
        .filter((link) => link.shownTo(session.role))
        .map((link) => (
          <PageHeader.MenuLink key={link.href} linkComponent={Link} href={link.href}>
            {link.label}
          </PageHeader.MenuLink>
        ))
    : undefined;
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
