import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHost, removeHost } from "../host/fake-host.ts";
import { qatlibHost } from "../host/intree-layouts.ts";
import { runCli } from "../support/cli.ts";

let dir: string;
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const qatconf = (args: string[], input?: string) =>
  runCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-qatlib-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf on qatlib's /etc/sysconfig/qat", () => {
  it("lints it by its path, with the driver's file beside it, when walking /etc", () => {
    write("etc/sysconfig/qat", "ServicesEnabled=asym;sym\nPOLICY=2\n");
    write("etc/4xxx_dev0.conf", "[GENERAL]\nServicesEnabled = sym;dc\n");
    const r = qatconf(["lint", "--format", "json", "etc"]);
    const reports = JSON.parse(r.stdout) as { filePath: string; diagnostics: { ruleId: string; line: number }[] }[];
    expect(reports.map((f) => f.filePath)).toEqual(["etc/4xxx_dev0.conf", "etc/sysconfig/qat"]);
    expect(reports[1]?.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([["qatlib-services-ignored", 1]]);
    expect(r.status).toBe(1);
  });

  it("reads stdin or any name as qatlib's with --kind qatlib, and checks --device 6xxx", () => {
    const three = "ServicesEnabled=sym;asym;dc\n";
    expect(qatconf(["lint", "--kind", "qatlib", "--device", "6xxx", "-"], three)).toMatchObject({
      status: 0,
      stdout: "",
    });
    const r = qatconf(["lint", "--kind", "qatlib", "--device", "4xxx", "-"], three);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("qatlib-services-unsupported");
  });

  it("takes --device 6xxx for qatlib's file, and says no driver reads a driver file of the 6xxx", () => {
    const file = write("dev/sysconfig/qat", "ServicesEnabled=sym;asym;dc\n");
    expect(qatconf(["lint", "--device", "6xxx", file]).status).toBe(0);
    write("dev/c6xx_dev0.conf", "[GENERAL]\nServicesEnabled = cy\n");
    const r = qatconf(["lint", "--device", "6xxx", join(dir, "dev/c6xx_dev0.conf")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no out-of-tree package drives the Intel QAT 6xxx");
    expect(r.stdout).toContain("unknown-device");
    expect(qatconf(["lint", "--device", "7xxx", join(dir, "dev/c6xx_dev0.conf")]).stderr).toContain(
      "--device: unknown device '7xxx'",
    );
    const explained = qatconf(["explain", write("dev/6xxx_dev0.conf", "[GENERAL]\nServicesEnabled = dc\n")]);
    expect(explained.status).toBe(2);
    expect(explained.stderr).toContain("no out-of-tree package drives the Intel QAT 6xxx");
  });

  it("fixes an ignored ServicesEnabled in place with --fix", () => {
    const file = write("fix/sysconfig/qat", "ServicesEnabled = dc\n");
    expect(qatconf(["lint", "--fix", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("ServicesEnabled=dc\n");
  });

  it("formats it as KEY=VALUE and sets values as qat_init.sh reads them", () => {
    const file = write("edit/sysconfig/qat", "# qatlib\n  POLICY = 2\n");
    expect(qatconf(["fmt", "--check", file]).status).toBe(1);
    expect(qatconf(["fmt", "--write", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("# qatlib\nPOLICY=2\n");
    expect(qatconf(["set", "--write", file, "ServicesEnabled=sym;dc", "POLICY=0"]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("# qatlib\nPOLICY=0\nServicesEnabled=sym;dc\n");
    const refused = qatconf(["set", file, "GENERAL.ServicesEnabled=dc"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("has no sections: write ServicesEnabled=dc");
  });
});

describe("the commands that edit or explain the driver's files only", () => {
  it("refuse qatlib's file with a usage error that names the command that does edit it", () => {
    const file = write("only/sysconfig/qat", "POLICY=2\n");
    const explain = qatconf(["explain", file]);
    expect(explain.status).toBe(2);
    expect(explain.stderr).toContain("qatlib's file");
    const add = qatconf(["add-instance", file, "--cy", "1"]);
    expect(add.status).toBe(2);
    expect(add.stderr).toContain(`qatconf set ${file} KEY=VALUE`);
  });
});

describe("qatconf doctor --root on a qatlib host", () => {
  it("exits 0 on a healthy one and 1 when the qat group is missing", async () => {
    const healthy = await buildHost(qatlibHost());
    const broken = qatlibHost();
    broken.files = { ...broken.files, "etc/group": "root:x:0:\n" };
    const missing = await buildHost(broken);
    try {
      expect(qatconf(["doctor", "--root", healthy]).status).toBe(0);
      const r = qatconf(["doctor", "--root", missing]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("the group 'qat' does not exist");
    } finally {
      await Promise.all([removeHost(healthy), removeHost(missing)]);
    }
  });
});
