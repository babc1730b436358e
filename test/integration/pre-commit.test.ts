/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), end to end with the real `pre-commit` tool: a
 * temporary git repository configures this checkout as a hook repository at its HEAD commit, as a
 * user configures qatconf's repository at a tag, and `git commit` runs the hooks. pre-commit clones
 * the commit and installs it with npm (`prepare` builds the CLI), so this suite takes a while (npm
 * may fetch packages from the registry when its cache lacks them).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.ts";
import { ensureTool } from "../support/tools.ts";

const temp = mkdtempSync(join(tmpdir(), "qatconf-pre-commit-"));
const repo = join(temp, "repo");

function git(args: string[], cwd = ROOT): { status: number | null; out: string } {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: gitEnv() });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

const tool = ensureTool("pre-commit", "pre-commit");
const head = git(["rev-parse", "HEAD"]);
const rev = head.status === 0 ? head.out.trim() : undefined;
const hooksCommitted = rev !== undefined && git(["cat-file", "-e", `${rev}:.pre-commit-hooks.yaml`]).status === 0;
const skipReason =
  tool.reason ??
  (rev === undefined ? "this checkout is not a git repository" : undefined) ??
  (hooksCommitted ? undefined : "HEAD has no .pre-commit-hooks.yaml");

/**
 * The environment of every command: pre-commit's cache in the temporary folder, and this Node
 * first on PATH under both of its names, since pre-commit's nodeenv looks for `nodejs` before
 * `node` (on Debian, `nodejs` is the distribution's older Node).
 */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [join(temp, "node-bin"), dirname(process.execPath), process.env.PATH].join(delimiter),
    PRE_COMMIT_HOME: join(temp, "pre-commit-home"),
    GIT_AUTHOR_NAME: "qatconf test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "qatconf test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
    NO_COLOR: "1",
  };
}

/** `git commit` of the staged files with the hooks running; the output is pre-commit's report. */
function commit(message: string): { status: number | null; out: string } {
  return git(["commit", "-m", message], repo);
}

function headOf(): string {
  return git(["rev-parse", "HEAD"], repo).out.trim();
}

describe.skipIf(skipReason !== undefined)(
  `pre-commit hooks qatconf-lint and qatconf-fmt${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    // Samples the project keeps clean and formatted, as of the commit the hooks come from.
    const sample = (name: string): string =>
      skipReason === undefined ? git(["show", `${rev}:samples/${name}`]).out : "";
    const good = sample("c6xx_dev0.conf");
    const goodVf = sample("sriov-host/c6xxvf_dev0.conf.vm");

    beforeAll(() => {
      mkdirSync(join(temp, "node-bin"));
      for (const name of ["node", "nodejs"]) symlinkSync(process.execPath, join(temp, "node-bin", name));
      mkdirSync(repo);
      expect(git(["init", "-q"], repo).status).toBe(0);
      writeFileSync(
        join(repo, ".pre-commit-config.yaml"),
        `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: qatconf-lint\n      - id: qatconf-fmt\n`,
      );
      expect(git(["add", ".pre-commit-config.yaml"], repo).status).toBe(0);
      const install = spawnSync(tool.path ?? "pre-commit", ["install", "--install-hooks"], {
        cwd: repo,
        env: gitEnv(),
        encoding: "utf8",
        timeout: 600_000,
      });
      if (install.status !== 0) throw new Error(`pre-commit install failed:\n${install.stdout}${install.stderr}`);
      expect(commit("pre-commit configuration").status).toBe(0);
    }, 600_000);
    afterAll(() => rmSync(temp, { recursive: true, force: true }));

    it("lets a clean, formatted file through", () => {
      writeFileSync(join(repo, "c6xx_dev0.conf"), good);
      git(["add", "c6xx_dev0.conf"], repo);
      const r = commit("a good file");
      expect(r.out).toMatch(/qatconf lint\.+Passed/);
      expect(r.out).toMatch(/qatconf fmt\.+Passed/);
      expect(r.status).toBe(0);
    });

    it("blocks a file with a syntax error, naming file:line:column and the rule", () => {
      const before = headOf();
      writeFileSync(join(repo, "c6xx_dev1.conf"), "[GENERAL\nServicesEnabled = cy\nConfigVersion = 2\n");
      git(["add", "c6xx_dev1.conf"], repo);
      const r = commit("a bad file");
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/qatconf lint\.+Failed/);
      expect(r.out).toContain("c6xx_dev1.conf:1:1");
      expect(r.out).toMatch(/unclosed '\['.*\bsyntax\b/);
      expect(headOf()).toBe(before);
      git(["rm", "-q", "--cached", "c6xx_dev1.conf"], repo);
      rmSync(join(repo, "c6xx_dev1.conf"));
    });

    it("formats an unformatted file in place and stops the commit until it is staged again", () => {
      const before = headOf();
      const file = join(repo, "guest", "c6xxvf_dev0.conf.vm");
      mkdirSync(dirname(file));
      const messy = goodVf.replace(/^ServicesEnabled = /m, "ServicesEnabled   =   ");
      expect(messy).not.toBe(goodVf);
      writeFileSync(file, messy);
      git(["add", "guest"], repo);
      const r = commit("an unformatted file");
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/qatconf fmt\.+Failed/);
      expect(r.out).toContain("files were modified by this hook");
      expect(readFileSync(file, "utf8")).toBe(goodVf);
      expect(headOf()).toBe(before);
      git(["add", "guest"], repo);
      expect(commit("the same file, formatted").status).toBe(0);
    });

    it("leaves files that are not QAT configuration files alone", () => {
      writeFileSync(join(repo, "nginx.conf"), "[not qat\n");
      git(["add", "nginx.conf"], repo);
      const r = commit("an unrelated file");
      expect(r.out).toMatch(/qatconf lint\.+\(no files to check\)Skipped/);
      expect(r.status).toBe(0);
    });
  },
);
