/**
 * Entry point of the single executable (`npm run build:sea`, scripts/build-sea.ts). Node runs this
 * module once at build time and stores the resulting heap as a V8 startup snapshot in the
 * executable; each run starts from that heap and calls the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString, startupSnapshot } from "node:v8";
import { exitIfOver, run } from "./cli/main.ts";
import { forgetConfigs } from "./lint/config.ts";

// Running `lint` once at build time puts into the snapshot what every run would otherwise build
// first: the grammar (chevrotain's lexer and parser analysis), the rules, commander's program, the
// lint command's modules, loaded and initialised (not their compiled code: V8 keeps none of it in
// the snapshot, and Node takes no code cache beside one, so each run still compiles what it calls
// first). The file is clean, so nothing is
// printed. What the run learnt of the build machine's folders (the `.qatconf.json` lookup) is
// forgotten, or the executable would take it for the user's.
// Set before the warm run too, so that no allocation site in the snapshot was marked for the old generation.
setFlagsFromString("--no-allocation-site-pretenuring");
const warm = mkdtempSync(join(tmpdir(), "qatconf-sea-warm-"));
const file = join(warm, "c6xx_dev0.conf");
writeFileSync(
  file,
  "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n",
);
// The snapshot is taken once the event loop is empty, so after this run has finished.
void run(["lint", file]).finally(() => {
  forgetConfigs();
  rmSync(warm, { recursive: true, force: true });
  process.exitCode = 0;
});

startupSnapshot.setDeserializeMainFunction(() => {
  // As bin/start.js does, and for the same reason (see there): V8 flags are not in the snapshot.
  setFlagsFromString("--no-allocation-site-pretenuring");
  return run(process.argv.slice(2)).then(exitIfOver);
});
