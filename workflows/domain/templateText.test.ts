/**
 * Templates in two languages: Dutch is required, English optional (readers fall back to Dutch) but never blank,
 * and the built-in defaults carry both for every task and milestone, so an English reader never meets Dutch there.
 */
import { DEFAULT_OFFBOARDING_TASKS, DEFAULT_TEMPLATES, rivierenlandTemplate } from './defaultTemplates';
import { validateJourneyTemplate } from './journeyTemplate';
import { planForNewJourney } from './schedule';
import { titleIn } from './templateText';

describe('template titles in Dutch and English', () => {
  it('gives every task, milestone and checklist step of the defaults an English title of its own', () => {
    for (const template of DEFAULT_TEMPLATES) {
      const items = [...template.preboardingTasks, ...template.milestones, ...(template.offboardingTasks ?? [])];
      for (const item of [...items, ...DEFAULT_OFFBOARDING_TASKS]) {
        expect({ id: item.id, en: item.titleEn?.trim() || undefined }).toEqual({ id: item.id, en: expect.any(String) });
        expect(item.titleEn).not.toBe(item.title);
      }
    }
  });

  it('accepts a template without English (an older version) and reads its Dutch title for English readers', () => {
    const dutchOnly = {
      ...rivierenlandTemplate,
      preboardingTasks: rivierenlandTemplate.preboardingTasks.map(({ titleEn: _en, ...task }) => task),
    };
    expect(validateJourneyTemplate(dutchOnly)).toEqual([]);
    expect(titleIn(dutchOnly.preboardingTasks[0]!, 'en')).toBe(dutchOnly.preboardingTasks[0]!.title);
    expect(titleIn(rivierenlandTemplate.preboardingTasks[0]!, 'en')).toBe(
      'Read the CV and ask the interview panel what stood out',
    );
  });

  it('refuses a blank English title, naming where it is', () => {
    const blank = {
      ...rivierenlandTemplate,
      milestones: rivierenlandTemplate.milestones.map((milestone, index) =>
        index === 0 ? { ...milestone, titleEn: '  ' } : milestone,
      ),
    };
    expect(validateJourneyTemplate(blank)).toEqual([
      { path: 'milestones[0].titleEn', message: 'Een Engelse titel mag niet leeg zijn; laat hem weg of vul hem in.' },
    ]);
  });

  it('gives every legal source of the defaults its rule in English, and refuses a blank one', () => {
    for (const template of DEFAULT_TEMPLATES) {
      for (const item of [...template.preboardingTasks, ...template.milestones]) {
        if (item.source)
          expect({ id: item.id, en: item.source.ruleEn?.trim() || undefined }).toEqual({
            id: item.id,
            en: expect.any(String),
          });
      }
    }
    const sourced = rivierenlandTemplate.preboardingTasks.findIndex((task) => task.source);
    const blank = {
      ...rivierenlandTemplate,
      preboardingTasks: rivierenlandTemplate.preboardingTasks.map((task, index) =>
        index === sourced ? { ...task, source: { ...task.source!, ruleEn: ' ' } } : task,
      ),
    };
    expect(validateJourneyTemplate(blank)).toEqual([
      {
        path: `preboardingTasks[${sourced}].source.ruleEn`,
        message: 'Een Engelse regel mag niet leeg zijn; laat hem weg of vul hem in.',
      },
    ]);
  });

  it('carries the English title into the plan, and the journey’s own steps have one too', () => {
    const plan = planForNewJourney(rivierenlandTemplate, '2026-09-01', '2026-07-01');
    expect(plan.items.filter((item) => !item.titleEn).map((item) => item.id)).toEqual([]);
  });
});
