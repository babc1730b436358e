import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHost, removeHost } from "../host/fake-host.ts";
import { healthyHost, noIommuHost } from "../host/layouts.ts";
import { lspciText } from "../host/lspci-fixture.ts";
import { runCli } from "../support/cli.ts";

let healthy: string;
let broken: string;

beforeAll(async () => {
  healthy = await buildHost(healthyHost());
  broken = await buildHost(noIommuHost());
});

afterAll(async () => {
  await removeHost(healthy);
  await removeHost(broken);
});

describe("qatconf doctor", () => {
  it("exits 0 on a healthy host and groups the findings by device", () => {
    const r = runCli(["doctor", "--root", healthy]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "/sys/bus/pci/devices/0000:3d:00.0\n  info    c6xx PF 0000:3d:00.0: Intel C62x chipset, QAT 1.7, PCI ID 8086:37c8;",
    );
    expect(r.stdout).toContain(
      "/etc/c6xx_dev0.conf\n  1:1     info    /etc/c6xx_dev0.conf configures c6xx PF 0000:3d:00.0 and is lint-clean  [config-file]",
    );
    expect(r.stdout).toMatch(/\n0 errors, 0 warnings, \d+ notes\n$/);
  });

  it("exits 1 when there are errors, each with its id and hint", () => {
    const r = runCli(["doctor", "--root", broken, "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("/sys/class/iommu\n  error   IOMMU off: the kernel command line lacks intel_iommu=on");
    expect(r.stdout).toContain("[iommu]\n          hint: add intel_iommu=on iommu=pt to GRUB_CMDLINE_LINUX");
    expect(r.stdout).not.toContain("info ");
  });

  it("prints lint's JSON shape with --format json", () => {
    const r = runCli(["doctor", "--root", broken, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Array<{ filePath: string; diagnostics: Array<Record<string, unknown>> }>;
    const iommu = report.find((g) => g.filePath === "/sys/class/iommu")?.diagnostics[0];
    expect(iommu).toMatchObject({ ruleId: "iommu", severity: "error", line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(iommu?.hint).toMatch(/^add intel_iommu=on/);
    expect(report.map((g) => g.filePath)).toContain("/sys/bus/pci/devices/0000:3d:00.0");
  });

  it("reads saved lspci and dmesg output", async () => {
    const lspci = join(healthy, "lspci.txt");
    const dmesg = join(healthy, "dmesg.txt");
    await writeFile(lspci, lspciText({ pfMps: 128, bridgeMps: 256 }));
    await writeFile(dmesg, "[   40.000000] QAT: Failed to start device qat_dev1\n");
    const r = runCli(["doctor", "--root", healthy, "--lspci", lspci, "--dmesg", dmesg, "-q"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("warning c6xx PF 0000:3d:00.0 MaxPayload is 128 bytes");
    expect(r.stdout).toContain("hint: setpci -s 0000:3d:00.0 CAP_EXP+8.w=0020:00e0");
    expect(r.stdout).toContain(
      `${dmesg}\n  1:1     warning QAT driver error: QAT: Failed to start device qat_dev1  [dmesg]`,
    );
  });

  it("exits 2 for an unreadable root, saved text or format", () => {
    const root = runCli(["doctor", "--root", "/nonexistent-qatconf-root"]);
    expect([root.status, root.stderr]).toEqual([
      2,
      "qatconf doctor: cannot read /nonexistent-qatconf-root: no such file or directory\n",
    ]);
    const lspci = runCli(["doctor", "--root", healthy, "--lspci", "/nonexistent-lspci.txt"]);
    expect(lspci.status).toBe(2);
    expect(lspci.stderr).toContain("cannot read /nonexistent-lspci.txt: no such file or directory");
    expect(runCli(["doctor", "--root", healthy, "--format", "sarif"]).status).toBe(2);
  });
});
