// `npm start` will run the demo with its local services (libSQL, sync worker, Vite) once the
// demo app exists. Until then it says so, and how to run the services that do exist.
console.log(`TinySync: the demo app is not built yet. What runs today:
  npm run dev -w @tinysync/sync-worker   the sync worker on http://127.0.0.1:8787 (offline, dev auth)
  npm run libsql                         the local libSQL server on http://127.0.0.1:8080
  npm run -s token -- --sub user_1 --org org_1 --role org:admin   a dev session token
  npm test                               every test; see README.md`);
