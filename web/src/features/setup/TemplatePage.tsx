import {
  Button,
  Checkbox,
  Column,
  FieldSet,
  Grid,
  Heading,
  LinkList,
  Paragraph,
  Row,
} from '@amsterdam/design-system-react';
import { Link } from 'wouter';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { $api, organisationHeader } from '../../api/client';
import { type JourneyTemplate, MILESTONE_KINDS, OWNER_ROLES } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { useSignedIn } from '../../session/session';
import { SelectField, TextField } from './fields';
import { SetupHeader } from './SetupHeader';
import { canWrite } from './setupRoles';
import {
  EMPTY_MILESTONE,
  EMPTY_TASK,
  type ComplianceDraft,
  type MilestoneDraft,
  type TaskDraft,
  type TemplateDraft,
  draftOf,
  pulsePointers,
  templatePointers,
  versionOf,
} from './templateDraft';
import { useCommand } from './useCommand';
import type { TextKey } from './useSetupForm';
import { PageSection } from '../../layout/PageSection';
import { CommandDone, CommandProblem } from './CommandOutcome';

const FORM = 'tpl';

/** How a field is typed: `wide` texts (a name, a title) take a whole row; codes and numbers sit side by side. */
type FieldType = 'text' | 'wide' | 'number';

/** The fields a task and a milestone share. */
type ScheduledPatch = Partial<
  Pick<TaskDraft, 'id' | 'title' | 'titleEn' | 'dueOffsetDays' | 'reminderOffsetDays' | 'escalationOffsetDays'>
>;

/** A template's newest version, and (for HR and the administrator) the form that publishes the next one. */
export function TemplatePage({ templateId }: { templateId: string }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const template = $api.useQuery('get', '/journey-templates/{templateId}', {
    params: { header: organisationHeader(), path: { templateId } },
  });
  const list = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const summary = list.data?.templates.find((candidate) => candidate.templateId === templateId);
  const builtIn = summary?.source === 'built-in';
  const writable = canWrite('templates', session.role);
  return (
    <>
      <SetupHeader
        title={template.data ? t.setup.templateTitle(template.data.name) : t.setup.templatesTitle}
        intro={
          template.data && summary
            ? builtIn
              ? t.setup.builtInNote
              : t.setup.versionsPublished(template.data.version)
            : ''
        }
        readOnly={!writable}
        back={{ href: '/setup/templates', label: t.setup.backToTemplates }}
      />
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 10 }}>
        {template.isError && <ProblemAlert problem={template.error} />}
        {(template.isPending || list.isPending) && <Paragraph>{t.app.loading}</Paragraph>}
        {template.data && summary && (
          <Column gap="x-large">
            {!builtIn && <Versions templateId={templateId} newest={template.data.version} />}
            <TemplateForm
              key={templateId}
              template={template.data}
              nextVersion={builtIn ? 1 : template.data.version + 1}
              writable={writable}
              heading={
                writable
                  ? t.setup.publishHeading(builtIn ? 1 : template.data.version + 1)
                  : t.setup.versionHeading(template.data.version)
              }
            />
          </Column>
        )}
      </Grid.Cell>
    </>
  );
}

/** Versions are numbered 1 up to the newest without gaps; each opens as it was published. */
function Versions({ templateId, newest }: { templateId: string; newest: number }) {
  const { t } = useLanguage();
  const versions = Array.from({ length: newest }, (_, index) => newest - index);
  return (
    <PageSection id="versions-heading" heading={t.setup.versionsHeading}>
      <LinkList>
        {versions.map((version) => (
          <LinkList.Link
            key={version}
            linkComponent={Link}
            href={`/setup/templates/${encodeURIComponent(templateId)}/versions/${version}`}
          >
            {version === newest ? t.setup.newestVersion(version) : t.setup.versionHeading(version)}
          </LinkList.Link>
        ))}
      </LinkList>
    </PageSection>
  );
}

/** One published version as it was published, read-only. */
export function TemplateVersionPage({ templateId, version }: { templateId: string; version: number }) {
  const { t } = useLanguage();
  const template = $api.useQuery('get', '/journey-templates/{templateId}/versions/{version}', {
    params: { header: organisationHeader(), path: { templateId, version } },
  });
  return (
    <>
      <SetupHeader
        title={
          template.data
            ? `${t.setup.templateTitle(template.data.name)} · ${t.setup.versionHeading(version)}`
            : t.setup.versionHeading(version)
        }
        intro=""
        readOnly
        back={{ href: `/setup/templates/${encodeURIComponent(templateId)}`, label: t.setup.backToTemplate }}
      />
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 10 }}>
        {template.isError && <ProblemAlert problem={template.error} />}
        {template.isPending && <Paragraph>{t.app.loading}</Paragraph>}
        {template.data && (
          <TemplateForm
            template={template.data}
            nextVersion={version + 1}
            writable={false}
            heading={t.setup.versionHeading(version)}
          />
        )}
      </Grid.Cell>
    </>
  );
}

/**
 * A version as fields, every one editable when the person may publish (read-only otherwise): tasks and milestones
 * can be added and removed, the rest edited in place. Publishing sends the next version number, so two editors
 * cannot both publish it (the API answers the second with 409).
 */
function TemplateForm(props: { template: JourneyTemplate; nextVersion: number; writable: boolean; heading: string }) {
  const { template, nextVersion, writable, heading } = props;
  const { t } = useLanguage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template));
  const command = useCommand();
  const publish = $api.useMutation('put', '/journey-templates/{templateId}');
  const ownerOptions = OWNER_ROLES.map((role) => ({ value: role, label: t.ownerRoles[role] }));
  const kindOptions = MILESTONE_KINDS.map((kind) => ({ value: kind, label: t.setup.milestoneKinds[kind] }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const published = await command.run(async () => {
      const answer = await publish.mutateAsync({
        params: { header: organisationHeader(), path: { templateId: template.id } },
        body: versionOf(draft, nextVersion),
      });
      return t.setup.published(answer.version);
    });
    if (published) await queryClient.invalidateQueries({ queryKey: ['get', '/journey-templates'] });
    if (published) await queryClient.invalidateQueries({ queryKey: ['get', '/journey-templates/{templateId}'] });
  };

  /** What every field of the form is given: its pointer (its id and its problem), label, value and setter. */
  const bound = (pointer: string, label: string, value: string, onChange: (value: string) => void) => ({
    form: FORM,
    pointer,
    label,
    value,
    onChange,
    error: command.errorAt(pointer),
  });
  /** `wide`: texts (a name, a title) take a whole row; codes and numbers sit side by side. */
  const field = (...[pointer, label, value, onChange, type = 'number']: [...Parameters<typeof bound>, FieldType?]) => (
    <TextField
      key={pointer}
      {...bound(pointer, label, value, onChange)}
      type={type === 'number' ? 'number' : 'text'}
      wide={type === 'wide'}
    />
  );
  /**
   * A field for each of `specs` (a text value of `values`, its label, its kind), at `${at}/<key>`: the parts of a
   * template (the mentor's, the card's, an item's timing) are each a row of such fields, told apart by these lists.
   */
  const fieldsOf = <T,>(
    at: string,
    values: T,
    change: (patch: Partial<T>) => void,
    specs: readonly (readonly [key: TextKey<T>, label: string, type?: FieldType])[],
  ) =>
    specs.map(([key, label, type]) =>
      field(`${at}/${key}`, label, values[key] as string, (value) => change({ [key]: value } as Partial<T>), type),
    );
  /** A checkbox of the draft (`${FORM}-<part>-<key>` is its id, which the browser test finds it by). */
  const checkbox = (id: string, checked: boolean, onChange: (checked: boolean) => void, label: string) => (
    <Checkbox id={`${FORM}-${id}`} checked={checked} onChange={(event) => onChange(event.target.checked)}>
      {label}
    </Checkbox>
  );
  // The pulse days are typed in one field ("30, 60"): a problem with any of them is shown beside it.
  const pulsesError =
    ['/survey/pulses', ...pulsePointers(draft)]
      .map((pointer) => command.errorAt(pointer))
      .filter((error) => error !== undefined)
      .join('; ') || undefined;
  const select = (
    ...[pointer, label, value, onChange, options]: [
      ...Parameters<typeof bound>,
      readonly { value: string; label: string }[],
    ]
  ) => <SelectField {...bound(pointer, label, value, onChange)} options={options} />;
  const set = (patch: Partial<TemplateDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setTask = (index: number, patch: Partial<TaskDraft>) =>
    setDraft((current) => ({
      ...current,
      preboardingTasks: current.preboardingTasks.map((task, i) => (i === index ? { ...task, ...patch } : task)),
    }));
  const setMilestone = (index: number, patch: Partial<MilestoneDraft>) =>
    setDraft((current) => ({
      ...current,
      milestones: current.milestones.map((milestone, i) => (i === index ? { ...milestone, ...patch } : milestone)),
    }));
  /**
   * Tasks and milestones are edited alike: a fieldset each with an id, a title in both languages, its own roles and
   * when it falls due, is reminded and escalates; removable one by one, added at the end.
   */
  const scheduledItems = <Item extends TaskDraft | MilestoneDraft>(list: {
    id: string;
    heading: string;
    items: readonly Item[];
    pointer: string;
    legend: (number: number) => string;
    remove: (number: number) => string;
    add: string;
    /** Marks each fieldset with its index (the browser test counts the tasks by it). */
    markIndex?: boolean;
    change: (index: number, patch: ScheduledPatch) => void;
    replace: (items: Item[]) => void;
    empty: Item;
    roleFields: (at: string, item: Item, index: number) => ReactNode;
  }) => (
    <section aria-labelledby={list.id}>
      <Column gap="large">
        <Heading level={3} size="level-4" id={list.id}>
          {list.heading}
        </Heading>
        {list.items.map((item, index) => {
          const at = `${list.pointer}/${index}`;
          return (
            <FieldSet key={index} legend={list.legend(index + 1)} data-task-index={list.markIndex ? index : undefined}>
              <div className="sl-field-grid">
                {fieldsOf<Required<ScheduledPatch>>(at, item, (patch) => list.change(index, patch), [
                  ['id', t.setup.itemId, 'text'],
                  ['title', t.setup.itemTitle, 'wide'],
                  ['titleEn', t.setup.itemTitleEn, 'wide'],
                ])}
                {list.roleFields(at, item, index)}
                {fieldsOf<Required<ScheduledPatch>>(at, item, (patch) => list.change(index, patch), [
                  ['dueOffsetDays', t.setup.dueOffsetDays],
                  ['reminderOffsetDays', t.setup.reminderOffsetDays],
                  ['escalationOffsetDays', t.setup.escalationOffsetDays],
                ])}
              </div>
              <ComplianceNote compliance={item.compliance} draft={draft} />
              {writable && (
                <Button variant="tertiary" onClick={() => list.replace(list.items.filter((_, i) => i !== index))}>
                  {list.remove(index + 1)}
                </Button>
              )}
            </FieldSet>
          );
        })}
        {writable && (
          <Row>
            <Button variant="secondary" onClick={() => list.replace([...list.items, { ...list.empty }])}>
              {list.add}
            </Button>
          </Row>
        )}
      </Column>
    </section>
  );
  /** A setter for one part of the draft (the mentor's, the card's, ...): a change there keeps the rest. */
  const setterOf =
    <Part extends 'mentor' | 'welcomeCard' | 'survey' | 'reminderPolicy'>(part: Part) =>
    (patch: Partial<TemplateDraft[Part]>) =>
      setDraft((current) => ({ ...current, [part]: { ...current[part], ...patch } }));
  const setMentor = setterOf('mentor');
  const setCard = setterOf('welcomeCard');
  const setSurvey = setterOf('survey');
  const setReminders = setterOf('reminderPolicy');

  return (
    <form onSubmit={submit} noValidate aria-labelledby="publish-heading">
      <fieldset disabled={!writable} className="sl-bare-fieldset">
        <Column gap="large">
          <Heading level={2} size="level-3" id="publish-heading">
            {heading}
          </Heading>
          {writable && <Paragraph>{t.setup.publishIntro}</Paragraph>}
          <CommandProblem command={command} placed={templatePointers(draft)} />
          <FieldSet legend={t.setup.general}>
            <div className="sl-field-grid">
              {fieldsOf('', draft, set, [
                ['name', t.setup.templateName, 'wide'],
                ['programmeLengthDays', t.setup.programmeLengthDays],
              ])}
            </div>
          </FieldSet>
          {scheduledItems({
            id: 'preboarding-heading',
            heading: t.setup.preboardingHeading,
            items: draft.preboardingTasks,
            pointer: '/preboardingTasks',
            legend: t.setup.taskLegend,
            remove: t.setup.removeTask,
            add: t.setup.addTask,
            markIndex: true,
            change: setTask,
            replace: (preboardingTasks) => set({ preboardingTasks }),
            empty: EMPTY_TASK,
            roleFields: (at, task, index) =>
              select(
                `${at}/ownerRole`,
                t.setup.ownerRole,
                task.ownerRole,
                (ownerRole) => setTask(index, { ownerRole }),
                ownerOptions,
              ),
          })}
          {scheduledItems({
            id: 'milestones-heading',
            heading: t.setup.milestonesHeading,
            items: draft.milestones,
            pointer: '/milestones',
            legend: t.setup.milestoneLegend,
            remove: t.setup.removeMilestone,
            add: t.setup.addMilestone,
            change: setMilestone,
            replace: (milestones) => set({ milestones }),
            empty: EMPTY_MILESTONE,
            roleFields: (at, milestone, index) => (
              <>
                {select(
                  `${at}/kind`,
                  t.setup.kind,
                  milestone.kind,
                  (kind) => setMilestone(index, { kind }),
                  kindOptions,
                )}
                {select(
                  `${at}/responsibleRole`,
                  t.setup.ownerRole,
                  milestone.responsibleRole,
                  (responsibleRole) => setMilestone(index, { responsibleRole }),
                  ownerOptions,
                )}
              </>
            ),
          })}
          <FieldSet legend={t.setup.mentorHeading}>
            <div className="sl-field-grid">
              {fieldsOf('/mentor', draft.mentor, setMentor, [
                ['answerWindowDays', t.setup.answerWindowDays],
                ['hoursPerWeek', t.setup.hoursPerWeek],
                ['programmeLengthDays', t.setup.mentorProgrammeLengthDays],
                ['coffeeMomentOffsetDays', t.setup.coffeeMomentOffsetDays],
              ])}
            </div>
          </FieldSet>
          <FieldSet legend={t.setup.welcomeCardHeading}>
            <Column gap="large">
              <Row gap="large" wrap>
                {checkbox('welcomeCard-card', draft.welcomeCard.card, (card) => setCard({ card }), t.setup.card)}
                {checkbox(
                  'welcomeCard-flowers',
                  draft.welcomeCard.flowers,
                  (flowers) => setCard({ flowers }),
                  t.setup.flowers,
                )}
              </Row>
              <div className="sl-field-grid">
                {select(
                  '/welcomeCard/ownerRole',
                  t.setup.ownerRole,
                  draft.welcomeCard.ownerRole,
                  (ownerRole) => setCard({ ownerRole }),
                  ownerOptions,
                )}
                {fieldsOf('/welcomeCard', draft.welcomeCard, setCard, [
                  ['dueOffsetDays', t.setup.dueOffsetDays],
                  ['welcomeMailOffsetDays', t.setup.welcomeMailOffsetDays],
                  ['reminderOffsetDays', t.setup.reminderOffsetDays],
                  ['escalationOffsetDays', t.setup.escalationOffsetDays],
                ])}
              </div>
            </Column>
          </FieldSet>
          <FieldSet legend={t.setup.surveyHeading}>
            <div className="sl-field-grid">
              {fieldsOf('/survey', draft.survey, setSurvey, [
                ['dayOffset', t.setup.surveyDayOffset],
                ['reminderAfterDays', t.setup.reminderAfterDays],
                ['phoneFollowUpAfterDays', t.setup.phoneFollowUpAfterDays],
              ])}
              <TextField
                form={FORM}
                pointer="/survey/pulses"
                label={t.setup.surveyPulses}
                value={draft.survey.pulses}
                onChange={(pulses) => setSurvey({ pulses })}
                error={pulsesError}
                type="text"
                optional
              />
            </div>
          </FieldSet>
          <FieldSet legend={t.reminderPolicy.heading}>
            <Column gap="small">
              <Paragraph>{t.reminderPolicy.intro}</Paragraph>
              <div className="sl-field-grid">
                {fieldsOf('/reminderPolicy', draft.reminderPolicy, setReminders, [
                  ['daysBefore', t.reminderPolicy.daysBefore, 'text'],
                  ['escalateAfterDays', t.reminderPolicy.escalateAfterDays],
                ])}
              </div>
              {checkbox(
                'reminderPolicy-overdueDaily',
                draft.reminderPolicy.overdueDaily,
                (overdueDaily) => setReminders({ overdueDaily }),
                t.reminderPolicy.overdueDaily,
              )}
            </Column>
          </FieldSet>
          <CommandDone command={command} />
          {writable && (
            <Row>
              <Button type="submit" disabled={command.busy}>
                {command.busy ? t.setup.publishing : t.setup.publish}
              </Button>
            </Row>
          )}
        </Column>
      </fieldset>
    </form>
  );
}

/**
 * What a compliance step follows and waits on, as its template says: the legal source (with what of its period is
 * an assumption), the items it can only be completed after, and who hears of it when it is late.
 */
function ComplianceNote({ compliance, draft }: { compliance?: ComplianceDraft; draft: TemplateDraft }) {
  const { t, language } = useLanguage();
  if (!compliance) return null;
  const titleOf = (id: string) =>
    [...draft.preboardingTasks, ...draft.milestones].find((item) => item.id === id)?.title || id;
  return (
    <div className="sl-compliance-note" data-compliance-source={compliance.source?.reference}>
      {compliance.source && (
        <Paragraph size="small">
          <strong>{`${t.compliance.source}: ${compliance.source.reference}`}</strong>
          {` — ${language === 'en' && compliance.source.ruleEn ? compliance.source.ruleEn : compliance.source.rule}`}
        </Paragraph>
      )}
      {compliance.requires && compliance.requires.length > 0 && (
        <Paragraph size="small">{t.compliance.requires(compliance.requires.map(titleOf).join(', '))}</Paragraph>
      )}
      {compliance.escalateTo && (
        <Paragraph size="small">{t.compliance.escalatesTo(t.ownerRoles[compliance.escalateTo])}</Paragraph>
      )}
    </div>
  );
}
