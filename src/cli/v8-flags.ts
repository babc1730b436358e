/**
 * The V8 settings `lint` and `fmt` change for a run of many files, and put back after.
 *
 * In the npm CLI, changing one loads `node:v8`, which loads Node's stream modules: 3 ms, a tenth of
 * a one-file run, which never pays it; a run of many files does (the single executable has the
 * module in its snapshot, and starts no workers). A flag is process-wide: worker threads compile
 * under it. V8 rejects a code cache made under other flags, so bin/start.js keeps the workers'
 * cache apart from the main thread's, and every flag is back as it was before the main thread
 * writes its own. A user who set a flag (`node --no-allocation-site-pretenuring`, NODE_OPTIONS)
 * keeps it as set.
 */

/** A V8 flag a run changes: the setting, and the one that puts V8's default back. */
export interface FlagChange {
  readonly set: string;
  readonly reset: string;
}

/**
 * V8 moves an allocation site's objects straight to the old generation once most of them survived
 * a young collection. Early in a run most do (the grammar, the rule tables), and then every file's
 * tree, dead a moment later, can go there too. Measured over 10,000 files on 2 cores, that costs a
 * run on two threads about 50 ms of collection (400 ms with the guess off, 450 with it on, over 6
 * and 8 runs) and a run on one thread nothing (168-240 ms either way): it is off while workers run.
 */
export const NO_PRETENURING: FlagChange = {
  set: "--no-allocation-site-pretenuring",
  reset: "--allocation-site-pretenuring",
};

/**
 * TurboFan inlines functions of up to 460 bytes of bytecode by default, and a rule's `check` or
 * the device model, with what it calls inlined, took 10 to 47 ms each to compile: about 320
 * compiles, 1.55-1.64 s of a helper thread's time in a `lint --jobs 1` of 10,000 files, paid again
 * by every worker, on cores the threads linting need. With nothing over 100 bytes inlined, 336
 * compiles took 0.88-0.97 s, and runs took less time or the same (medians of alternating runs, 2
 * cores): `lint` of 1,000 files took 392 ms against 454 (21 runs); of 10,000, on two threads,
 * 1,570 against 1,803 (11; a limit of 150 gave 1,651, of 60 1,712), and on one 1,869 against
 * 1,882 (11); `fmt --check` of 1,000 files 224 against 240 (15), of 10,000 on one thread 1,632
 * against 1,636 (15). Of 104 files, `lint` took 142 against 151; of 16, the same.
 */
export const SMALLER_INLINING: FlagChange = {
  set: "--max-inlined-bytecode-size=100",
  reset: "--max-inlined-bytecode-size=460",
};

/** Files from which a run of `lint` or `fmt` inlines less ({@link SMALLER_INLINING}): its 3 ms pay from about there. */
export const SMALLER_INLINING_FROM = 100;

/** The changes for a run of `lint` or `fmt` that works on `files` files. */
export function flagsForRun(files: number): FlagChange[] {
  return files >= SMALLER_INLINING_FROM ? [SMALLER_INLINING] : [];
}

/**
 * The flags worker threads always start under, whatever the run: their code cache (bin/start.js)
 * is made under the flags they start with, and one made under others would be rejected and written
 * again by every other kind of run.
 */
export const WORKER_FLAGS: readonly FlagChange[] = [NO_PRETENURING, SMALLER_INLINING];

// How many runs of withV8Flags hold each change now: a change is made by the first and undone by
// the last, so that a run inside another (the workers inside a long lint) keeps the outer's.
const holding = new Map<FlagChange, number>();

/** Runs `work` under `changes` (those the user did not set), and puts V8's defaults back after. */
export async function withV8Flags<T>(changes: readonly FlagChange[], work: () => Promise<T>): Promise<T> {
  const mine = changes.filter((c) => !userSetsFlag(c.set, process.execArgv, process.env.NODE_OPTIONS));
  if (mine.length === 0) return work();
  const v8 = process.getBuiltinModule("node:v8");
  for (const change of mine) {
    const held = holding.get(change) ?? 0;
    if (held === 0) v8.setFlagsFromString(change.set);
    holding.set(change, held + 1);
  }
  try {
    return await work();
  } finally {
    for (const change of mine) {
      const held = (holding.get(change) ?? 1) - 1;
      if (held === 0) v8.setFlagsFromString(change.reset);
      holding.set(change, held);
    }
  }
}

/**
 * Whether Node's own arguments or NODE_OPTIONS set the V8 flag that `setting` sets (in any form:
 * `--no-`, `=value`, dashes or underscores).
 */
export function userSetsFlag(setting: string, execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const name = setting.replace(/^--(no-)?/, "").replace(/=.*$/, "");
  const flag = new RegExp(`^--(no-)?${name.replace(/[-_]/g, "[-_]")}(=|$)`);
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((arg) => flag.test(arg));
}
