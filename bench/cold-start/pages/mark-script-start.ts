// Imported first by every page entry, so this runs before any library module is evaluated:
// "script start" is when the bundle begins to run, after it was fetched and compiled.
performance.mark('script-start');
