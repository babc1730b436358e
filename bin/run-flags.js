// The V8 flags a run of many files starts under, for bin/start.js (the npm CLI) and src/sea.ts (the
// single executable). Plain CommonJS, as start.js runs before the bundle loads.
//
// They are set once, before the CLI's code is compiled, and never changed after: V8 compiles on
// helper threads, and when the inlining limit below was changed in the middle of a run, a compile
// in flight failed a check in TurboFan's inliner ("inlineability == kHasOptimizationDisabled")
// and ended the process, once in about 60 runs of 10,000 files.
//
// TurboFan inlines functions of up to 460 bytes of bytecode by default, and a rule's `check` or
// the device model, with what it calls inlined, took 10 to 47 ms each to compile: about 320
// compiles, 1.55-1.64 s of a helper thread's time in a `lint --jobs 1` of 10,000 files, paid again
// by every worker, on cores the threads linting need. With nothing over 100 bytes inlined, 336
// compiles took 0.88-0.97 s, and runs took less time or the same (medians of alternating runs, 2
// cores): `lint` of 1,000 files took 392 ms against 454 (21 runs); of 10,000, on two threads,
// 1,570 against 1,803 (11; a limit of 150 gave 1,651, of 60 1,712), and on one 1,869 against
// 1,882 (11); `fmt --check` of 1,000 files 224 against 240 (15), of 10,000 on one thread 1,632
// against 1,636 (15). Of 104 files, `lint` took 142 against 151; of 16, the same.
//
// V8 moves an allocation site's objects straight to the old generation once most of them survived
// a young collection. Early in a run most do (the grammar, the rule tables), and then every file's
// tree, dead a moment later, can go there too. Over 10,000 files on 2 cores, that cost a run on two
// threads about 50 ms of collection (400 ms with the guess off, 450 with it on, over 6 and 8 runs)
// and a run on one thread nothing (168-240 ms either way).
//
// Setting a flag loads `node:v8`, which loads Node's stream modules: 3 ms, a tenth of a one-file
// run, which never pays it. So only a run that names a folder, a glob or at least 100 paths gets
// them. A user who set one of these flags (in Node's arguments or NODE_OPTIONS) keeps it as set.
"use strict";

const MANY_FILES_FLAGS = ["--max-inlined-bytecode-size=100", "--no-allocation-site-pretenuring"];

/** Paths from which a run counts as one of many files, whatever they are. */
const MANY_PATHS = 100;

/**
 * Whether `file` names a folder. A path that cannot be looked at (a loop of links, a folder it may
 * not enter) counts as none: the CLI says what is wrong with it.
 */
function isFolder(file) {
  try {
    return require("node:fs").statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The flags a run of `argv` (the CLI's arguments) should start under: MANY_FILES_FLAGS for `lint`
 * or `fmt` of many files (a folder, a glob, 100 paths or more), less those the user set; `[]` for
 * any other run. `folder(path)` says whether a path names a folder (a test's stand-in, or the disk).
 */
function runFlags(argv, execArgv, nodeOptions, folder = isFolder) {
  if (argv[0] !== "lint" && argv[0] !== "fmt") return [];
  // Option values are counted as paths too: a few more, never a wrong verdict on a long run.
  const paths = argv.slice(1).filter((arg) => arg !== "-" && !arg.startsWith("-"));
  const many = paths.length >= MANY_PATHS || paths.some((p) => /[*?[{]/.test(p) || folder(p));
  if (!many) return [];
  const given = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)];
  return MANY_FILES_FLAGS.filter((flag) => !given.some((arg) => sameFlag(arg, flag)));
}

/** Whether the Node argument `arg` sets the V8 flag that `flag` sets (`--no-`, `=value`, `-` or `_`). */
function sameFlag(arg, flag) {
  const name = (text) =>
    text
      .replace(/^--(no-)?/, "")
      .replace(/=.*$/, "")
      .replace(/_/g, "-");
  return arg.startsWith("--") && name(arg) === name(flag);
}

module.exports = { runFlags, sameFlag, MANY_FILES_FLAGS, MANY_PATHS };
