/**
 * The editing commands as users run them (the real CLI in a child process): output modes, exit
 * codes, refusals, atomic writes that keep the file's mode, backups, and --force.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const SAMPLE = readFileSync(resolve(import.meta.dirname, "../../samples/c6xx_dev0.conf"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "qatconf-edit-"));
const file = join(dir, "c6xx_dev0.conf");
const vfFile = join(dir, "c6xxvf_dev0.conf");

beforeEach(() => {
  writeFileSync(file, SAMPLE);
  chmodSync(file, 0o640);
  rmSync(`${file}.bak`, { force: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf add-instance", () => {
  it("prints the patched file on stdout and leaves the file alone", () => {
    const r = runCli(["add-instance", file, "--cy", "1"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# Crypto - User instance #2\nCy2Name = "SSL2"\nCy2IsPolled = 1\nCy2CoreAffinity = 4\n');
    expect(r.stdout).toContain("NumberCyInstances = 3\n");
    expect(readFileSync(file, "utf8")).toBe(SAMPLE);
  });

  it("prints a unified diff with --diff", () => {
    const r = runCli(["add-instance", file, "--dc", "1", "--diff"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`--- a/${file}\n+++ b/${file}\n`);
    expect(r.stdout).toContain("-NumberDcInstances = 1\n+NumberDcInstances = 2\n");
    expect(r.stdout).toContain('+Dc1Name = "SSL_DC1"\n');
  });

  it("writes in place with --write, atomically, keeping the mode (0640 stays 0640), with --backup", () => {
    const r = runCli(["add-instance", file, "--cy", "1", "--write", "--backup"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toContain("Cy2Name");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe(SAMPLE);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses what the rings cannot hold, naming the bank and the budget: exit 1, nothing written", () => {
    writeFileSync(vfFile, SAMPLE);
    const r = runCli(["add-instance", vfFile, "--cy", "1", "--write"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "refused: Don't have enough rings for instance SSL2 in process SSL_DEV0_INT_0: the c6xx VF has 1 bank of 16 rings",
    );
    expect(r.stderr).toContain("bank 0 holds 2 of them, all taken");
    expect(r.stderr).toContain("hint: ask for fewer instances or processes");
    expect(readFileSync(vfFile, "utf8")).toBe(SAMPLE);
  });

  it("never rewrites a file with syntax errors unless --force", () => {
    writeFileSync(file, `${SAMPLE}broken line\n`);
    const refused = runCli(["add-instance", file, "--cy", "1", "--write"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/c6xx_dev0\.conf:49:1: error expected '=' after 'broken line' \[syntax\]/);
    expect(refused.stderr).toContain("hint: fix them first, or pass --force");
    expect(readFileSync(file, "utf8")).toBe(`${SAMPLE}broken line\n`);
    const forced = runCli(["add-instance", file, "--cy", "1", "--write", "--force"]);
    expect(forced.status).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("Cy2Name");
    expect(readFileSync(file, "utf8")).toContain("broken line\n");
  });

  it("reads stdin with '-', and refuses --write there", () => {
    expect(runCli(["add-instance", "-", "--cy", "1", "--device", "c6xx"], { input: SAMPLE }).stdout).toContain(
      "Cy2Name",
    );
    const r = runCli(["add-instance", "-", "--cy", "1", "--write"], { input: SAMPLE });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--write needs a file, not stdin");
  });

  it("rejects bad arguments as usage errors", () => {
    expect(runCli(["add-instance", file, "--cy", "two"]).status).toBe(2);
    expect(runCli(["add-instance", file, "--polled", "3", "--cy", "1"]).status).toBe(2);
    const none = runCli(["add-instance", file]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("nothing to add");
    const missing = runCli(["add-instance", join(dir, "nope.conf"), "--cy", "1"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.conf");
  });

  it.each([
    ["add-instance", "--cy", "1"],
    ["remove-instance", "--section", "SSL", "--cy", "0"],
    ["set", "GENERAL.ServicesEnabled=cy"],
    ["enable-sriov"],
  ])("%s refuses an unknown --device as lint does (exit 2), instead of skipping the ring check", (command, ...rest) => {
    const r = runCli([command, file, ...rest, "--device", "c6x", "--write"]);
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toMatch(new RegExp(`^qatconf ${command}: --device: unknown device 'c6x': did you mean `));
    expect(readFileSync(file, "utf8")).toBe(SAMPLE);
  });
});

describe("qatconf remove-instance", () => {
  it("removes and renumbers, and names what is not there", () => {
    const r = runCli(["remove-instance", file, "--section", "SSL", "--cy", "0"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Cy0Name = "SSL0"\nCy0IsPolled = 1\nCy0CoreAffinity = 2\n');
    expect(r.stdout).not.toContain("Cy1Name");
    const none = runCli(["remove-instance", file, "--section", "SSL", "--cy", "5"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("[SSL] has no instance Cy5: NumberCyInstances = 2 (Cy0 to Cy1)");
  });
});

describe("qatconf set", () => {
  it("sets values in place and adds missing ones", () => {
    const r = runCli(["set", file, "SSL.NumProcesses=2", "GENERAL.PmIdleSupport=0", "--diff"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("-NumProcesses = 1\n+NumProcesses = 2\n");
  });

  it("refuses malformed assignments (2) and results that would lint with errors (1)", () => {
    const bad = runCli(["set", file, "NumProcesses=2"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("is not SECTION.KEY=VALUE");
    const lintErr = runCli(["set", file, "SSL.Cy0IsPolled=0", "--write"]);
    expect(lintErr.status).toBe(1);
    expect(lintErr.stderr).toMatch(/c6xx_dev0\.conf:\d+:\d+: error .*\[instance-polling\]/);
    expect(lintErr.stderr).toContain("refused: the result would have");
    expect(readFileSync(file, "utf8")).toBe(SAMPLE);
  });
});

describe("qatconf enable-sriov", () => {
  it("prepares the PF file and says what it commented out", () => {
    const r = runCli(["enable-sriov", file, "--write"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("note: [SSL] commented out");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("SRIOV_Enabled = 1\n");
    expect(text).toContain("# [SSL]\n");
    const again = runCli(["enable-sriov", file, "--diff"]);
    expect(again).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("qatconf vf-config", () => {
  it("prints a VF file that uses the whole VF, or writes it with --output", () => {
    const r = runCli(["vf-config", "--device", "c6xx"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("NumberCyInstances = 2\nNumberDcInstances = 2\n");
    const out = join(dir, "guest", "..", "c6xxvf_dev0.conf.vm");
    // The VF gets its PF's ring map: a dc PF gives it 8 Dc slots, the assumed cy;dc PF 2.
    expect(runCli(["vf-config", "--device", "c6xx", "--pf-services", "dc", "-o", out]).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("ServicesEnabled = dc\n");
    expect(readFileSync(out, "utf8")).toContain("NumberDcInstances = 8\n");
    expect(runCli(["vf-config", "--device", "c6xx", "--services", "dc"]).stdout).toContain(
      "NumberCyInstances = 0\nNumberDcInstances = 2\n",
    );
    expect(runCli(["lint", "--pf-services", "dc", out]).status).toBe(0);
    // Linted as the VF of the assumed cy;dc PF, the 8 Dc instances do not fit: the hint says so.
    const assumed = runCli(["lint", out]);
    expect(assumed.status).toBe(1);
    expect(assumed.stdout).toContain("its PF's ServicesEnabled = cy;dc (assumed");
  });

  it("refuses what the VF cannot hold (1) and devices it does not know (2)", () => {
    const r = runCli(["vf-config", "--device", "c6xx", "--cy", "4", "-o", join(dir, "x.conf")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the c6xx VF has 1 bank of 16 rings");
    expect(existsSync(join(dir, "x.conf"))).toBe(false);
    const unknown = runCli(["vf-config", "--device", "c6x"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("did you mean");
  });
});
