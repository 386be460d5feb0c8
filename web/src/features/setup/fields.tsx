import { Select, TextArea, TextInput } from '@amsterdam/design-system-react';
import type { ReactElement } from 'react';
import { type FieldInputProps, FormField } from '../../layout/FormField';

/** An input's id from the JSON pointer the API names it by: `/mentor/hoursPerWeek` → `tpl-mentor-hoursPerWeek`. */
export const fieldId = (form: string, pointer: string): string => `${form}${pointer.replaceAll('/', '-')}`;

interface FieldProps {
  readonly form: string;
  readonly pointer: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
  readonly hint?: string;
  readonly optional?: boolean;
}

/** The FormField each of these fields sits in, its id made from the form and the pointer the API names it by. */
function PointerField(props: FieldProps & { children: (input: FieldInputProps) => ReactElement }) {
  const { form, pointer, label, error, hint, optional, children } = props;
  return (
    <FormField
      id={fieldId(form, pointer)}
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      {...(optional ? { optional } : {})}
    >
      {children}
    </FormField>
  );
}

/**
 * `number`: typed as text (what was typed stays, even when it is no number), with a numeric keyboard. `wide`: a
 * whole row of a field grid (a name, a title).
 */
export function TextField(props: FieldProps & { type?: 'text' | 'number' | 'email' | 'url'; wide?: boolean }) {
  const { value, onChange, type = 'text', wide } = props;
  const field = (
    <PointerField {...props}>
      {(input) => (
        <TextInput
          {...input}
          type={type === 'number' ? 'text' : type}
          {...(type === 'number' ? { inputMode: 'decimal' as const } : {})}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </PointerField>
  );
  return wide ? <div className="sl-field-wide">{field}</div> : field;
}

export function LinesField(props: FieldProps) {
  const { value, onChange } = props;
  return (
    <PointerField {...props}>
      {(input) => <TextArea {...input} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />}
    </PointerField>
  );
}

export function SelectField(props: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const { value, onChange, options } = props;
  return (
    <PointerField {...props}>
      {(input) => (
        <Select {...input} value={value} onChange={(event) => onChange(event.target.value)}>
          {options.map((option) => (
            <Select.Option key={option.value} value={option.value}>
              {option.label}
            </Select.Option>
          ))}
        </Select>
      )}
    </PointerField>
  );
}

/** Several lines of a textarea as the list the API takes; blank lines are dropped. */
export const linesOf = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
