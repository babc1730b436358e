/** Builds `dist/`: the library and the CLI bundled by esbuild, type declarations by tsc. */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts" },
  outdir: "dist",
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
// `--no-types` skips the declarations: the benchmark rebuilds the bundle only, and must not fail on
// a type error elsewhere in a tree that other work is changing.
if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
}
