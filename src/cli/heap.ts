/**
 * The one V8 setting qatconf changes, for runs over many files only.
 *
 * V8 moves an allocation site's objects straight to the old generation once most of them survived
 * a young collection. Early in a run most do (the grammar, the rule tables), and then every file's
 * tree, dead a moment later, went there too: over 10,000 files, garbage collection took 150 ms in
 * some runs and 575 ms in others, with eleven full collections instead of two and 100 MB more
 * memory. A run's objects are short-lived or made at start-up: it is better off without the guess.
 *
 * Setting it means loading `node:v8`, which loads Node's stream modules: 3 ms, a tenth of what a
 * run of one file costs, and a run of a few files does not collect often enough to gain anything.
 * The flag is process-wide: set before the workers start, it holds in them too.
 */

/** Files from which a run turns the guess off. */
export const MANY_FILES = 200;

let set = false;

/** Turns off V8's pretenuring of allocation sites for a run of `files` files, if they are many. */
export function preferYoungGeneration(files: number): void {
  if (set || files < MANY_FILES) return;
  set = true;
  process.getBuiltinModule("node:v8").setFlagsFromString("--no-allocation-site-pretenuring");
}
