import { useEffect, useState } from 'react';

/**
 * A settings form's draft, filled from the saved settings once they are in and not again, so what is typed stays
 * while the query refreshes. `draftOf` is called with each answer until then: pass one that does not change
 * between renders (defined beside the form).
 */
export function useDraftFrom<Data, Draft>(data: Data | undefined, draftOf: (data: Data) => Draft) {
  const [draft, setDraft] = useState<Draft>();
  useEffect(() => {
    if (data && !draft) setDraft(draftOf(data));
  }, [data, draft, draftOf]);
  return [draft, setDraft] as const;
}
