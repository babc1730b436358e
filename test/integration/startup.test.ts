/**
 * What keeps `qatconf` quick to start (bench/README.md measures it; no test asserts a time):
 * the CLI is one CommonJS file needing no node_modules, the bundle skips chevrotain's grammar
 * validations (so they run here, on the source grammar), chevrotain's lexer computes the buckets it
 * would look up in a table and commander tests for a variadic option cheaply (so here both are
 * compared with the originals), commander's child_process is loaded only if used, and the entry point keeps V8's code cache of each command in the user's
 * cache folder.
 */
import { isAscii } from "node:buffer";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createToken, Lexer } from "chevrotain";
import { build, type Plugin } from "esbuild";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { allTokens, skipValidations } from "../../grammar/lexer.ts";
import { ConfigParser } from "../../grammar/parser.ts";
import { cheapVariadicCheck, computeCharCodeBuckets, leaveOutCommands } from "../../scripts/cli-bundle.ts";
import { SNAPSHOT_COMMANDS } from "../../src/sea-commands.ts";
import { BIN, ROOT, runCli, runLintInProcess } from "../support/cli.ts";
import { throughFullPipe, untidyRepository } from "../support/full-pipe.ts";

const temp = mkdtempSync(join(tmpdir(), "qatconf-startup-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SAMPLE = resolve(ROOT, "samples/c6xx_dev0.conf");

/** `count` host folders of the sample under `root`, so that `lint --jobs 2` has folders to share. */
/** The files of the host folders under `root`, as paths. */
function filesOf(root: string): string[] {
  return readdirSync(root).flatMap((host) => readdirSync(join(root, host)).map((file) => join(root, host, file)));
}

function hostFolders(root: string, count: number): string {
  for (let i = 0; i < count; i++) {
    mkdirSync(join(root, `host${i}`), { recursive: true });
    for (const n of [0, 1]) copyFileSync(SAMPLE, join(root, `host${i}`, `c6xx_dev${n}.conf`));
  }
  return root;
}

describe("chevrotain's grammar validations", () => {
  it("run on the source grammar (only the built bundles skip them)", () => {
    expect(skipValidations).toBe(false);
    const lexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    // performSelfAnalysis throws on any grammar definition error when validations are on.
    expect(() => new ConfigParser()).not.toThrow();
  });

  it("would catch a broken token set", () => {
    // A second `=` token can never match: chevrotain reports the duplicate pattern.
    const shadowed = createToken({ name: "SecondEquals", pattern: /=/ });
    expect(() => new Lexer([...allTokens, shadowed], { positionTracking: "onlyOffset" })).toThrow(/SecondEquals/);
  });
});

/**
 * Export `name` of dependency file `path` as the bundles hold it (built with `plugin`), loaded as a
 * module of its own, and the code it was bundled into.
 */
async function asBundled(path: string, name: string, plugin: Plugin): Promise<{ code: string; module: unknown }> {
  const out = await build({
    stdin: { contents: `export { ${name} } from ${JSON.stringify(path)};`, resolveDir: ROOT },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    plugins: [plugin],
  });
  const code = out.outputFiles[0]?.text ?? "";
  return { code, module: await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`) };
}

describe("chevrotain's lexer inside the bundles (scripts/cli-bundle.ts computes its character buckets)", () => {
  const LEXER = resolve(ROOT, "node_modules/chevrotain/lib/src/scan/lexer.js");

  /** `lexer.js` as the bundles hold it, loaded as a module of its own. */
  async function patchedLexer(path: string): Promise<{ charCodeToOptimizedIndex: (code: number) => number }> {
    return (await asBundled(path, "charCodeToOptimizedIndex", computeCharCodeBuckets)).module as {
      charCodeToOptimizedIndex: (code: number) => number;
    };
  }

  it("puts every character code in the bucket chevrotain's own table does", async () => {
    const original = (await import(pathToFileURL(LEXER).href)) as typeof import("chevrotain") & {
      charCodeToOptimizedIndex: (code: number) => number;
    };
    // Building a lexer fills chevrotain's table (the lexer.js module the package's entry imports).
    new Lexer(allTokens, { positionTracking: "onlyOffset" });
    const patched = await patchedLexer(LEXER);
    const differ: number[] = [];
    for (let code = 0; code < 65536; code++) {
      if (patched.charCodeToOptimizedIndex(code) !== original.charCodeToOptimizedIndex(code)) differ.push(code);
    }
    expect(differ).toEqual([]);
    expect(original.charCodeToOptimizedIndex(0x3000)).toBe(255 + 48);
  });

  it("lints text whose tokens start above U+00FF exactly as chevrotain's own lexer does", async () => {
    const file = join(temp, "c6xx_dev0.conf");
    writeFileSync(
      file,
      "# \u0100 comment\n[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n\u0100Key = 1\n\u20ac = \u2713\n" +
        "[\u0100section]\n\u{1f600} = 1\n=\u0101\n\u65e5\u672c\n",
    );
    const bundled = runCli(["lint", "-f", "json", file]);
    const source = await runLintInProcess([file], { format: "json", jobs: 1 }, { cwd: temp });
    expect(bundled.stdout).toContain("\u0100Key");
    expect(bundled.stdout).toContain("syntax");
    expect(bundled).toEqual(source);
  });

  it("fails the build when chevrotain's code no longer reads as expected", async () => {
    const moved = join(temp, "node_modules/chevrotain/lib/src/scan/lexer.js");
    mkdirSync(resolve(moved, ".."), { recursive: true });
    writeFileSync(moved, "export function charCodeToOptimizedIndex(c) { return table[c]; }\n");
    await expect(patchedLexer(moved)).rejects.toThrow(/has chevrotain changed\?/);
  });
});

describe("commander inside the bundles (scripts/cli-bundle.ts tests for a variadic option cheaply)", () => {
  it("tells a variadic option as commander's own Option does, for any flags", async () => {
    const OPTION = resolve(ROOT, "node_modules/commander/lib/option.js");
    const { code, module } = await asBundled(OPTION, "Option", cheapVariadicCheck);
    expect(code).toContain("/\\.\\.\\.[>\\]]$/.test(");
    type OptionClass = new (flags: string) => { variadic: boolean };
    const patched = module as { Option: OptionClass };
    const original = (await import(pathToFileURL(OPTION).href)) as { Option: OptionClass };
    // The Option, or commander's message when the flags are not an option's (both must agree).
    const variadic = (Option: OptionClass, flags: string): boolean | string => {
      try {
        return new Option(flags).variadic;
      } catch (error) {
        return (error as Error).message;
      }
    };
    const piece = fc.constantFrom("-r", "--rule", " ", "<", "[", ">", "]", "id", "é", "_", "-", ",", ".", "...", "x");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const flags = pieces.join("");
        expect(variadic(patched.Option, flags), flags).toBe(variadic(original.Option, flags));
      }),
      { numRuns: 2000 },
    );
    expect(variadic(patched.Option, "--rule <id...>")).toBe(true);
    expect(variadic(patched.Option, "--rule <id,...>")).toBe(false);
  });
});

describe("the single executable's snapshot bundle (scripts/cli-bundle.ts leaves commands out)", () => {
  it("holds the code of the snapshot's commands and none of the others'", async () => {
    const out = await build({
      entryPoints: [resolve(ROOT, "src/cli/main.ts")],
      bundle: true,
      format: "cjs",
      platform: "node",
      write: false,
      logLevel: "silent",
      plugins: [leaveOutCommands(SNAPSHOT_COMMANDS)],
    });
    const code = out.outputFiles[0]?.text ?? "";
    expect(SNAPSHOT_COMMANDS).toEqual(["lint", "fmt", "lsp"]);
    expect(code).toContain("check configuration files for what the driver would reject or silently ignore");
    expect(code).not.toContain("check a host for QAT with SR-IOV and KVM");
    expect(code).not.toContain("give free QAT VFs to libvirt guests");
    expect(code).toContain("the doctor command is not in this bundle");
  });
});

describe("the CLI bundle", () => {
  it("prints its version for --version and -V alone, which load no command module", () => {
    const { version } = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      expect(runCli([flag])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: "" });
    }
    // Any other run that names no command loads them all: help still lists every command.
    expect(runCli(["--help"]).stdout).toMatch(/\bfmt\b[\s\S]*\bvf-plan\b/);
  });

  it("runs from a folder holding only bin/ and dist/cli.cjs: no node_modules at run time", () => {
    const pkg = join(temp, "package");
    mkdirSync(join(pkg, "bin"), { recursive: true });
    mkdirSync(join(pkg, "dist"));
    for (const f of ["qatconf.js", "start.js", "run-flags.js", "package.json"])
      copyFileSync(resolve(ROOT, "bin", f), join(pkg, "bin", f));
    copyFileSync(resolve(ROOT, "dist/cli.cjs"), join(pkg, "dist/cli.cjs"));
    const clean = spawnSync(process.execPath, [join(pkg, "bin/qatconf.js"), "lint", SAMPLE], {
      cwd: temp,
      encoding: "utf8",
    });
    expect(clean.stderr).toBe("");
    expect(clean.status).toBe(0);
    const help = spawnSync(process.execPath, [join(pkg, "bin/qatconf.js"), "--help"], { cwd: temp, encoding: "utf8" });
    expect(help.stdout).toContain("Usage: qatconf");
    expect(help.status).toBe(0);
  });

  it("loads only the command it runs, under the name that command registers", () => {
    // The program's help lists every command; each one's own help must come from its own module.
    const names = [...runCli(["--help"]).stdout.matchAll(/^ {2}([a-z][a-z-]+)\b/gm)]
      .map((m) => m[1] as string)
      .filter((name) => name !== "help");
    expect(names).toContain("lint");
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const help = runCli([name, "--help"]);
      expect(help.status, name).toBe(0);
      expect(help.stdout, name).toMatch(new RegExp(`^Usage: qatconf ${name} `));
    }
  });

  it("is ASCII, as bin/start.js reads it as Latin-1", () => {
    expect(isAscii(readFileSync(resolve(ROOT, "dist/cli.cjs")))).toBe(true);
  });

  it("is its own CommonJS wrapper: compiled as a script, its value is the module function", () => {
    // bin/start.js compiles the file as read (scripts/build.ts); `require` runs it as a module.
    const probe = `const vm = require("node:vm");
      const wrapped = new vm.Script(require("node:fs").readFileSync(${JSON.stringify(resolve(ROOT, "dist/cli.cjs"))}, "latin1")).runInThisContext();
      const module_ = { exports: {} };
      wrapped.call(module_.exports, module_.exports, require, module_, "cli.cjs", ".");
      process.stdout.write(typeof wrapped + " " + Object.keys(module_.exports).sort().join(","));`;
    const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("function run,runWorker,saveCodeCache");
  });

  it("loads child_process only when something spawns (commander's executable subcommands never do)", () => {
    const probe = `require(${JSON.stringify(resolve(ROOT, "dist/cli.cjs"))}).run(["lint", ${JSON.stringify(SAMPLE)}])
      .then(() => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => /child_process/.test(m)))));`;
    const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual([]);
  });

  it("checks a file without loading Node's stream modules, fs/promises or node:v8 (a few milliseconds of every start)", () => {
    // A script, not `node -e`: evaluating -e loads both itself. It starts the CLI as bin/qatconf.js
    // does, through bin/start.js, whose own requires count too.
    const probe = join(temp, "probe.cjs");
    writeFileSync(
      probe,
      `const before = new Set(process.moduleLoadList);
      process.on("exit", () =>
        require("node:fs").writeSync(2, JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m)))));
      require(${JSON.stringify(resolve(ROOT, "bin/start.js"))});`,
    );
    // Whether it writes its code cache (the first run of a command, in a cache folder of its own)
    // or reads it.
    const cache = join(temp, "probe-cache");
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const loadedBy = (args: string[]): string[] => {
      const r = spawnSync(process.execPath, [probe, ...args], { encoding: "utf8", env });
      expect(r.status, args.join(" ")).toBe(0);
      return (JSON.parse(r.stderr) as string[]).filter((m) => /stream|fs\/promises|NativeModule v8$/.test(m));
    };
    for (const run of ["writes", "reads"]) {
      expect(loadedBy(["lint", SAMPLE]), run).toEqual([]);
      expect(loadedBy(["fmt", "--check", SAMPLE]), run).toEqual([]);
    }
    expect(readdirSync(join(cache, "qatconf"))).toHaveLength(2);
    // Nor does a run of a few files; a run of a folder starts under V8 flags for many files
    // (bin/run-flags.js), which need node:v8.
    const hosts = hostFolders(join(temp, "hosts"), 4);
    const few = filesOf(hosts);
    expect(loadedBy(["lint", ...few])).toEqual([]);
    expect(loadedBy(["fmt", "--check", ...few])).toEqual([]);
    expect(loadedBy(["lint", "--jobs", "1", hosts])).toContain("NativeModule v8");
    expect(loadedBy(["fmt", "--check", hosts])).toContain("NativeModule v8");
  });

  it("delivers every byte of lint and fmt when stdout is a full non-blocking pipe", () => {
    // A report of a few hundred kilobytes into a pipe nobody reads for a while: the writes past the
    // pipe's 64 KB go through Node's stream (stdio.ts), in order, to the last byte.
    const repo = untidyRepository(join(temp, "big"));
    for (const args of [
      ["lint", "-f", "json", repo],
      ["fmt", "--diff", repo],
    ]) {
      const direct = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
      expect(direct.stdout.length, args.join(" ")).toBeGreaterThan(1 << 17);
      expect(throughFullPipe([process.execPath, BIN, ...args]), args.join(" ")).toEqual({
        length: Buffer.byteLength(direct.stdout),
        status: direct.status,
      });
    }
  });

  it("is compiled once per command into the user's own cache folder, then read from there", () => {
    const cache = join(temp, "xdg-cache", "qatconf");
    mkdirSync(cache, { recursive: true });
    // A cache of an earlier build written two days ago: removed when this build's cache is written.
    // Another bundle's recent cache (a second installed copy, run in turn) is kept.
    const stale = join(cache, "cli-1-2-3-v0.0.0-x64-lint.v8cache");
    writeFileSync(stale, "stale");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    const other = join(cache, "cli-4-5-6-v0.0.0-x64-lint.v8cache");
    writeFileSync(other, "another copy's");
    const env = { XDG_CACHE_HOME: join(temp, "xdg-cache"), NODE_DISABLE_COMPILE_CACHE: undefined };
    const first = runCli(["lint", SAMPLE], { env });
    expect(first.status).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(other)).toBe(true);
    rmSync(other);
    const written = readdirSync(cache);
    expect(written).toEqual([expect.stringMatching(/^cli-.*-lint\.v8cache$/)]);
    const file = join(cache, written[0] as string);
    const before = statSync(file).mtimeMs;
    expect(runCli(["lint", SAMPLE], { env })).toEqual(first);
    expect(statSync(file).mtimeMs).toBe(before);
    // A run that names no command keeps a cache of its own, which the lint cache is not.
    expect(runCli(["--version"], { env }).status).toBe(0);
    expect(readdirSync(cache).sort()).toEqual([expect.stringMatching(/-\.v8cache$/), written[0]]);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("is written by a run that did its work, not by one that printed help or a usage error", () => {
    const xdg = join(temp, "help-first-cache");
    const env = { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: undefined };
    const cached = (): string[] => readdirSync(join(xdg, "qatconf")).filter((n) => n.endsWith(".v8cache"));
    // --help, an unknown option: the command never ran, and what was compiled is not what its runs
    // need (a cache made by `lint --help` left lint compiling most of itself).
    expect(runCli(["lint", "--help"], { env }).status).toBe(0);
    expect(runCli(["lint", "--no-such-option", SAMPLE], { env }).status).toBe(2);
    expect(cached()).toEqual([]);
    expect(runCli(["lint", SAMPLE], { env }).status).toBe(0);
    expect(cached()).toEqual([expect.stringMatching(/-lint\.v8cache$/)]);
  });

  it("keeps a cache for the runs that name no command, written by the first of them", () => {
    const xdg = join(temp, "version-cache");
    const env = { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: undefined };
    const cached = (): string[] => readdirSync(join(xdg, "qatconf")).filter((n) => n.endsWith(".v8cache"));
    const version = runCli(["--version"], { env });
    expect(version.status).toBe(0);
    expect(cached()).toEqual([expect.stringMatching(/-\.v8cache$/)]);
    const file = join(xdg, "qatconf", cached()[0] as string);
    const before = statSync(file).mtimeMs;
    // Read, not written again, by the next such run, which prints the same.
    expect(runCli(["--version"], { env })).toEqual(version);
    expect(runCli(["--help"], { env }).status).toBe(0);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("keeps a cache for each set of V8 flags a run starts under: V8 rejects a cache made under other flags", () => {
    const mtimes = (folder: string): Record<string, number> =>
      Object.fromEntries(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]));
    const hosts = hostFolders(join(temp, "worker-hosts"), 4);
    const xdg = join(temp, "flag-caches");
    const env = { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: undefined };
    // A run of a folder starts under the flags for many files (bin/run-flags.js), and its workers
    // with it; a run of a few files, on one thread or two, under V8's own.
    const runs = [
      ["lint", SAMPLE],
      ["lint", "--jobs", "2", hosts],
      ["lint", "--jobs", "2", ...filesOf(hosts)],
    ];
    const results = runs.map((args) => runCli(args, { env }));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0]);
    const written = mtimes(join(xdg, "qatconf"));
    expect(Object.keys(written).map((name) => name.replace(/^.*-lint/, "lint"))).toEqual(
      expect.arrayContaining(["lint.v8cache", "lint.worker.v8cache", "lint.many.v8cache", "lint.many.worker.v8cache"]),
    );
    expect(Object.keys(written)).toHaveLength(4);
    // Each run again, in the other order: every cache is taken as it is, none written again.
    for (let i = runs.length - 1; i >= 0; i--) {
      expect(runCli(runs[i] as string[], { env }), (runs[i] as string[]).join(" ")).toEqual(results[i]);
    }
    expect(mtimes(join(xdg, "qatconf"))).toEqual(written);
  });

  it("replaces a damaged cache, and runs correctly meanwhile", () => {
    const xdg = join(temp, "damaged-cache");
    const env = { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: undefined };
    const clean = runCli(["lint", SAMPLE], { env });
    const [name] = readdirSync(join(xdg, "qatconf"));
    const file = join(xdg, "qatconf", name as string);
    writeFileSync(file, "not a V8 code cache");
    expect(runCli(["lint", SAMPLE], { env })).toEqual(clean);
    expect(statSync(file).size).toBeGreaterThan(1000);
  });

  it("uses no cache folder that others may write to: cached code runs as whoever runs qatconf", () => {
    const xdg = join(temp, "shared-cache");
    mkdirSync(join(xdg, "qatconf"), { recursive: true });
    chmodSync(join(xdg, "qatconf"), 0o777);
    const r = runCli(["lint", SAMPLE], { env: { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: undefined } });
    expect(r.status).toBe(0);
    expect(readdirSync(join(xdg, "qatconf"))).toEqual([]);
  });

  it("writes no cache with NODE_DISABLE_COMPILE_CACHE=1", () => {
    const xdg = join(temp, "disabled-cache");
    const r = runCli(["lint", SAMPLE], { env: { XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(r.status).toBe(0);
    expect(existsSync(join(xdg, "qatconf"))).toBe(false);
  });
});
