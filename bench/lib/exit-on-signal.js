// Loaded with --require next to --cpu-prof: a process ended by a signal exits normally instead,
// so Node.js writes its CPU profile. Only the profiled preview of npm run bench loads it.
"use strict";
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
