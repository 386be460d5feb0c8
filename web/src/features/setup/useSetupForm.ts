import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSignedIn } from '../../session/session';
import { type SetupSection, canWrite } from './setupRoles';
import { useCommand } from './useCommand';

/** What a set-up page's frame and form take of useSetupForm. */
export interface SetupFormState {
  readonly writable: boolean;
  readonly form: string;
  readonly placed: readonly string[];
  readonly command: ReturnType<typeof useCommand>;
}

/** The keys of a draft whose values are text: what a text, lines or select field edits. */
export type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/**
 * A set-up page's form: whether the person's role may use it (setupRoles), its draft and its command, and `bind`,
 * what each field is given: its label, value and setter, and its id and problem by the JSON pointer the API names
 * it by (`/<key>` unless told). `onEdit` hears of every change (a new intention, for a page that keys its
 * commands); `run` sends the command and, when it succeeded, has the page's list (`list`, its GET path) read again.
 */
export function useSetupForm<Draft extends object>(options: {
  section: SetupSection;
  form: string;
  /**
   * The pointers of the form's fields: a problem at none of them is shown at the form's top. Unless told, `/<key>`
   * for each key of the draft (a form whose every field is one key of the body).
   */
  placed?: readonly string[];
  empty: Draft;
  list?: string;
  onEdit?: () => void;
}) {
  const { section, form, empty, list, onEdit } = options;
  const placed = options.placed ?? Object.keys(empty).map((key) => `/${key}`);
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const command = useCommand();
  const [draft, setDraft] = useState<Draft>(empty);
  const edit = (patch: Partial<Draft>) => {
    onEdit?.();
    setDraft((current) => ({ ...current, ...patch }));
  };
  const bind = (key: TextKey<Draft>, label: string, pointer = `/${key}`) => ({
    form,
    pointer,
    label,
    value: draft[key] as string,
    onChange: (value: string) => edit({ [key]: value } as Partial<Draft>),
    error: command.errorAt(pointer),
  });
  const run = async (send: () => Promise<string>): Promise<boolean> => {
    const done = await command.run(send);
    if (done && list) await queryClient.invalidateQueries({ queryKey: ['get', list] });
    return done;
  };
  return { writable: canWrite(section, session.role), form, placed, command, draft, setDraft, edit, bind, run };
}
