/**
 * `npm run build:sea`: qatconf as one executable file (Node.js single executable application), for
 * hosts without Node.js or npm: `dist-sea/qatconf-<platform>-<arch>`, about the size of `node`.
 *
 * The CLI is bundled into one CommonJS script (Node 22 runs nothing else as a SEA main); Node runs
 * it once and stores the heap as a startup snapshot in a preparation blob (src/sea.ts: the grammar
 * is built before the first run, which makes the executable start faster than `node bin/qatconf.js`);
 * the language server's bundle goes into the blob as an asset, loaded by `lsp` only
 * (scripts/cli-bundle.ts), and so does the whole CLI, for the commands the snapshot leaves out
 * (src/sea-commands.ts); postject injects the blob into a copy of the `node` binary that runs
 * this script. Options:
 *   --out FILE   where to write the executable (default dist-sea/qatconf-<platform>-<arch>[.exe])
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { SNAPSHOT_COMMANDS } from "../src/sea-commands.ts";
import { cliBundleOptions, leaveOutCommands, separateLanguageServer } from "./cli-bundle.ts";

const ROOT = resolve(import.meta.dirname, "..");
/** The fuse Node's binary carries so that it looks for an injected blob (Node's SEA documentation). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const { values: flags } = parseArgs({ options: { out: { type: "string" } } });
const suffix = process.platform === "win32" ? ".exe" : "";
const out = resolve(flags.out ?? join(ROOT, "dist-sea", `qatconf-${process.platform}-${process.arch}${suffix}`));

/**
 * Runs a build step, keeping its chatter (Node's "Wrote ... blob", LIEF's warnings about the
 * notes of Node's ELF binary) out of the way unless the step fails.
 */
function step(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${command} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
}

/**
 * The files the snapshot's warm-up run lints and formats (src/sea.ts): the project's samples, a
 * host's PF and VF files among them, as `[path under samples/, text]`.
 */
function warmFiles(): Array<[string, string]> {
  const samples = join(ROOT, "samples");
  return readdirSync(samples, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(samples, path), readFileSync(path, "utf8")] as [string, string];
    })
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const work = mkdtempSync(join(tmpdir(), "qatconf-sea-"));
try {
  const main = join(work, "qatconf.cjs");
  const lsp = join(work, "lsp.cjs");
  const whole = join(work, "cli.cjs");
  const cli = cliBundleOptions();
  const plugins = [...(cli.plugins ?? []), separateLanguageServer("sea-asset")];
  // Nothing would ship a map beside the executable.
  await Promise.all([
    build({
      ...cli,
      plugins: [...plugins, leaveOutCommands(SNAPSHOT_COMMANDS)],
      entryPoints: [join(ROOT, "src/sea.ts")],
      define: { ...cli.define, __QATCONF_SEA_WARM__: JSON.stringify(warmFiles()) },
      outfile: main,
      sourcemap: false,
    }),
    build({ ...cli, plugins, entryPoints: [join(ROOT, "src/cli.ts")], outfile: whole, sourcemap: false }),
    build({ ...cli, entryPoints: [join(ROOT, "src/lsp/server.ts")], outfile: lsp, sourcemap: false }),
  ]);
  const blob = join(work, "qatconf.blob");
  const config = join(work, "sea-config.json");
  writeFileSync(
    config,
    JSON.stringify(
      {
        main,
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: true,
        assets: { "lsp.cjs": lsp, "cli.cjs": whole },
      },
      null,
      2,
    ),
  );
  step(process.execPath, ["--experimental-sea-config", config]);

  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  copyFileSync(process.execPath, out);
  chmodSync(out, 0o755);
  // macOS refuses a signed binary whose contents changed: drop the signature, re-sign ad hoc after.
  if (process.platform === "darwin") step("codesign", ["--remove-signature", out]);
  const postject = createRequire(import.meta.url).resolve("postject/dist/cli.js");
  const macho = process.platform === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : [];
  step(process.execPath, [postject, out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE, ...macho]);
  if (process.platform === "darwin") step("codesign", ["--sign", "-", out]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const mb = (statSync(out).size / 1e6).toFixed(0);
process.stdout.write(`built ${relative(process.cwd(), out) || out} (${mb} MB, Node ${process.version})\n`);
