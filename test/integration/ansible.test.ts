/**
 * Installing through a configuration manager: Ansible's `validate:` runs qatconf on the new file,
 * which has a temporary name without the device, before it is put in place. Tested with the real
 * `ansible-playbook` (Debian package ansible-core) against localhost, as docs/integrations.md
 * shows it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GOOD } from "../rules/findings.ts";
import { BIN } from "../support/cli.ts";
import { ensureTool } from "../support/tools.ts";

const tool = ensureTool("ansible-playbook", "ansible-core");
const temp = mkdtempSync(join(tmpdir(), "qatconf-ansible-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// 64 processes of one crypto instance: more rings than a c6xx has.
const CROWDED = GOOD.replace("NumProcesses = 1", "NumProcesses = 64");

/** Runs one task of `module` (copy or template) installing `source` at `dest`, validated by qatconf. */
function install(module: "copy" | "template", source: string, dest: string) {
  const src = join(temp, `${module}-source.conf`);
  writeFileSync(src, source);
  const playbook = join(temp, `${module}.yml`);
  const validate = `${process.execPath} ${BIN} lint --device c6xx %s`;
  writeFileSync(
    playbook,
    [
      "- hosts: localhost",
      "  connection: local",
      "  gather_facts: false",
      "  tasks:",
      "    - name: QAT configuration",
      `      ansible.builtin.${module}:`,
      `        src: ${JSON.stringify(src)}`,
      `        dest: ${JSON.stringify(dest)}`,
      `        validate: ${JSON.stringify(validate)}`,
      "",
    ].join("\n"),
  );
  const r = spawnSync(tool.path as string, ["-i", "localhost,", playbook], {
    cwd: temp,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      ANSIBLE_LOCAL_TEMP: join(temp, "ansible-local"),
      ANSIBLE_REMOTE_TEMP: join(temp, "ansible-remote"),
      ANSIBLE_NOCOLOR: "1",
      ANSIBLE_RETRY_FILES_ENABLED: "0",
      NO_COLOR: "1",
    },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(tool.reason !== undefined)(`Ansible validate: ${tool.reason ?? "ansible-playbook"}`, () => {
  it("does not install a file with an error, and fails the task with qatconf's finding", () => {
    const dest = join(temp, "bad-c6xx_dev0.conf");
    const r = install("copy", CROWDED, dest);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("failed to validate");
    expect(r.out).toContain("ring-budget");
    expect(existsSync(dest)).toBe(false);
  }, 180_000);

  it("installs a clean file, through copy and through template", () => {
    for (const module of ["copy", "template"] as const) {
      const dest = join(temp, `good-${module}-c6xx_dev0.conf`);
      const r = install(module, GOOD, dest);
      expect(r.status, r.out).toBe(0);
      expect(readFileSync(dest, "utf8")).toBe(GOOD);
    }
  }, 300_000);
});
