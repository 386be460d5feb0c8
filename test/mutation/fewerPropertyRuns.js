// Mutation runs only: a property run of 25 cases instead of fast-check's 100, since each surviving mutant reruns
// every property that covers it. The example tests pin the edges; the full suite keeps the default.
const fc = require('fast-check');

fc.configureGlobal({ numRuns: 25 });
