/**
 * The single executable (`npm run build:sea`): built here once into a temporary folder (it copies
 * the 120 MB `node` binary, so this suite takes several seconds), then run from a folder with no
 * node_modules and no Node.js on PATH, where it must behave exactly as `node bin/qatconf.js`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.ts";
import { throughFullPipe, untidyRepository } from "../support/full-pipe.ts";
import { startLsp } from "../support/lsp-client.ts";

const temp = mkdtempSync(join(tmpdir(), "qatconf-sea-test-"));
const exe = join(temp, "qatconf");
const SAMPLES = resolve(ROOT, "samples");
const BAD = join(temp, "work", "bad_dev0.conf");

/** The build's temporary folder: its own lint run (src/sea.ts) looks up configurations from there. */
const buildTemp = join(temp, "build-tmp");

beforeAll(() => {
  mkdirSync(buildTemp);
  const r = spawnSync(process.execPath, [resolve(ROOT, "scripts/build-sea.ts"), "--out", exe], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: buildTemp },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`npm run build:sea failed:\n${r.stdout}${r.stderr}`);
  mkdirSync(join(temp, "work"));
  writeFileSync(BAD, "[GENERAL\nServicesEnabled = cy\nConfigVersion = 2\n");
}, 300_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the executable in a folder without node_modules, with nothing on PATH. */
function sea(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(exe, args, {
    cwd: join(temp, "work"),
    env: { PATH: "/nonexistent", HOME: temp },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the single executable", () => {
  it("lints the shipped samples clean, exit 0", () => {
    const r = sea(["lint", SAMPLES]);
    expect(r).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("reports a syntax error with file:line:column and rule id, exit 1", () => {
    const r = sea(["lint", BAD]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${BAD}:1:1`);
    expect(r.stdout).toMatch(/error .*unclosed '\['.*syntax/);
  });

  it("reads the .qatconf.json of the folders it runs in (the build's own lint run left no lookups behind)", () => {
    // The build lints a file in its temporary folder: had it kept the lookups of that run, the
    // configuration of the folder above would be taken as missing.
    const dir = join(buildTemp, "host");
    mkdirSync(dir);
    const file = join(dir, "c6xx_dev0.conf");
    writeFileSync(file, "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\nFrobnicate = 1\n");
    writeFileSync(join(buildTemp, ".qatconf.json"), JSON.stringify({ rules: { "unknown-key": "error" } }));
    const r = sea(["lint", file]);
    expect(r.stdout).toMatch(/error .*unknown key 'Frobnicate'/);
    expect(r.status).toBe(1);
  });

  it("exits as soon as lint and fmt are done, yet delivers every byte into a full non-blocking pipe", () => {
    const repo = untidyRepository(join(temp, "work", "big"));
    for (const args of [
      ["lint", "-f", "json", repo],
      ["fmt", "--diff", repo],
    ]) {
      const direct = runCli(args);
      expect(direct.stdout.length, args.join(" ")).toBeGreaterThan(1 << 17);
      expect(throughFullPipe([exe, ...args]), args.join(" ")).toEqual({
        length: Buffer.byteLength(direct.stdout),
        status: direct.status,
      });
    }
  });

  it("exits 2 on a usage error and a missing file", () => {
    expect(sea(["lint", "--format", "nope", BAD]).status).toBe(2);
    const missing = sea(["lint", "missing_dev0.conf"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("missing_dev0.conf");
  });

  it("serves the language server from inside itself (the npm package loads it from dist/lsp.cjs)", async () => {
    const session = await startLsp({
      command: [exe, "lsp", "--stdio"],
      cwd: join(temp, "work"),
      env: { PATH: "/nonexistent", HOME: temp },
    });
    const uri = session.open(BAD, "[GENERAL\nServicesEnabled = cy\n");
    expect((await session.diagnostics(uri)).map((d) => d.code)).toContain("syntax");
    expect(await session.stop()).toBe(0);
  });

  it("keeps the code of a command it runs on the whole CLI in the user's cache folder, and takes it next time", () => {
    const home = join(temp, "cache-home");
    mkdirSync(home);
    const run = (env: Record<string, string> = {}) =>
      spawnSync(exe, ["rules"], { cwd: join(temp, "work"), env: { PATH: "/nonexistent", HOME: home, ...env } });
    const folder = join(home, ".cache", "qatconf");
    // NODE_DISABLE_COMPILE_CACHE=1 turns it off, as for the npm CLI.
    expect(run({ NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    // An earlier build's cache, two days old, goes when this build writes its own; another
    // executable's recent one (a second copy run in turn) and the npm CLI's stay.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const earlier = join(folder, "sea-1-2-3-cli.cjs-rules.v8cache");
    writeFileSync(earlier, "an earlier build's");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(earlier, twoDaysAgo, twoDaysAgo);
    const kept = ["sea-7-8-9-cli.cjs-rules.v8cache", "cli-4-5-6-v0.0.0-x64-lint.v8cache"];
    for (const name of kept) writeFileSync(join(folder, name), "another copy's");
    const first = run();
    expect(first.status).toBe(0);
    expect(existsSync(earlier)).toBe(false);
    for (const name of kept) expect(existsSync(join(folder, name))).toBe(true);
    const written = readdirSync(folder).filter((name) => name.startsWith("sea-") && !kept.includes(name));
    expect(written).toEqual([expect.stringMatching(/^sea-.*-cli\.cjs-rules\.v8cache$/)]);
    const file = join(folder, written[0] as string);
    const before = statSync(file).mtimeMs;
    // Taken, so not written again; and the run prints the same.
    const second = run();
    expect(second.stdout.toString()).toBe(first.stdout.toString());
    expect(statSync(file).mtimeMs).toBe(before);
  });

  // lint and fmt run on a program made at build time (src/sea.ts): their help, usage errors and
  // runs without files must come out as from a program made for the run.
  const sameAsBin: string[][] = [
    ["lint", BAD],
    ["lint", "--format", "json", BAD],
    ["lint", "--help"],
    ["lint", "--no-such-option", BAD],
    ["lint"],
    ["fmt", "--check", BAD],
    ["fmt", "--check", join(SAMPLES, "c6xx_dev0.conf")],
    ["fmt", "--diff", "--help"],
    ["fmt", "--jobs", "0", BAD],
    // The commands the snapshot leaves out run on the whole CLI, an asset (src/sea-commands.ts).
    ["explain", "--format", "svg", join(SAMPLES, "c6xx_dev0.conf")],
    ["rules"],
    ["set", "--help"],
    ["no-such-command"],
    ["--version"],
    ["--help"],
  ];
  it.each(sameAsBin.map((args) => [args.join(" "), args] as const))(
    "answers `%s` exactly as node bin/qatconf.js does",
    (_title, args) => {
      const bin = runCli(args, { cwd: join(temp, "work") });
      expect(sea(args)).toEqual({ status: bin.status, stdout: bin.stdout, stderr: bin.stderr });
    },
  );
});
