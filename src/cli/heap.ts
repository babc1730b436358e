/**
 * The V8 setting the npm CLI changes: only while worker threads run. (The single executable also
 * turns off V8's baseline compiler for its short runs: src/sea.ts.)
 *
 * V8 moves an allocation site's objects straight to the old generation once most of them survived
 * a young collection. Early in a run most do (the grammar, the rule tables), and then every file's
 * tree, dead a moment later, can go there too. Measured over 10,000 files on 2 cores, that costs a
 * run on two threads about 50 ms of collection (400 ms with the guess off, 450 with it on, over 6
 * and 8 runs) and a run on one thread nothing (168-240 ms either way).
 *
 * So the guess is off where it pays, from just before the first worker starts until the last one
 * is done. Changing it loads `node:v8`, which loads Node's stream modules: 3 ms, a tenth of a
 * one-file run, which no longer pays it. The flag is process-wide: the workers compile under it.
 * V8 rejects a code cache made under other flags, so bin/start.js keeps the workers' cache apart
 * from the main thread's, and the flag is back as it was before the main thread writes its own.
 * A user who set the flag (`node --no-allocation-site-pretenuring`, NODE_OPTIONS) keeps it as set.
 */

const PRETENURING = /^--(no-)?allocation[-_]site[-_]pretenuring(=|$)/;

/** Runs `work` with V8's pretenuring of allocation sites off, and turns it back on after, unless the user set it. */
export async function withYoungGeneration<T>(work: () => Promise<T>): Promise<T> {
  if (userSetsPretenuring(process.execArgv, process.env.NODE_OPTIONS)) return work();
  const v8 = process.getBuiltinModule("node:v8");
  v8.setFlagsFromString("--no-allocation-site-pretenuring");
  try {
    return await work();
  } finally {
    v8.setFlagsFromString("--allocation-site-pretenuring");
  }
}

/** Whether Node's own arguments or NODE_OPTIONS set V8's pretenuring flag, either way. */
export function userSetsPretenuring(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((arg) => PRETENURING.test(arg));
}
