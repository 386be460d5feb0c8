import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app, served by the API process under /app/ (services/api/webAppRouter.ts). Vite 8 compiles the JSX
 * itself (oxc, React's automatic runtime), so no React plugin is needed for a production build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Asset names carry a content hash: the API lets browsers keep them for a year.
    assetsDir: 'assets',
    rolldownOptions: {
      // TanStack Query marks modules "use client" for React Server Components, which a browser-only app has none of.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
