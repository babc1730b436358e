/** `qatconf fmt` as users run it: the whitespace-only editor's output modes and exit codes. */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.ts";

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

  it("--diff prints a unified diff and exits 1; '-' reads stdin", () => {
    const messy = fileWith("diff.conf", "[A]\nX=1\n");
    const r = runCli(["fmt", "--diff", messy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("-X=1\n+X = 1\n");
    expect(runCli(["fmt", "-"], { input: "[A]\nX=1" })).toMatchObject({ status: 0, stdout: "[A]\nX = 1\n" });
  });

  it("reads nothing from stdin without '-': an empty file list from a hook fails (exit 2)", () => {
    expect(runCli(["fmt", "--check"], { input: "[A]\nX=1\n" })).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "qatconf fmt: nothing to format: name files, directories or globs, or '-' to read stdin\n",
    });
  });

  it("refuses bytes that are not UTF-8 with the same line as every command, and never writes U+FFFD", () => {
    const latin1 = Buffer.from("[A]\n# caf\xe9\nX=1\n", "latin1");
    const file = join(dir, "latin1_dev0.conf");
    writeFileSync(file, latin1);
    const reason = `${file}: not a text file (not valid UTF-8 at offset 9)`;
    expect(runCli(["fmt", "--write", file])).toMatchObject({ status: 2, stderr: `qatconf fmt: ${reason}\n` });
    expect(readFileSync(file)).toEqual(latin1);
    expect(runCli(["lint", file])).toMatchObject({ status: 2, stderr: `qatconf: ${reason}\n` });
    expect(runCli(["set", file, "A.X=2"])).toMatchObject({ status: 2, stderr: `qatconf set: ${reason}\n` });
  });

  it("refuses a binary file in one line instead of printing it", () => {
    const file = fileWith("core_dev0.conf", "\u0000\u0001ELF".repeat(1000));
    expect(runCli(["fmt", file])).toMatchObject({
      status: 2,
      stdout: "",
      stderr: `qatconf fmt: ${file}: not a text file (NUL byte at offset 0)\n`,
    });
  });

  it("says what a path is in words, not errno codes, in every command alike", () => {
    const sub = join(dir, "c6xx_dev9.conf");
    mkdirSync(sub);
    writeFileSync(join(sub, "notes.txt"), "");
    for (const [args, prefix] of [
      [["fmt", "--check", sub], "qatconf fmt"],
      [["set", sub, "A.X=1"], "qatconf set"],
      [["explain", sub], "qatconf"],
    ] as const) {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/E[A-Z]{3,}/);
      if (args[0] !== "fmt") expect(r.stderr).toBe(`${prefix}: ${sub}: is a directory\n`);
    }
    expect(runCli(["fmt", join(dir, "missing_dev0.conf")])).toMatchObject({
      status: 2,
      stderr: `qatconf fmt: ${join(dir, "missing_dev0.conf")}: no such file or directory\n`,
    });
  });

  it("takes directories and globs as lint does, with the same messages", () => {
    const tree = mkdtempSync(join(dir, "tree-"));
    writeFileSync(join(tree, "c6xx_dev0.conf"), "[A]\nX=1\n");
    writeFileSync(join(tree, "c6xx_dev1.conf"), "[A]\nX = 1\n");
    writeFileSync(join(tree, "notes.txt"), "X=1\n");
    expect(runCli(["fmt", "--check", tree])).toMatchObject({ status: 1, stdout: `${join(tree, "c6xx_dev0.conf")}\n` });
    expect(runCli(["fmt", "--check", "*_dev1.conf"], { cwd: tree })).toMatchObject({ status: 0, stdout: "" });
    const empty = mkdtempSync(join(dir, "empty-"));
    const lint = runCli(["lint", empty]);
    const fmt = runCli(["fmt", "--check", empty]);
    expect(fmt.status).toBe(2);
    expect(fmt.stderr.replace("qatconf fmt: ", "qatconf: ")).toBe(lint.stderr);
    expect(runCli(["fmt", "--check", "nothing-*.conf"], { cwd: tree }).stderr).toBe(
      "qatconf fmt: nothing-*.conf: no files match this pattern\n",
    );
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

  it("--check lists each file before the next file's message, on a terminal that shows both", () => {
    const first = fileWith("order-1.conf", "[A]\nX=1\n");
    const broken = fileWith("order-2.conf", "[A\nX=1\n");
    const last = fileWith("order-3.conf", "[A]\nY=2\n");
    // stdout and stderr on one descriptor, as a terminal or `2>&1` has them.
    const log = join(dir, "order.log");
    const fd = openSync(log, "w");
    const r = spawnSync(process.execPath, [BIN, "fmt", "--check", first, broken, last], { stdio: ["ignore", fd, fd] });
    closeSync(fd);
    expect(r.status).toBe(2);
    const lines = readFileSync(log, "utf8").split("\n");
    // The broken file's findings and refusal come between the two files' lines, not after them.
    expect(lines[0]).toBe(first);
    expect(lines.slice(1, -2).join("\n")).toContain(`${broken} not formatted: it has syntax errors`);
    expect(lines.slice(-2)).toEqual([last, ""]);
  });

  it("--check lists thousands of files, more than one write holds, in the order given", () => {
    const many = join(dir, "many");
    mkdirSync(many);
    const files = Array.from({ length: 1500 }, (_, i) => {
      const path = join(many, `host-${String(i).padStart(4, "0")}-with-a-long-name_c6xx_dev0.conf`);
      writeFileSync(path, "[A]\nX=1\n");
      return path;
    }).reverse();
    const r = runCli(["fmt", "--check", "--jobs", "1", ...files]);
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(65536);
    expect(r.stdout).toBe(files.map((f) => `${f}\n`).join(""));
  });
});
