/** Builds `dist/`: the library and the CLI bundled by esbuild, type declarations by tsc. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
// The bundle is built beside dist/ and swapped in by rename, so that a CLI test running while
// another build happens never sees a half-written or missing dist/.
const fresh = `dist.build-${process.pid}`;
await build({
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts" },
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  packages: "external",
  sourcemap: true,
  chunkNames: "chunks/[name]-[hash]",
  define: { __QATCONF_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
const old = `dist.old-${process.pid}`;
if (existsSync("dist")) renameSync("dist", old);
renameSync(fresh, "dist");
rmSync(old, { recursive: true, force: true });
// `--no-types` skips the declarations: the benchmark rebuilds the bundle only, and must not fail on
// a type error elsewhere in a tree that other work is changing.
if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
}
