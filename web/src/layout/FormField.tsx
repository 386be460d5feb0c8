import { ErrorMessage, Field, Label, Paragraph } from '@amsterdam/design-system-react';
import type { ReactElement } from 'react';

/** What a field's input needs to be tied to its label, hint and error (WCAG 1.3.1, 3.3.1). */
export interface FieldInputProps {
  readonly id: string;
  readonly invalid: boolean;
  readonly 'aria-describedby'?: string;
}

/**
 * One field of a form with the design system's Field, Label and ErrorMessage: the API's word on this field (its
 * problem detail for the field's pointer) is shown beside it and read with it.
 */
export function FormField(props: {
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  error?: string;
  children: (input: FieldInputProps) => ReactElement;
}) {
  const { id, label, hint, optional, error, children } = props;
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <Field invalid={error !== undefined}>
      <Label htmlFor={id} {...(optional ? { optional: true } : {})}>
        {label}
      </Label>
      {hint && (
        <Paragraph id={`${id}-hint`} size="small">
          {hint}
        </Paragraph>
      )}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children({ id, invalid: error !== undefined, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
    </Field>
  );
}
