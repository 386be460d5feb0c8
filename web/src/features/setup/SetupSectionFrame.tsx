import { Column, Grid, Paragraph } from '@amsterdam/design-system-react';
import type { FormEvent, ReactNode } from 'react';
import { HeadedForm } from '../../layout/HeadedForm';
import { CommandProblem } from './CommandOutcome';
import { SetupHeader } from './SetupHeader';
import { SetupList, type SetupListProps } from './SetupList';
import type { SetupFormState } from './useSetupForm';

/** What a set-up form is headed by and does: `intro` says what it is for, above its fields. */
interface FormHead {
  readonly heading: string;
  readonly intro?: string;
  readonly onSubmit: (event: FormEvent) => void;
}

/**
 * A set-up page that lists what the organisation holds: its header, the list across the page (under `status`, what
 * a command on a row just did, where the page has one) and, for whom may change it, the rows' buttons (`list`'s
 * actionHeader) and the form (`children`, its fields) below it.
 */
export function SetupSectionFrame(
  props: FormHead & {
    setup: SetupFormState;
    title: string;
    pageIntro: string;
    status?: ReactNode;
    list: SetupListProps & { actionHeader: string };
    children: ReactNode;
  },
) {
  const { setup, title, pageIntro, status, list, children, ...form } = props;
  const { actionHeader, ...rows } = list;
  const table = <SetupList {...rows} {...(setup.writable ? { actionHeader } : {})} />;
  return (
    <>
      <SetupHeader title={title} intro={pageIntro} readOnly={!setup.writable} />
      <Grid.Cell span="all">
        {status ? (
          <Column gap="large">
            {status}
            {table}
          </Column>
        ) : (
          table
        )}
      </Grid.Cell>
      {setup.writable && (
        <Grid.Cell span={{ narrow: 4, medium: 8, wide: 8 }}>
          <SetupForm setup={setup} {...form}>
            {children}
          </SetupForm>
        </Grid.Cell>
      )}
    </>
  );
}

/**
 * A set-up page's form under its heading (`<form>-heading`), what it is for, and then the problem none of its fields
 * (`setup.placed`, by their pointers) shows, above the fields.
 */
export function SetupForm(props: FormHead & { setup: SetupFormState; children: ReactNode }) {
  const { setup, heading, intro, onSubmit, children } = props;
  return (
    <HeadedForm headingId={`${setup.form}-heading`} heading={heading} onSubmit={onSubmit}>
      {intro && <Paragraph>{intro}</Paragraph>}
      <CommandProblem command={setup.command} placed={setup.placed} />
      {children}
    </HeadedForm>
  );
}
