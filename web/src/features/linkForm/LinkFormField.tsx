import { Label, Paragraph } from '@amsterdam/design-system-react';
import type { ReactElement } from 'react';

/**
 * A field of a form opened from a mailed link: its label, the hint (`${id}-hint`) and the API's word on it, above
 * the input `children` makes of the id and the aria-describedby it is given (the hint, and `alsoDescribedBy`).
 */
export function LinkFormField(props: {
  id: string;
  label: string;
  hint: string;
  optional?: boolean;
  error: string | undefined;
  alsoDescribedBy?: string;
  children: (input: { id: string; 'aria-describedby': string }) => ReactElement;
}) {
  const describedBy = [`${props.id}-hint`, props.alsoDescribedBy].filter(Boolean).join(' ');
  return (
    <div className="ams-field">
      <Label htmlFor={props.id} {...(props.optional ? { optional: true } : {})}>
        {props.label}
      </Label>
      <Paragraph id={`${props.id}-hint`} size="small">
        {props.hint}
      </Paragraph>
      {props.error && <Paragraph size="small">{props.error}</Paragraph>}
      {props.children({ id: props.id, 'aria-describedby': describedBy })}
    </div>
  );
}
