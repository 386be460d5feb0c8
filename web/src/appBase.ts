/** Where the API serves this app (services/api/webAppRouter.ts); Vite's `base` (web/vite.config.ts) says the same. */
export const APP_BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
