import fc from "fast-check";

// Every property runs at least 1,000 cases (the project's bar); QATCONF_FC_RUNS raises it for soak runs.
fc.configureGlobal({ numRuns: Math.max(1000, Number(process.env.QATCONF_FC_RUNS ?? 0)) });
