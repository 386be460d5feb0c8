import { Paragraph } from '@amsterdam/design-system-react';
import { ProblemAlert } from '../../layout/ProblemAlert';
import type { useCommand } from './useCommand';

type Command = ReturnType<typeof useCommand>;

/** A setup form's problem at its top: what none of its fields (`placed`, by their pointers) shows already. */
export function CommandProblem({ command, placed }: { command: Command; placed: readonly string[] }) {
  return (
    <ProblemAlert problem={command.problem} errors={command.unplaced(placed)} networkError={command.networkError} />
  );
}

/** What a setup form's command did, in a status region so it is read out when it appears. */
export function CommandDone({ command }: { command: Command }) {
  return <div role="status">{command.done && <Paragraph>{command.done}</Paragraph>}</div>;
}
