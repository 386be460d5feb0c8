import { type FormEvent, useEffect, useState } from 'react';
import type { Problem } from '../../api/schemas';

/** What the API answered to a link's request: openapi-fetch's result, narrowed to what these pages read. */
interface LinkAnswer<T> {
  readonly data?: T;
  readonly error?: Problem;
  readonly response: Response;
}

/**
 * A page opened from the personal link in a mail, without signing in: the link's token opens its invitation (what
 * the form is about), then proves the right to send the form. The page shows the API's problem, the network's
 * failure, "loading" while the invitation is under way and its thanks once sent; the API decides what is valid.
 *
 * `open` is called once per token: pass a function that does not change between renders (defined beside the page).
 */
export function useLinkForm<T>(
  token: string | undefined,
  open: (token: string) => Promise<LinkAnswer<T>>,
  onRefused?: (problem: Problem | undefined) => void,
) {
  const [invitation, setInvitation] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [networkError, setNetworkError] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (!token) return;
    let current = true;
    open(token).then(
      ({ data, error }) => {
        if (!current) return;
        if (data) return setInvitation(data);
        setProblem(error);
        onRefused?.(error);
      },
      () => current && setNetworkError(true),
    );
    return () => {
      current = false;
    };
  }, [token, open, onRefused]);

  /**
   * The form's submit handler: sends once at a time with the token, and counts the form as sent when the API
   * answers with `accepted` (the status the contract gives for it); otherwise the problem is kept for the page.
   */
  const submitWith =
    (accepted: number, send: (token: string) => Promise<LinkAnswer<unknown>>, whenSent?: () => void) =>
    async (event: FormEvent) => {
      event.preventDefault();
      if (!token || invitation === undefined || sending) return;
      setSending(true);
      setProblem(undefined);
      setNetworkError(false);
      try {
        const { response, error } = await send(token);
        if (response.status === accepted) {
          whenSent?.();
          setSent(true);
        } else {
          setProblem(error);
        }
      } catch {
        setNetworkError(true);
      } finally {
        setSending(false);
      }
    };

  return { token, invitation, problem, networkError, sending, sent, setSent, submitWith };
}

export type LinkForm<T> = ReturnType<typeof useLinkForm<T>>;
