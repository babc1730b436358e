import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as library from "../../src/index.ts";
import { allRules, lint } from "../../src/lint/lint.ts";
import { REPORTER_NAMES } from "../../src/reporters/index.ts";
import type { JsonFileReport } from "../../src/reporters/json.ts";
import { BIN, type CliOptions, ROOT, runCli } from "../support/cli.ts";

const CLEAN = "[GENERAL]\nServicesEnabled = cy\n";
const SYNTAX_ERROR = "[GENERAL]\nbroken\n";
// A warning of the `unknown-rule` rule, and nothing else.
const WARNING = "# qatconf-disable-next-line nope\n[GENERAL]\n";

/**
 * A `.qatconf.json` turning off every rule but `syntax` and `unknown-rule`, so that these tests hold
 * while rules are added: their findings are the only ones the fixtures expect.
 */
function config(rules: Record<string, string> = {}): string {
  const off = allRules()
    .filter((r) => r.id !== "syntax" && r.id !== "unknown-rule")
    .map((r) => [r.id, "off"]);
  return JSON.stringify({ rules: { ...Object.fromEntries(off), ...rules } });
}

let dir: string;
const path = (...parts: string[]): string => join(dir, ...parts);
function write(name: string, content: string | Buffer): string {
  const file = path(name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, content);
  return file;
}
const qatconf = (args: string[], options: CliOptions = {}) => runCli(["lint", ...args], { cwd: dir, ...options });
const reported = (stdout: string): JsonFileReport[] => JSON.parse(stdout) as JsonFileReport[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-lint-"));
  write(".qatconf.json", config());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf lint: exit codes", () => {
  it("exits 0 and prints nothing for a clean file", () => {
    write("clean/c6xx_dev0.conf", CLEAN);
    expect(qatconf(["clean/c6xx_dev0.conf"])).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("exits 1 on an error, reporting file:line:col, rule and hint", () => {
    write("bad/c6xx_dev0.conf", SYNTAX_ERROR);
    const r = qatconf(["bad/c6xx_dev0.conf"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("bad/c6xx_dev0.conf:2:1  error  expected '=' after 'broken'  syntax\n");
    expect(r.stdout).toContain("  2 | broken\n    | ^^^^^^\n  hint: ");
    expect(r.stdout).toMatch(/1 error, 0 warnings\n$/);
  });

  it("exits 0 on warnings, and 1 when they exceed --max-warnings", () => {
    write("warn/c6xx_dev0.conf", WARNING);
    expect(qatconf(["warn/c6xx_dev0.conf"]).status).toBe(0);
    expect(qatconf(["warn/c6xx_dev0.conf", "--max-warnings", "1"]).status).toBe(0);
    const r = qatconf(["warn/c6xx_dev0.conf", "--max-warnings", "0"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("qatconf: 1 warning, more than --max-warnings 0\n");
    expect(qatconf(["warn/c6xx_dev0.conf", "--max-warnings", "-1"]).status).toBe(2);
  });

  it("--quiet reports errors only, yet warnings still count for --max-warnings", () => {
    write("mixed/c6xx_dev0.conf", WARNING + SYNTAX_ERROR.slice("[GENERAL]\n".length));
    const r = qatconf(["mixed/c6xx_dev0.conf", "--quiet", "--format", "json"]);
    expect(r.status).toBe(1);
    expect(reported(r.stdout)[0]?.diagnostics.map((d) => d.severity)).toEqual(["error"]);
    const quietWarning = qatconf(["warn/c6xx_dev0.conf", "--quiet", "--max-warnings", "0"]);
    expect(quietWarning).toMatchObject({ status: 1, stdout: "" });
  });

  it("exits 2 for a missing file, naming it on stderr, and still reports the others", () => {
    const r = qatconf(["nope_dev0.conf", "bad/c6xx_dev0.conf"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("qatconf: nope_dev0.conf: no such file or directory\n");
    expect(r.stdout).toContain("bad/c6xx_dev0.conf:2:1");
  });

  it("exits 2 when given nothing to lint (stdin is read only for '-')", () => {
    const r = qatconf([], { input: CLEAN });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nothing to lint");
  });

  it("exits 2 for a binary file (NUL byte in the first 8 KiB) and for bytes that are not UTF-8", () => {
    write("bin/a_dev0.conf", Buffer.from([0x5b, 0x41, 0x5d, 0x0a, 0x00, 0x01]));
    write("bin/b_dev0.conf", Buffer.from("[A]\nk = caf\xe9\n", "latin1"));
    const r = qatconf(["bin/a_dev0.conf", "bin/b_dev0.conf"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "qatconf: bin/a_dev0.conf: not a text file (NUL byte at offset 4)\n" +
        "qatconf: bin/b_dev0.conf: not a text file (not valid UTF-8 at offset 11)\n",
    );
  });

  it("leaves a NUL byte past the first 8 KiB to the grammar: a syntax error at its line", () => {
    write("late-nul/c6xx_dev0.conf", `[GENERAL]\n${"# padding\n".repeat(900)}k = a\0b\n`);
    const r = qatconf(["late-nul/c6xx_dev0.conf", "-f", "json"]);
    expect(r.status).toBe(1);
    expect(reported(r.stdout)[0]?.diagnostics).toContainEqual(expect.objectContaining({ ruleId: "syntax", line: 902 }));
  });

  it("exits 2 for a file it cannot read, naming the file and the reason", () => {
    // Root reads a file whatever its mode (and CI runs as root), so there the unreadable file is a
    // symbolic link to itself, which nobody can open.
    if (process.getuid?.() === 0) {
      mkdirSync(path("loop"));
      symlinkSync("c6xx_dev0.conf", path("loop/c6xx_dev0.conf"));
      const r = qatconf(["loop/c6xx_dev0.conf"]);
      expect(r).toMatchObject({
        status: 2,
        stderr: "qatconf: loop/c6xx_dev0.conf: too many levels of symbolic links\n",
      });
      return;
    }
    const file = write("locked/c6xx_dev0.conf", CLEAN);
    chmodSync(file, 0);
    const r = qatconf(["locked/c6xx_dev0.conf"]);
    chmodSync(file, 0o644);
    expect(r).toMatchObject({ status: 2, stderr: "qatconf: locked/c6xx_dev0.conf: permission denied\n" });
  });

  it("exits 2 for an unknown --format, --device or --cpus value, with a suggestion for the device", () => {
    expect(qatconf(["clean/c6xx_dev0.conf", "--format", "xml"]).status).toBe(2);
    expect(qatconf(["clean/c6xx_dev0.conf", "--cpus", "0"]).status).toBe(2);
    const r = qatconf(["clean/c6xx_dev0.conf", "--device", "c6x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^qatconf: --device: unknown device 'c6x': did you mean /);
  });

  it("offers exactly the reporters there are", () => {
    const help = runCli(["lint", "--help"]).stdout.replace(/\s+/g, " ");
    expect(help).toContain(`choices: ${REPORTER_NAMES.map((n) => `"${n}"`).join(", ")}`);
  });
});

describe("qatconf lint: finding files", () => {
  it("walks directories for *_dev*.conf and *.conf.vm, skipping node_modules and .git", () => {
    write("tree/c6xx_dev0.conf", CLEAN);
    write("tree/sub/4xxx_dev1.conf", CLEAN);
    write("tree/sub/c6xxvf_dev0.conf.vm", CLEAN);
    write("tree/notes.conf", CLEAN);
    write("tree/readme.txt", "x");
    write("tree/node_modules/c6xx_dev0.conf", SYNTAX_ERROR);
    write("tree/.git/c6xx_dev0.conf", SYNTAX_ERROR);
    const r = qatconf(["tree", "-f", "json"]);
    expect(r.status).toBe(0);
    expect(reported(r.stdout).map((f) => f.filePath)).toEqual([
      "tree/c6xx_dev0.conf",
      "tree/sub/4xxx_dev1.conf",
      "tree/sub/c6xxvf_dev0.conf.vm",
    ]);
  });

  it("exits 2 for a directory without configuration files", () => {
    mkdirSync(path("empty"), { recursive: true });
    write("empty/notes.txt", "x");
    const r = qatconf(["empty"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("qatconf: empty: no QAT configuration files (*_dev*.conf, *.conf.vm) in this directory\n");
  });

  it("expands globs itself (quoted from the shell), and exits 2 when one matches nothing", () => {
    const r = qatconf(["tree/**/*.conf", "-f", "json"]);
    expect(r.status).toBe(0);
    expect(reported(r.stdout).map((f) => f.filePath)).toEqual([
      "tree/c6xx_dev0.conf",
      "tree/notes.conf",
      "tree/sub/4xxx_dev1.conf",
    ]);
    const none = qatconf(["tree/*.nothing"]);
    expect(none).toMatchObject({ status: 2, stderr: "qatconf: tree/*.nothing: no files match this pattern\n" });
  });

  it("lints each file once, however many arguments name it", () => {
    const r = qatconf(["tree", "tree/c6xx_dev0.conf", "./tree/c6xx_dev0.conf", "-f", "json"]);
    expect(reported(r.stdout).map((f) => f.filePath)).toHaveLength(3);
  });

  it("reads stdin for '-', as the file --stdin-filename names", () => {
    const named = qatconf(["-", "--stdin-filename", "c6xx_dev0.conf", "-f", "json"], { input: SYNTAX_ERROR });
    expect(named.status).toBe(1);
    expect(reported(named.stdout)).toEqual([
      { filePath: "c6xx_dev0.conf", diagnostics: [expect.objectContaining({ ruleId: "syntax", line: 2 })] },
    ]);
    const anonymous = qatconf(["-"], { input: SYNTAX_ERROR });
    expect(anonymous.stdout).toContain("<stdin>:2:1  error");
    expect(qatconf(["-"], { input: CLEAN })).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("qatconf lint: configuration", () => {
  it("applies the nearest .qatconf.json's rule settings", () => {
    write("configured/.qatconf.json", config({ "unknown-rule": "error" }));
    write("configured/c6xx_dev0.conf", WARNING);
    const r = qatconf(["configured", "-f", "json"]);
    expect(r.status).toBe(1);
    expect(reported(r.stdout)[0]?.diagnostics[0]).toMatchObject({ ruleId: "unknown-rule", severity: "error" });
  });

  it("exits 2 for an unknown rule id in the configuration, naming the file and the closest id", () => {
    const config = write("misspelt/.qatconf.json", JSON.stringify({ rules: { "unknown-rul": "off" } }));
    write("misspelt/c6xx_dev0.conf", CLEAN);
    write("misspelt/4xxx_dev0.conf", CLEAN);
    const r = qatconf(["misspelt"]);
    expect(r.status).toBe(2);
    // Once, not once per file.
    expect(r.stderr).toBe(
      `qatconf: ${config}: unknown rule 'unknown-rul' in "rules": did you mean 'unknown-rule'? (run 'qatconf rules' for the list)\n`,
    );
  });

  it("exits 2 for a malformed configuration and for an unknown device in it", () => {
    write("broken-config/.qatconf.json", "{ rules: ");
    write("broken-config/c6xx_dev0.conf", CLEAN);
    expect(qatconf(["broken-config"]).stderr).toMatch(/^qatconf: .*\.qatconf\.json: not valid JSON/);
    write("bad-device/.qatconf.json", JSON.stringify({ device: "c62xx" }));
    write("bad-device/c6xx_dev0.conf", CLEAN);
    const r = qatconf(["bad-device"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown device 'c62xx': did you mean .* in "device"\n$/);
  });

  it("uses the file --config names instead of the nearest one", () => {
    write("elsewhere.json", config({ "unknown-rule": "off" }));
    expect(qatconf(["configured", "--config", "elsewhere.json", "-f", "json"]).status).toBe(0);
    const missing = qatconf(["configured", "--config", "missing.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("missing.json: cannot read: no such file or directory");
  });
});

describe("qatconf lint --fix", () => {
  it("never rewrites a file with syntax errors, and says so", () => {
    const file = write("fix/c6xx_dev0.conf", SYNTAX_ERROR);
    const before = statSync(file).mtimeMs;
    const r = qatconf(["fix/c6xx_dev0.conf", "--fix"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("qatconf: fix/c6xx_dev0.conf: not fixed: it has syntax errors (fix them first)\n");
    expect(readFileSync(file, "utf8")).toBe(SYNTAX_ERROR);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("leaves a file with nothing to fix untouched, and reports what remains", () => {
    const file = write("fix/4xxx_dev0.conf", WARNING);
    const before = statSync(file).mtimeMs;
    const r = qatconf(["fix/4xxx_dev0.conf", "--fix", "-f", "json"]);
    expect(r.status).toBe(0);
    expect(reported(r.stdout)[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["unknown-rule"]);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it("refuses stdin: there is no file to rewrite", () => {
    const r = qatconf(["-", "--fix"], { input: CLEAN });
    expect(r).toMatchObject({ status: 2, stderr: "qatconf: --fix rewrites files: it cannot fix stdin\n" });
  });
});

describe("qatconf lint: colours", () => {
  it("colours stylish output only when FORCE_COLOR asks (stdout is a pipe here), and NO_COLOR yields to it", () => {
    write("colour/c6xx_dev0.conf", SYNTAX_ERROR);
    expect(qatconf(["colour/c6xx_dev0.conf"]).stdout).not.toContain("\u001b[");
    expect(qatconf(["colour/c6xx_dev0.conf"], { env: { FORCE_COLOR: "1" } }).stdout).toContain("\u001b[31merror");
    expect(qatconf(["colour/c6xx_dev0.conf"], { env: { FORCE_COLOR: "0" } }).stdout).not.toContain("\u001b[");
  });
});

describe("the library's lint", () => {
  it("is still the engine's lint, exported from the package root", () => {
    expect(library.lint).toBe(lint);
  });
});

describe("qatconf lint: what it will not read", () => {
  it("stops at the size cap on /dev/zero (exit 2, one line) instead of eating memory", () => {
    expect(runCli(["lint", "/dev/zero"])).toMatchObject({
      status: 2,
      stdout: "",
      stderr: "qatconf: /dev/zero: larger than 16 MiB: not a configuration file\n",
    });
  });

  it("stops reading stdin at the same cap", () => {
    // An endless writer (qatconf stops reading, as `head` does, so the writer gets SIGPIPE).
    const r = spawnSync(
      "sh",
      ["-c", 'yes "# comment" | "$0" "$1" lint - --stdin-filename c6xx_dev0.conf', process.execPath, BIN],
      {
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr: "qatconf: c6xx_dev0.conf: larger than 16 MiB: not a configuration file\n",
    });
  });

  it("refuses a FIFO met through a glob instead of blocking, and reads one it was given by name", () => {
    const dir = mkdtempSync(join(tmpdir(), "qatconf-lint-fifo-"));
    try {
      execFileSync("mkfifo", [join(dir, "c6xx_dev0.conf")]);
      expect(runCli(["lint", "*_dev0.conf"], { cwd: dir })).toMatchObject({
        status: 2,
        stderr: "qatconf: c6xx_dev0.conf: a FIFO, not a regular file\n",
      });
      const sample = readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8");
      // fmt reads a FIFO given by name as lint does, and refuses one a glob met.
      expect(runCli(["fmt", "--check", "*_dev0.conf"], { cwd: dir })).toMatchObject({
        status: 2,
        stderr: "qatconf fmt: c6xx_dev0.conf: a FIFO, not a regular file\n",
      });
      for (const command of ["lint c6xx_dev0.conf", "fmt --check c6xx_dev0.conf"]) {
        const r = spawnSync(
          "sh",
          ["-c", `exec 3<&0; cat <&3 > c6xx_dev0.conf & exec "$0" "$1" ${command}`, process.execPath, BIN],
          {
            cwd: dir,
            input: sample,
            encoding: "utf8",
            timeout: 30_000,
          },
        );
        // A background job's stdin is /dev/null in sh: fd 3 hands it the sample.
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, command).toEqual({
          status: 0,
          stdout: "",
          stderr: "",
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
