/**
 * How the CLI is bundled, shared by `scripts/build.ts` (the npm package's `dist/cli.cjs`) and
 * `scripts/build-sea.ts` (the single executable): one CommonJS file holding every dependency.
 *
 * One file because start-up time is the CLI's cost on every invocation: with the dependencies in
 * node_modules, Node resolves and compiles dozens of modules before the first line of qatconf runs.
 * CommonJS because a CommonJS entry starts a few milliseconds sooner than an ES module one, and
 * because Node 22's single executable applications run only a CommonJS script. Commands' dynamic
 * imports are bundled in and still evaluated only when the command runs.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions, Plugin } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

/**
 * commander imports `node:child_process` at load time for executable subcommands, which qatconf
 * never uses; loading it pulls in net, dgram and the stream stack (about 3 ms per run). Inside the
 * bundle, commander gets a stand-in that loads the real module on first use.
 */
const deferChildProcess: Plugin = {
  name: "defer-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`)
        ? { path: "child_process", namespace: "deferred-builtin" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "deferred-builtin" }, () => ({
      contents: 'export default new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

/**
 * A plugin that edits one file of a dependency as it goes into the bundle: each `[from, to]` of
 * `edits` replaces text found exactly once. The build fails when the text is not there, or is there
 * twice (the dependency changed: look again), rather than ship the file edited by half.
 */
function editDependency(dependency: string, file: RegExp, edits: Array<[string, string]>): Plugin {
  return {
    name: `edit-${dependency}`,
    setup(build) {
      build.onLoad({ filter: file }, (args) => {
        let contents = readFileSync(args.path, "utf8");
        for (const [from, to] of edits) {
          const at = contents.indexOf(from);
          if (at < 0 || contents.indexOf(from, at + 1) >= 0) {
            throw new Error(`${args.path}: expected ${JSON.stringify(from)} once; has ${dependency} changed?`);
          }
          contents = contents.slice(0, at) + to + contents.slice(at + from.length);
        }
        return { contents, loader: "js" };
      });
    },
  };
}

/**
 * chevrotain's lexer maps a character code of 256 or more to its bucket through a table of 65,536
 * numbers that it fills when the first lexer is built: about 1 ms of every run of the npm CLI, and
 * 512 KB of the single executable's startup snapshot (a quarter of what qatconf adds to Node's
 * heap there, deserialized on every run). The table holds `255 + ~~(code / 255)` for those codes:
 * inside the bundle, the lexer computes that instead (the lookup in `charCodeToOptimizedIndex`, and
 * the one call that fills the table).
 */
export const computeCharCodeBuckets = editDependency(
  "chevrotain",
  /[/\\]chevrotain[/\\]lib[/\\]src[/\\]scan[/\\]lexer\.js$/,
  [
    [": charCodeToOptimizedIdxMap[charCode];", ": 255 + ~~(charCode / 255);"],
    ["initCharCodeToOptimizedIndexMap();\n", "\n"],
  ],
);

/**
 * commander tells a variadic option (`--rule <id...>`) by a regular expression with a Unicode
 * property class, which V8 compiles on the first option of every run: about half a millisecond.
 * Inside the bundle, that expression runs only on flags that end as a variadic one does.
 */
export const cheapVariadicCheck = editDependency("commander", /[/\\]commander[/\\]lib[/\\]option\.js$/, [
  [
    "this.variadic = /\\p{ID_Continue}\\.\\.\\.[>\\]]$/u.test(flags);",
    "this.variadic = /\\.\\.\\.[>\\]]$/.test(flags) && /\\p{ID_Continue}\\.\\.\\.[>\\]]$/u.test(flags);",
  ],
]);

/**
 * The language server and its protocol libraries are about as large as the rest of the CLI: in the
 * npm package they are a file of their own, `dist/lsp.cjs`, which `qatconf lsp` loads from beside
 * the CLI bundle, so that every other command reads and compiles none of them. The single
 * executable holds that file as an asset (scripts/build-sea.ts), compiled when `lsp` runs: inside
 * its bundle, the language server's functions would be in the startup snapshot that every run
 * deserializes (about 3 ms of each `lint`).
 */
export function separateLanguageServer(from: "file" | "sea-asset"): Plugin {
  return {
    name: "separate-language-server",
    setup(build) {
      build.onResolve({ filter: /[/\\]lsp[/\\]server\.ts$/ }, () => ({ path: "lsp", namespace: "separate-lsp" }));
      build.onLoad({ filter: /.*/, namespace: "separate-lsp" }, () => ({
        contents: from === "file" ? LSP_FROM_FILE : LSP_FROM_SEA_ASSET,
        loader: "js",
        resolveDir: SRC,
      }));
    },
  };
}

// __dirname is dist/: bin/start.js runs the CLI bundle with it.
const LSP_FROM_FILE = 'module.exports = require(require("node:path").join(__dirname, "lsp.cjs"));';

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

const LSP_FROM_SEA_ASSET = `module.exports = require(${JSON.stringify(join(SRC, "sea-asset.ts"))}).loadAsset("lsp.cjs").exports;`;

/**
 * The single executable's snapshot holds the code of `keep`'s commands only (src/sea-commands.ts):
 * inside its bundle, every other command module is a stand-in that src/sea.ts never loads, as it
 * hands those command lines to the whole CLI, an asset (scripts/build-sea.ts).
 */
export function leaveOutCommands(keep: readonly string[]): Plugin {
  return {
    name: "leave-out-commands",
    setup(build) {
      build.onResolve({ filter: /[/\\]commands[/\\][a-z-]+\.ts$/ }, (args) => {
        const name = basename(args.path, ".ts");
        return keep.includes(name) ? undefined : { path: name, namespace: "left-out-command" };
      });
      build.onLoad({ filter: /.*/, namespace: "left-out-command" }, (args) => ({
        contents: `export function register() { throw new Error("the ${args.path} command is not in this bundle"); }`,
        loader: "js",
      }));
    },
  };
}

/**
 * A hash of what the bundle is built from (every file under src/, and the lock file for the
 * dependencies): `lint --cache` reuses findings only from the same build.
 */
function buildId(): string {
  const root = new URL("..", import.meta.url).pathname;
  const digest = createHash("sha256");
  const files = readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of [...files, join(root, "package-lock.json")]) {
    digest.update(file.slice(root.length));
    digest.update(readFileSync(file));
  }
  return digest.digest("hex").slice(0, 16);
}

/** esbuild options for a CommonJS bundle of the CLI with every dependency inside. */
export function cliBundleOptions(): BuildOptions {
  return {
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node22",
    sourcemap: true,
    // Half the bytes to read, and shorter names for V8 to intern when it loads the code cache: about
    // 5 ms of CPU per run. Stack traces map back through the source map (node --enable-source-maps).
    minify: true,
    plugins: [deferChildProcess, computeCharCodeBuckets, cheapVariadicCheck],
    define: {
      __QATCONF_VERSION__: JSON.stringify(pkg.version),
      __QATCONF_BUILD__: JSON.stringify(buildId()),
      // The grammar's tests run chevrotain's validations on every change (test/integration/startup.test.ts);
      // the shipped CLI skips them, as they cost about 5 ms of every start and can never fail there.
      __QATCONF_SKIP_GRAMMAR_VALIDATIONS__: "true",
    },
    logLevel: "warning",
  };
}
