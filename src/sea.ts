/**
 * Entry point of the single executable (`npm run build:sea`, scripts/build-sea.ts). Node runs this
 * module once at build time and stores the resulting heap as a V8 startup snapshot in the
 * executable; each run starts from that heap and calls the CLI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setFlagsFromString, startupSnapshot } from "node:v8";
import { runFlags } from "../bin/run-flags.js";
import { commandsFor, exitIfOver, type PreparedProgram, prepareProgram, run } from "./cli/main.ts";
import { forgetConfigs } from "./lint/config.ts";
import { loadAsset } from "./sea-asset.ts";
import { SNAPSHOT_COMMANDS } from "./sea-commands.ts";

/** The project's samples, `[path, text]`, put in by scripts/build-sea.ts. */
declare const __QATCONF_SEA_WARM__: Array<[string, string]>;

// Running lint and fmt at build time puts into the snapshot what every run would otherwise build
// first: the grammar (chevrotain's lexer and parser analysis), the rules, commander's program, the
// modules of lint and fmt, loaded and initialised (of the commands, the snapshot holds only those
// and lsp: src/sea-commands.ts), and what the warm-up runs compiled and built on the way. So the
// warm-up lints files as users have them (the samples: a PF with a user section of Cy and Dc
// instances, a 4xxx file, a host's PF and VF together) and one with findings, for the report:
// warmed on one bare [GENERAL]/[KERNEL] file instead, `lint` of a shipped c6xx file took
// 55.6 ms where it takes 52.0 (medians of 30, beside `node -e 0` at 32.8). The build keeps what
// the runs print. What they learnt of the build machine's folders (the `.qatconf.json` lookup) is
// forgotten, or the executable would take it for the user's.
const warm = mkdtempSync(join(tmpdir(), "qatconf-sea-warm-"));
for (const [path, text] of __QATCONF_SEA_WARM__) {
  const target = join(warm, "samples", path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
const flawed = join(warm, "c6xx_dev1.conf");
writeFileSync(flawed, "[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\n[KERNEL]\nNumberCyInstances = 0\n");
// The commands whose program (commander's, with the command's options) is made here, for a run
// that names one: building it was about a millisecond of a one-file `lint` (39.1 ms against
// 40.2, medians of 60, beside `node -e 0` at 26.4).
const PREPARED = ["lint", "fmt"];
const prepared = new Map<string, PreparedProgram>();

// The snapshot is taken once the event loop is empty, so after these runs have finished.
void (async () => {
  try {
    await run(["lint", join(warm, "samples")]);
    await run(["fmt", "--check", join(warm, "samples")]);
    await run(["lint", flawed]);
  } finally {
    forgetConfigs();
    rmSync(warm, { recursive: true, force: true });
    process.exitCode = 0;
  }
  for (const command of PREPARED) prepared.set(command, await prepareProgram([command]));
})();

startupSnapshot.setDeserializeMainFunction(() => {
  const argv = process.argv.slice(2);
  const names = commandsFor(argv);
  // V8's baseline compiler (Sparkplug) compiles, on the main thread, every function a run calls
  // often enough, and a short run never earns that back: with it off, a one-file `lint` took 36.6
  // ms against 41.2 and `fmt --check FILE` 39.1 against 46.4 (medians of 100 and 60, beside `node
  // -e 0` at 25.3 and 30.2), while `lint` of 1,880 and of 10,000 files took the same either way
  // (805 against 787 ms, 2,400 against 2,416, medians of 7 and 5): the hot code is optimised
  // anyway. The language server, which runs for hours, keeps it. The flag is off before any code
  // cache is read, so the caches of src/sea-asset.ts are made and read under the same flags.
  if (!names.includes("lsp")) setFlagsFromString("--no-sparkplug");
  // A run of many files starts under the flags the npm CLI gives it (bin/run-flags.js), set here
  // before it compiles anything, where node:v8 costs nothing.
  for (const flag of runFlags(argv, process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(flag);
  if (names.every((name) => SNAPSHOT_COMMANDS.includes(name))) {
    return run(argv, prepared.get(argv[0] ?? "")).then(exitIfOver);
  }
  // Any other command line needs commands the snapshot leaves out: the whole CLI runs it, with the
  // code cache of its command (the runs that name none, as the help, share one).
  const whole = loadAsset("cli.cjs", names.length === 1 ? names[0] : "-");
  return (whole.exports as typeof import("./cli.ts")).run(argv).then((end) => {
    // As bin/start.js: only a run whose command did its work compiled what its next runs need.
    if (end.worked || names.length !== 1) whole.saveCache();
    exitIfOver(end);
  });
});
