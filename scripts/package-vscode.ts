/**
 * `npm run package:vscode [-- --out FILE]`: builds the VS Code extension (editors/vscode) and
 * packages it with `@vscode/vsce` into a .vsix (default editors/vscode/qatconf-<version>.vsix).
 * The extension is one bundled file (vscode-languageclient inside, `vscode` left to the editor),
 * so vsce packages it with --no-dependencies: the folder has no node_modules of its own.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const EXTENSION = resolve(ROOT, "editors/vscode");
const { values } = parseArgs({ options: { out: { type: "string" } } });

await build({
  entryPoints: [resolve(EXTENSION, "src/extension.mts")],
  outfile: resolve(EXTENSION, "dist/extension.js"),
  bundle: true,
  format: "cjs",
  platform: "node",
  // VS Code 1.91 runs extensions on Node 20.
  target: "node20",
  external: ["vscode"],
  logLevel: "warning",
});
const args = ["package", "--no-dependencies", ...(values.out === undefined ? [] : ["--out", resolve(values.out)])];
const r = spawnSync(process.execPath, [resolve(ROOT, "node_modules/@vscode/vsce/vsce"), ...args], {
  cwd: EXTENSION,
  stdio: ["ignore", "inherit", "inherit"],
});
process.exitCode = r.status ?? 1;
