import { Select } from '@amsterdam/design-system-react';
import { FormField } from './FormField';

/**
 * Without `anyLabel` one of the choices is always picked; with it a first, empty option means "any" (undefined).
 * The choices alone say what a choice is (`NoInfer` elsewhere): a state setter takes it as it is.
 */
type Picked<V extends string> =
  | { anyLabel?: undefined; value: NoInfer<V>; onChange(choice: NoInfer<V>): void }
  | { anyLabel: string; value: NoInfer<V> | undefined; onChange(choice: NoInfer<V> | undefined): void };

/**
 * A field that picks one of a list of choices (a select), its label, hint and error tied to it as FormField ties
 * them. `labels` shows a choice: a table (the translations' own, `t.roles`) or a function; without, the choice itself.
 */
export function ChoiceField<V extends string>(
  props: {
    id: string;
    label: string;
    choices: readonly V[];
    labels?: Readonly<Record<NoInfer<V>, string>> | ((choice: NoInfer<V>) => string);
    name?: string;
    hint?: string;
    error?: string | undefined;
  } & Picked<V>,
) {
  const { id, label, hint, error, name, choices, labels } = props;
  const labelOf = (choice: V) =>
    labels === undefined ? choice : typeof labels === 'function' ? labels(choice) : labels[choice];
  const pick = (value: string) => {
    if (props.anyLabel === undefined) props.onChange(value as V);
    else props.onChange(value === '' ? undefined : (value as V));
  };
  return (
    <FormField id={id} label={label} {...(hint === undefined ? {} : { hint })} error={error}>
      {(input) => (
        <Select {...input} name={name} value={props.value ?? ''} onChange={(event) => pick(event.target.value)}>
          {props.anyLabel !== undefined && <Select.Option value="">{props.anyLabel}</Select.Option>}
          {choices.map((choice) => (
            <Select.Option key={choice} value={choice}>
              {labelOf(choice)}
            </Select.Option>
          ))}
        </Select>
      )}
    </FormField>
  );
}
