/** `qatconf fmt` as users run it: the whitespace-only editor's output modes and exit codes. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "qatconf-fmt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("qatconf fmt", () => {
  it("--check lists files that would change (exit 1) and passes formatted ones (exit 0)", () => {
    const messy = fileWith("messy.conf", "[A]\nX=1\n");
    const tidy = fileWith("tidy.conf", "[A]\nX = 1\n");
    expect(runCli(["fmt", "--check", messy, tidy])).toMatchObject({ status: 1, stdout: `${messy}\n` });
    expect(runCli(["fmt", "--check", tidy])).toMatchObject({ status: 0, stdout: "" });
  });

  it("--diff prints a unified diff and exits 1; printing reads stdin", () => {
    const messy = fileWith("diff.conf", "[A]\nX=1\n");
    const r = runCli(["fmt", "--diff", messy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("-X=1\n+X = 1\n");
    expect(runCli(["fmt"], { input: "[A]\nX=1" })).toMatchObject({ status: 0, stdout: "[A]\nX = 1\n" });
  });

  it("--write rewrites in place keeping the mode", () => {
    const messy = fileWith("write.conf", "[A]\nX=1\n");
    chmodSync(messy, 0o640);
    expect(runCli(["fmt", "--write", messy]).status).toBe(0);
    expect(readFileSync(messy, "utf8")).toBe("[A]\nX = 1\n");
    expect(statSync(messy).mode & 0o777).toBe(0o640);
  });

  it("refuses syntax errors without --force, several files to stdout, and --write on stdin (exit 2)", () => {
    const broken = fileWith("broken.conf", "[A\nX=1\n");
    const r = runCli(["fmt", "--write", broken]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not formatted: it has syntax errors");
    expect(readFileSync(broken, "utf8")).toBe("[A\nX=1\n");
    expect(runCli(["fmt", "--write", "--force", broken]).status).toBe(0);
    expect(readFileSync(broken, "utf8")).toBe("[A\nX = 1\n");
    expect(runCli(["fmt", broken, broken]).status).toBe(2);
    expect(runCli(["fmt", "--write", "-"], { input: "" }).status).toBe(2);
  });
});
