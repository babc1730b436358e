/**
 * `qatconf lint` over a configuration repository: names with a host prefix or a backup suffix,
 * `.qatconf.json` overrides naming the device of some folders, and one `unknown-device` finding for
 * a file whose device nobody names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonFileReport } from "../../src/reporters/json.ts";
import { GOOD } from "../rules/findings.ts";
import { runCli } from "../support/cli.ts";

// 64 processes of one crypto instance: more than a c6xx's rings, so ring-budget fails it.
const CROWDED = GOOD.replace("NumProcesses = 1", "NumProcesses = 64");

let dir: string;
function write(name: string, content: string): void {
  mkdirSync(join(dir, name, ".."), { recursive: true });
  writeFileSync(join(dir, name), content);
}
const ruleIds = (stdout: string): string[][] =>
  (JSON.parse(stdout) as JsonFileReport[]).map((r) => [...new Set(r.diagnostics.map((d) => d.ruleId))].sort());

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-repo-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf lint: a configuration repository", () => {
  it("reads the device from prefixed names and backups' names", () => {
    write("a/web01_c6xx_dev0.conf", CROWDED);
    write("a/web01-c6xx_dev0.conf", CROWDED);
    write("a/c6xx_dev0.conf.orig", CROWDED);
    const r = runCli(
      ["lint", "-f", "json", "a/web01_c6xx_dev0.conf", "a/web01-c6xx_dev0.conf", "a/c6xx_dev0.conf.orig"],
      {
        cwd: dir,
      },
    );
    expect(r.status).toBe(1);
    expect(ruleIds(r.stdout)).toEqual([["ring-budget"], ["ring-budget"], ["ring-budget"]]);
  });

  it("says which rules did not run for a file whose device cannot be told", () => {
    write("b/hosts/web01/qat_dev0.conf", CROWDED);
    const r = runCli(["lint", "b"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("b/hosts/web01/qat_dev0.conf:1:1  warning  the device family cannot be told");
    expect(r.stdout).toContain("ring-budget");
    expect(r.stdout).toContain("unknown-device");
    expect(runCli(["lint", "b", "--max-warnings", "0"], { cwd: dir }).status).toBe(1);
    // --device names it: the device rules run.
    expect(ruleIds(runCli(["lint", "-f", "json", "b", "--device", "c6xx"], { cwd: dir }).stdout)).toEqual([
      ["ring-budget"],
    ]);
  });

  it("takes the device of some folders from .qatconf.json overrides", () => {
    write("c/.qatconf.json", JSON.stringify({ overrides: [{ files: "hosts/web*/*.conf", device: "c6xx" }] }));
    write("c/hosts/web01/qat_dev0.conf", CROWDED);
    write("c/hosts/db01/qat_dev0.conf", GOOD);
    const r = runCli(["lint", "-f", "json", "c"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(ruleIds(r.stdout)).toEqual([["unknown-device"], ["ring-budget"]]);
  });

  it("finds the configuration of each walked folder, in the folder or above it, as a lookup of each file would", () => {
    // The walk's listing stands in for the lookup's own calls in folders holding no configuration.
    write("e/.qatconf.json", JSON.stringify({ rules: { "ring-budget": "off" } }));
    write("e/a/b/c6xx_dev0.conf", CROWDED);
    write("e/pkg/package.json", JSON.stringify({ qatconf: { rules: { "ring-budget": "info" } } }));
    write("e/pkg/deep/c6xx_dev0.conf", CROWDED);
    write("e/own/.qatconf.json", JSON.stringify({ rules: {} }));
    write("e/own/c6xx_dev0.conf", CROWDED);
    const walked = runCli(["lint", "-f", "json", "e"], { cwd: dir });
    const named = runCli(
      ["lint", "-f", "json", "e/a/b/c6xx_dev0.conf", "e/own/c6xx_dev0.conf", "e/pkg/deep/c6xx_dev0.conf"],
      { cwd: dir },
    );
    expect(walked).toEqual(named);
    const severities = (JSON.parse(walked.stdout) as JsonFileReport[]).map((r) => r.diagnostics.map((d) => d.severity));
    expect(severities).toEqual([[], ["error"], ["info"]]);
  });

  it("refuses an override naming a device or rule that does not exist", () => {
    write("d/.qatconf.json", JSON.stringify({ overrides: [{ files: "*.conf", device: "c62xx" }] }));
    write("d/c6xx_dev0.conf", GOOD);
    const r = runCli(["lint", "d"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown device 'c62xx'");
  });
});
