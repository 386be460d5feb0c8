import { useLayoutEffect, useState } from 'react';

/**
 * The token a mailed link carries after `#`: read while the page renders, taken out of the address (it is the
 * reader's credential) only once the page is on screen. Taking it out while rendering lost it: React may throw a
 * first render away and render again (a lazy page's code arriving, an interrupted render), and the second render
 * found the address already emptied, so the page said there was no link.
 */
export function useLinkToken(otherwise?: () => string | undefined): string | undefined {
  const [token] = useState(() => decodeURIComponent(window.location.hash.slice(1)) || otherwise?.() || undefined);
  useLayoutEffect(() => {
    if (window.location.hash)
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}
