/**
 * `.qatconf.json` is trusted only from files and folders the user or root owns and nobody else can
 * write, is read with the strict reader, and can never turn the `syntax` rule off.
 */

import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, validateConfig } from "../../src/lint/config.ts";
import { lint } from "../../src/lint/lint.ts";
import { runCli } from "../support/cli.ts";

const base = mkdtempSync(join(tmpdir(), "qatconf-trust-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const isRoot = process.geteuid?.() === 0;

let n = 0;
/** A project folder with a `.qatconf.json`; returns the path of a configuration file inside it. */
function project(config: string | undefined, mode = 0o755): { dir: string; file: string; config: string } {
  const dir = join(base, `p${n++}`);
  mkdirSync(dir, { mode });
  chmodSync(dir, mode);
  const path = join(dir, ".qatconf.json");
  if (config !== undefined) writeFileSync(path, config, { mode: 0o644 });
  return { dir, file: join(dir, "c6xx_dev0.conf"), config: path };
}

const OFF = JSON.stringify({ rules: { "unknown-key": "off" } });

describe("a .qatconf.json found by the lookup", () => {
  it("is used when the user or root owns it and nobody else can write it", async () => {
    const p = project(OFF);
    expect(loadConfig(p.file).rules).toEqual({ "unknown-key": "off" });
  });

  it("is refused (exit 2) when another user owns it: a file planted in /tmp turns nothing off", async () => {
    const p = project(OFF);
    if (isRoot) {
      chownSync(p.config, 4321, 4321);
      expect(() => loadConfig(p.file)).toThrow(
        new ConfigError(
          p.config,
          "not used: it is owned by user 4321, not by you or root (another user could have put it there; fix the owner or mode)",
        ),
      );
    }
    const q = project(OFF);
    chmodSync(q.config, 0o666);
    expect(() => loadConfig(q.file)).toThrow("not used: it is writable by other users");
  });

  it("is refused when a folder above it is writable by others, but not for a sticky one like /tmp", async () => {
    const open = project(undefined, 0o777);
    const inner = join(open.dir, "inner");
    mkdirSync(inner);
    writeFileSync(join(inner, ".qatconf.json"), OFF);
    expect(() => loadConfig(join(inner, "c6xx_dev0.conf"))).toThrow(
      `not used: its folder ${open.dir} is writable by other users`,
    );
    const sticky = project(OFF, 0o1777);
    expect(loadConfig(sticky.file).rules).toEqual({ "unknown-key": "off" });
    if (isRoot) {
      const foreign = project(undefined);
      const sub = join(foreign.dir, "sub");
      mkdirSync(sub);
      writeFileSync(join(sub, ".qatconf.json"), OFF);
      chownSync(foreign.dir, 4321, 4321);
      expect(() => loadConfig(join(sub, "c6xx_dev0.conf"))).toThrow(`its folder ${foreign.dir} is owned by user 4321`);
    }
  });

  it("is read strictly: a FIFO or a link to /dev/zero is refused at once", async () => {
    const fifo = project(undefined);
    execFileSync("mkfifo", [fifo.config]);
    expect(() => loadConfig(fifo.file)).toThrow(
      new ConfigError(fifo.config, "cannot read: a FIFO, not a regular file"),
    );
    const zero = project(undefined);
    symlinkSync("/dev/zero", zero.config);
    expect(() => loadConfig(zero.file)).toThrow(
      new ConfigError(zero.config, "cannot read: a character device, not a regular file"),
    );
  });

  it("ignores another user's package.json without a qatconf key, as any project has one", async () => {
    const p = project(undefined);
    writeFileSync(join(p.dir, "package.json"), "{ not json");
    chmodSync(join(p.dir, "package.json"), 0o666);
    expect(loadConfig(p.file)).toEqual({});
  });
});

describe("the syntax rule", () => {
  it("cannot be turned off or lowered by a configuration", () => {
    for (const setting of ["off", "warning", "info"]) {
      expect(() => validateConfig({ rules: { syntax: setting } }, "/p/.qatconf.json")).toThrow(
        "rule 'syntax' cannot be changed",
      );
    }
    expect(validateConfig({ rules: { syntax: "error" } }, "/p/.qatconf.json").rules).toEqual({ syntax: "error" });
  });

  it("stays on in the library whatever options.rules says", () => {
    const broken = "[GENERAL\nServicesEnabled = cy\n";
    const result = lint(broken, { fileName: "c6xx_dev0.conf", rules: { syntax: "off" } });
    expect(result.diagnostics.filter((d) => d.ruleId === "syntax").map((d) => d.severity)).toContain("error");
  });

  it("makes lint exit 2 on a .qatconf.json that tries, instead of passing a broken file", () => {
    const p = project(JSON.stringify({ rules: { syntax: "off" } }));
    writeFileSync(p.file, "[GENERAL\n");
    const r = runCli(["lint", p.file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`qatconf: ${p.config}: rule 'syntax' cannot be changed`);
  });
});
