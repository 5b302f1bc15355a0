// The demo's schema: the example schema that ships with @tinysync/store (users, projects,
// tasks). The app's hooks and its worker (worker/index.ts) both import it from here.
export { appSchema as schema } from '@tinysync/store';
