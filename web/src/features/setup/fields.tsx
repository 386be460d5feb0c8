import { Select, TextArea, TextInput } from '@amsterdam/design-system-react';
import { FormField } from '../../layout/FormField';

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

/**
 * `number`: typed as text (what was typed stays, even when it is no number), with a numeric keyboard. `wide`: a
 * whole row of a field grid (a name, a title).
 */
export function TextField(props: FieldProps & { type?: 'text' | 'number' | 'email' | 'url'; wide?: boolean }) {
  const { form, pointer, label, value, onChange, error, hint, optional, type = 'text', wide } = props;
  const field = (
    <FormField
      id={fieldId(form, pointer)}
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      {...(optional ? { optional } : {})}
    >
      {(input) => (
        <TextInput
          {...input}
          type={type === 'number' ? 'text' : type}
          {...(type === 'number' ? { inputMode: 'decimal' as const } : {})}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
  return wide ? <div className="sl-field-wide">{field}</div> : field;
}

export function LinesField(props: FieldProps) {
  const { form, pointer, label, value, onChange, error, hint, optional } = props;
  return (
    <FormField
      id={fieldId(form, pointer)}
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      {...(optional ? { optional } : {})}
    >
      {(input) => <TextArea {...input} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />}
    </FormField>
  );
}

export function SelectField(props: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const { form, pointer, label, value, onChange, error, hint, optional, options } = props;
  return (
    <FormField
      id={fieldId(form, pointer)}
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      {...(optional ? { optional } : {})}
    >
      {(input) => (
        <Select {...input} value={value} onChange={(event) => onChange(event.target.value)}>
          {options.map((option) => (
            <Select.Option key={option.value} value={option.value}>
              {option.label}
            </Select.Option>
          ))}
        </Select>
      )}
    </FormField>
  );
}

/** Several lines of a textarea as the list the API takes; blank lines are dropped. */
export const linesOf = (value: string): string[] =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
