/**
 * The one V8 setting qatconf changes, and only in runs that start worker threads.
 *
 * V8 moves an allocation site's objects straight to the old generation once most of them survived
 * a young collection. Early in a run most do (the grammar, the rule tables), and then every file's
 * tree, dead a moment later, can go there too. Measured over 10,000 files on 2 cores, that costs a
 * run on two threads about 50 ms of collection (400 ms with the guess off, 450 with it on, over 6
 * runs each) and a run on one thread nothing (168-233 ms either way).
 *
 * So the flag is set where it pays, just before the first worker starts. Setting it means loading
 * `node:v8`, which loads Node's stream modules: 3 ms, a tenth of a one-file run, which no longer
 * pays it. The flag is process-wide: it holds in the workers too. V8 rejects a code cache made under
 * other flags, so bin/start.js keeps the workers' cache apart from the main thread's, and the main
 * thread does not write its own after a run that set it ({@link v8FlagsChanged}).
 */

let changed = false;

/** Turns off V8's pretenuring of allocation sites, once. */
export function preferYoungGeneration(): void {
  if (changed) return;
  changed = true;
  process.getBuiltinModule("node:v8").setFlagsFromString("--no-allocation-site-pretenuring");
}

/** Whether this run has changed V8's flags (and so what it would put in a code cache). */
export function v8FlagsChanged(): boolean {
  return changed;
}
