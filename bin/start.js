// Loads and runs the CLI bundle (dist/cli.cjs) for bin/qatconf.js, once it has checked Node's version.
//
// Start-up is most of what `qatconf lint FILE` costs, and compiling the bundle's functions is a
// large part of it. V8's code cache made after a run holds every function that run compiled (Node's
// own compile cache, made before the run, holds only the top level), so the first run of each
// command writes one and later runs of that command compile almost nothing.
//
// The cache lives in the user's own ~/.cache/qatconf ($XDG_CACHE_HOME/qatconf), never in a shared
// folder such as /tmp: qatconf is often run as root, and cached code another user could write
// would run as root. A folder that is not the user's own, or that others may write to, is not used.
// NODE_DISABLE_COMPILE_CACHE=1 turns the cache off, as it does Node's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "..", "dist", "cli.cjs");

function cacheFolder() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== "function") return undefined;
  const home = process.env.HOME;
  const base = process.env.XDG_CACHE_HOME || (home ? path.join(home, ".cache") : "");
  if (!base) return undefined;
  const dir = path.join(base, "qatconf");
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The command a run's cache is kept for, `-` for a run that names none (`--version`, `--help`). */
function cacheCommand(argv) {
  return /^[a-z][a-z-]{0,30}$/.test(argv[0] ?? "") ? argv[0] : "-";
}

/**
 * The cache file for this bundle (its size, time and inode: a rebuilt bundle gets a new file),
 * this Node and this command: each command compiles different functions. A run of many files has
 * its own (`.many`): it starts under other V8 flags (run-flags.js), and V8 rejects a cache made
 * under other flags. So do worker threads, which compile what their share of the work needs.
 */
function cacheFile(dir, stat, command, worker, many) {
  return path.join(dir, `${bundleId(stat)}-${command}${many ? ".many" : ""}${worker ? ".worker" : ""}.v8cache`);
}

function bundleId(stat) {
  return ["cli", stat.size, Math.trunc(stat.mtimeMs), stat.ino, process.version, process.arch].join("-");
}

function readOrUndefined(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function loadBundle(argv, worker, many) {
  let source;
  let stat;
  try {
    // The bundle is ASCII (esbuild escapes everything else), so it is read as Latin-1: the same
    // string, without the UTF-8 decoding of a megabyte on every start.
    source = fs.readFileSync(bundle, "latin1");
    stat = fs.statSync(bundle);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    process.stderr.write(
      "qatconf: cannot load the CLI (dist/cli.cjs is missing); run `npm run build` in a source checkout\n",
    );
    process.exit(2);
  }
  const dir = cacheFolder();
  const command = cacheCommand(argv);
  const file = dir && cacheFile(dir, stat, command, worker, many);
  const cachedData = file && readOrUndefined(file);
  // The bundle holds its own CommonJS wrapper (scripts/build.ts): compiled here, its value is the
  // module function, and the source is compiled as read, without a wrapped copy of half a megabyte.
  const script = new vm.Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, bundle, path.dirname(bundle));
  // A cache holds what the run that wrote it compiled, and V8 adds nothing to it later: one written
  // by `qatconf lint --help` left `lint` compiling most of itself on every run (2.4x `node -e 0`
  // instead of 1.9x). So only a run whose command did its work (src/cli/main.ts) writes a
  // command's cache. The runs that name no command (`--version`, `--help`) have theirs, and without
  // it compiled everything they ran each time (`--version` took 68 ms where `lint FILE` took 49).
  const saveCache = (worked) => {
    if (!file || (!worked && command !== "-") || (cachedData && !script.cachedDataRejected)) return;
    // Written, and other builds' caches pruned, as the single executable does (src/io/code-caches.ts).
    module.exports.saveCodeCache(file, script.createCachedData(), "cli-", `${bundleId(stat)}-`);
  };
  return { cli: module.exports, saveCache };
}

// Workers run under the flags their process started with, and learn from it which cache is theirs.
const MANY_FILES = "QATCONF_MANY_FILES";

const argv = process.argv.slice(2);
if (argv[0] === "--qatconf-worker") {
  // A worker thread of `lint` or `fmt` (src/cli/pool.ts), with its command's workers' code cache,
  // which a worker that found none (or one V8 rejected) writes when its work is done.
  const { cli, saveCache } = loadBundle(argv.slice(1), true, process.env[MANY_FILES] === "1");
  cli.runWorker(() => saveCache(true));
} else {
  // Set before the bundle is compiled, and never changed after (run-flags.js says why).
  const flags = require("./run-flags.js").runFlags(argv, process.execArgv, process.env.NODE_OPTIONS);
  const many = flags.length > 0;
  if (many) {
    const v8 = require("node:v8");
    for (const flag of flags) v8.setFlagsFromString(flag);
    process.env[MANY_FILES] = "1";
  } else {
    delete process.env[MANY_FILES];
  }
  const { cli, saveCache } = loadBundle(argv, false, many);
  cli.run(argv, path.join(__dirname, "qatconf.js")).then(({ worked }) => saveCache(worked));
}
