import { Button, Column } from '@amsterdam/design-system-react';
import type { FormEvent, ReactNode } from 'react';

/**
 * The form inside a LinkFormPage: its fields one under the other, then the one button that sends it, off while
 * `disabled` (sending, or not yet filled in). The browser's own validation is off: the API says what is wrong.
 */
export function LinkFormBody({
  id,
  className,
  submitLabel,
  disabled,
  onSubmit,
  children,
}: {
  id?: string;
  className?: string;
  submitLabel: string;
  disabled: boolean;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate id={id} className={className}>
      <Column gap="large">
        {children}
        <div>
          <Button type="submit" disabled={disabled}>
            {submitLabel}
          </Button>
        </div>
      </Column>
    </form>
  );
}
