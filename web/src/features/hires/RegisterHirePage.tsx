import { Button, Column, FieldSet, Grid, Select, TextInput, DateInput } from '@amsterdam/design-system-react';
import { type FormEvent, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { $api, newIdempotencyKey, organisationHeader } from '../../api/client';
import { fieldProblem, isProblem, unplacedErrors } from '../../api/problems';
import type { HireRegistration, Problem } from '../../api/schemas';
import { useLanguage } from '../../i18n/language';
import { FormField } from '../../layout/FormField';
import { PageIntroCell } from '../../layout/PageIntroCell';
import { ProblemAlert } from '../../layout/ProblemAlert';
import { boundValue } from '../../layout/boundValue';

type Draft = Record<
  | 'hireId'
  | 'startDate'
  | 'role'
  | 'team'
  | 'location'
  | 'templateId'
  | 'newHireName'
  | 'newHireEmail'
  | 'managerRef'
  | 'managerName'
  | 'managerEmail'
  | 'rehireOf',
  string
>;
const EMPTY: Draft = {
  hireId: '',
  startDate: '',
  role: '',
  team: '',
  location: '',
  templateId: '',
  newHireName: '',
  newHireEmail: '',
  managerRef: '',
  managerName: '',
  managerEmail: '',
  rehireOf: '',
};

/** Where the API points (a JSON pointer into HireRegistration) for each field of the form. */
const POINTERS: Record<keyof Draft, string> = {
  hireId: '/hireId',
  startDate: '/startDate',
  role: '/role',
  team: '/team',
  location: '/location',
  templateId: '/templateId',
  newHireName: '/newHire/displayName',
  newHireEmail: '/newHire/email',
  managerRef: '/managerRef',
  managerName: '/manager/displayName',
  managerEmail: '/manager/email',
  rehireOf: '/rehireOf',
};

/** The request as typed: empty fields are left out, the API decides what is missing or wrong. */
function registration(draft: Draft): HireRegistration {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const contact = (displayName: string, email: string) =>
    text(displayName) || text(email) ? { displayName: displayName.trim(), email: email.trim() } : undefined;
  const body = {
    hireId: draft.hireId.trim(),
    startDate: draft.startDate,
    role: text(draft.role),
    team: text(draft.team),
    location: text(draft.location),
    templateId: text(draft.templateId),
    managerRef: text(draft.managerRef),
    newHire: contact(draft.newHireName, draft.newHireEmail),
    manager: contact(draft.managerName, draft.managerEmail),
    rehireOf: text(draft.rehireOf),
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as HireRegistration;
}

export function RegisterHirePage() {
  const { t } = useLanguage();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [networkError, setNetworkError] = useState(false);
  // One key per intended registration: kept while the form is unchanged (a retry, a double click), new on an edit.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const templates = $api.useQuery('get', '/journey-templates', { params: { header: organisationHeader() } });
  const register = $api.useMutation('post', '/hires');

  const change = (field: keyof Draft) => (value: string) => {
    idempotencyKey.current = newIdempotencyKey();
    setDraft((current) => ({ ...current, [field]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return; // the second click of a double click sends nothing
    inFlight.current = true;
    setNetworkError(false);
    try {
      const hire = await register.mutateAsync({
        params: { header: { ...organisationHeader(), 'Idempotency-Key': idempotencyKey.current } },
        body: registration(draft),
      });
      setProblem(undefined);
      navigate(`/hires/${encodeURIComponent(hire.hireId)}`);
    } catch (error) {
      if (isProblem(error)) setProblem(error);
      else setNetworkError(true);
    } finally {
      inFlight.current = false;
    }
  };

  const errorOf = (field: keyof Draft) => fieldProblem(problem, POINTERS[field]);
  const text = (
    field: keyof Draft,
    label: string,
    options: { hint?: string; optional?: boolean; type?: 'email' | 'text' } = {},
  ) => (
    <FormField id={`register-${field}`} label={label} error={errorOf(field)} {...options}>
      {(input) => (
        <TextInput {...input} type={options.type ?? 'text'} name={field} {...boundValue(draft[field], change(field))} />
      )}
    </FormField>
  );

  return (
    <>
      <PageIntroCell title={t.register.title} intro={t.register.intro} />
      <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
        <form onSubmit={submit} noValidate aria-label={t.register.title}>
          <Column gap="large">
            <ProblemAlert
              problem={problem}
              errors={unplacedErrors(problem, Object.values(POINTERS))}
              networkError={networkError}
            />
            {text('hireId', t.register.hireId, { hint: t.register.hireIdHint })}
            {text('rehireOf', t.rehire.field, { hint: t.rehire.fieldHint, optional: true })}
            <FormField id="register-startDate" label={t.register.startDate} error={errorOf('startDate')}>
              {(input) => (
                <DateInput {...input} name="startDate" {...boundValue(draft.startDate, change('startDate'))} />
              )}
            </FormField>
            {text('role', t.register.role)}
            {text('team', t.register.team, { optional: true })}
            {text('location', t.register.location, { optional: true })}
            <FormField
              id="register-templateId"
              label={t.register.template}
              hint={t.register.templateHint}
              optional
              error={errorOf('templateId')}
            >
              {(input) => (
                <Select {...input} name="templateId" {...boundValue(draft.templateId, change('templateId'))}>
                  <Select.Option value="">—</Select.Option>
                  {(templates.data?.templates ?? []).map((template) => (
                    <Select.Option key={template.templateId} value={template.templateId}>
                      {template.name}
                    </Select.Option>
                  ))}
                </Select>
              )}
            </FormField>
            <FieldSet legend={t.register.newHireHeading} optional>
              <Column gap="large">
                {text('newHireName', t.register.name)}
                {text('newHireEmail', t.register.email, { type: 'email' })}
              </Column>
            </FieldSet>
            <FieldSet legend={t.register.managerHeading} optional>
              <Column gap="large">
                {text('managerRef', t.register.managerRef)}
                {text('managerName', t.register.name)}
                {text('managerEmail', t.register.email, { type: 'email' })}
              </Column>
            </FieldSet>
            <Button type="submit" disabled={register.isPending} aria-disabled={register.isPending}>
              {register.isPending ? t.register.submitting : t.register.submit}
            </Button>
          </Column>
        </form>
      </Grid.Cell>
    </>
  );
}
