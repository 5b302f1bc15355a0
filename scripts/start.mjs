// `npm start` will run the demo with its local services (libSQL, sync worker, Vite) once the
// demo app exists. Until then it says so instead of failing obscurely.
console.log(
  'TinySync: the demo app is not built yet. Run `npm test` to exercise @tinysync/store, and see README.md.',
);
