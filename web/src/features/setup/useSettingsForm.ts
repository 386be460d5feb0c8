import type { UseQueryResult } from '@tanstack/react-query';
import type { paths } from '../../../../contracts/generated/openapi';
import { $api, organisationHeader } from '../../api/client';
import { useCommand } from './useCommand';
import { useDraftFrom } from './useDraftFrom';

/** The organisation's settings that one path reads (GET) and saves whole (PUT), with nothing but its header. */
export type SettingsPath = '/team-nudge-thresholds' | '/survey-topic-owners';

type Json<Part> = Part extends { content: { 'application/json': infer Body } } ? Body : never;
/** What GET answers at a settings path: what `draftOf` starts the form from. */
export type SavedSettings<Path extends SettingsPath> = Json<paths[Path]['get']['responses'][200]>;
type SettingsBody<Path extends SettingsPath> = Json<paths[Path]['put']['requestBody']>;
type SaveAnswer<Path extends SettingsPath> = Json<paths[Path]['put']['responses'][200]>;

/**
 * A settings form's parts: the saved settings (`current`), `save` (PUT of a whole new version, for the command to
 * run), the command and the draft, filled from the saved settings once (useDraftFrom: pass a `draftOf` defined
 * beside the form).
 */
export function useSettingsForm<Path extends SettingsPath, Draft>(
  path: Path,
  draftOf: (saved: SavedSettings<Path>) => Draft,
) {
  const header = organisationHeader();
  // Typed over every settings path (the client's types cannot follow a type parameter); `path`'s own types are
  // what the form is given.
  const route: SettingsPath = path;
  const current = $api.useQuery('get', route, { params: { header } }) as UseQueryResult<SavedSettings<Path>>;
  const put = $api.useMutation('put', route);
  const save = async (body: SettingsBody<Path>) =>
    (await put.mutateAsync({ params: { header }, body } as Parameters<typeof put.mutateAsync>[0])) as SaveAnswer<Path>;
  const command = useCommand();
  const [draft, setDraft] = useDraftFrom(current.data, draftOf);
  return { current, save, command, draft, setDraft };
}
