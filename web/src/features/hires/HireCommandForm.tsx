import { Button, Column, Heading, Paragraph } from '@amsterdam/design-system-react';
import type { FormEvent, ReactNode } from 'react';
import { unplacedErrors } from '../../api/problems';
import type { Problem } from '../../api/schemas';
import { ProblemAlert } from '../../layout/ProblemAlert';

/**
 * The frame of a form that sends one command on a hire (see useHireCommand): its heading (which names the form) and
 * intro, the problem at the top with what no field shows (`placed`: the pointers the fields show themselves), the
 * fields and the button, which says `sendingLabel` while the command is on its way.
 */
export function HireCommandForm(props: {
  id: string;
  heading?: string;
  intro?: string;
  gap: 'small' | 'large';
  command: { pending: boolean; problem: Problem | undefined; networkError: boolean };
  placed: readonly string[];
  submitLabel: string;
  sendingLabel: string;
  onSubmit(): void;
  children: ReactNode;
}) {
  const { pending, problem, networkError } = props.command;
  const headingId = `${props.id}-heading`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form id={props.id} onSubmit={submit} noValidate {...(props.heading ? { 'aria-labelledby': headingId } : {})}>
      <Column gap={props.gap}>
        {props.heading && (
          <Heading level={2} size="level-3" id={headingId}>
            {props.heading}
          </Heading>
        )}
        {props.intro && <Paragraph size="small">{props.intro}</Paragraph>}
        <ProblemAlert problem={problem} errors={unplacedErrors(problem, props.placed)} networkError={networkError} />
        {props.children}
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? props.sendingLabel : props.submitLabel}
        </Button>
      </Column>
    </form>
  );
}
