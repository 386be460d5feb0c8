import '@amsterdam/design-system-tokens/dist/index.css';
import '@amsterdam/design-system-css/dist/index.css';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { App } from './App';
import { APP_BASE } from './appBase';
import { LanguageProvider } from './i18n/language';
import { SessionProvider } from './session/session';

// A 4xx is the API's answer, not a hiccup: asking again would get the same problem.
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (count, error) => !('status' in (error as object)) && count < 2 } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <SessionProvider onChange={() => queryClient.clear()}>
          <Router base={APP_BASE}>
            <App />
          </Router>
        </SessionProvider>
      </LanguageProvider>
    </QueryClientProvider>
  </StrictMode>,
);
