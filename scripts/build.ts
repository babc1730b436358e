/**
 * Builds `dist/`: the library (`dist/index.js`, an ES module whose dependencies stay external, so an
 * application that also uses chevrotain or diff shares one copy), the CLI (`dist/cli.cjs`, one file
 * with its dependencies inside: see scripts/cli-bundle.ts), and type declarations by tsc.
 */
import { execFileSync } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { cliBundleOptions, separateLanguageServer } from "./cli-bundle.ts";

// The bundle is built beside dist/ and swapped in by rename, so that a CLI test running while
// another build happens never sees a half-written or missing dist/.
const fresh = `dist.build-${process.pid}`;
const cli = cliBundleOptions();
/**
 * The CLI bundle carries its own CommonJS wrapper, so that bin/start.js compiles the file as read:
 * wrapping the half-megabyte source there builds a second copy of it on every start (V8 flattens the
 * concatenation), young-generation garbage enough for a collection of its own (about 1 ms).
 * Compiled by bin/start.js, at the top of a script, where `this` is the global object, the file's
 * value is the module function; required as a module (the tests), where `this` is `module.exports`,
 * it runs at once. The function stays in parentheses: V8 compiles a parenthesised function eagerly
 * rather than pre-parsing it and parsing it again when it is called.
 */
const ownModuleWrapper = {
  banner: {
    js: "(function (wrapped) { return this === globalThis ? wrapped : wrapped.call(this, exports, require, module, __filename, __dirname); }).call(this, (function (exports, require, module, __filename, __dirname) {",
  },
  footer: { js: "}));" },
};
await Promise.all([
  build({
    entryPoints: { index: "src/index.ts" },
    outdir: fresh,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    sourcemap: true,
    define: cli.define ?? {},
    logLevel: "warning",
  }),
  build({
    ...cli,
    plugins: [...(cli.plugins ?? []), separateLanguageServer("file")],
    entryPoints: { cli: "src/cli.ts" },
    outdir: fresh,
    outExtension: { ".js": ".cjs" },
    ...ownModuleWrapper,
  }),
  build({ ...cli, entryPoints: { lsp: "src/lsp/server.ts" }, outdir: fresh, outExtension: { ".js": ".cjs" } }),
]);
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
