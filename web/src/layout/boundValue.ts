/**
 * A text, date or select input's value and what to do when it changes, as the string it holds: the two props every
 * such input of a form passes (`<TextInput {...input} {...boundValue(title, setTitle)} />`).
 */
export function boundValue(value: string, onChange: (value: string) => void) {
  return { value, onChange: (event: { target: { value: string } }) => onChange(event.target.value) };
}
