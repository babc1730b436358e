/**
 * The driver package and a VF's PF services as settings of every command that models a device:
 * `--driver`, `--pf-services`, `.qatconf.json` `"driver"` / `"pfServicesEnabled"`, and the PF file
 * linted beside a VF file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { general, kernelSection, userSection } from "../model/helpers.ts";
import { runCli } from "../support/cli.ts";

let dir: string;
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-driver-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Four Cy instances in one process: a VF of a `cy` PF holds them, a VF of a `cy;dc` PF holds 2.
const VF = general("cy") + kernelSection(0, 0) + userSection("SSL", 4, 0, 1);

describe("--driver", () => {
  it("words the driver's refusal as the package modelled does", () => {
    const file = write("c6xx_dev0.conf", general("asym;sym"));
    const l424 = runCli(["lint", "--format", "json", file]);
    const l48 = runCli(["lint", "--format", "json", "--driver", "QAT1.7.L.4.8.0-00005", file]);
    expect(l424.status).toBe(1);
    expect(l424.stdout).toContain("Invalid ServicesEnabled asym;sym for ServicesProfile: 0");
    expect(l48.status).toBe(1);
    expect(l48.stdout).toContain("Invalid services enabled: asym;sym");
  });

  it("refuses an unknown package in one line naming the known ones (exit 2), on lint, explain and the editors", () => {
    const file = write("c6xx_dev1.conf", general("cy"));
    for (const args of [["lint"], ["explain"], ["set", "--diff"]]) {
      const r = runCli([...args, "--driver", "4.2", file, ...(args[0] === "set" ? ["GENERAL.X=1"] : [])]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("unknown driver package '4.2'");
      expect(r.stderr).toContain("QAT.L.4.24.0-00005 (4.24)");
    }
  });

  it("is read from .qatconf.json, and a bad name there is refused", () => {
    const sub = mkdtempSync(join(dir, "cfg-"));
    writeFileSync(join(sub, ".qatconf.json"), JSON.stringify({ driver: "4.8" }));
    const file = join(sub, "c6xx_dev0.conf");
    writeFileSync(file, general("asym;sym"));
    expect(runCli(["lint", file]).stdout).toContain("Invalid services enabled: asym;sym");
    writeFileSync(join(sub, ".qatconf.json"), JSON.stringify({ driver: "L.9" }));
    const bad = runCli(["lint", file]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown driver package 'L\.9'.* in "driver"/);
  });

  it("is named by explain, in the table and in JSON with where the driver stops", () => {
    const file = write("c6xx_dev2.conf", general("cy") + userSection("SSL", 1, 1, 1));
    const table = runCli(["explain", "--driver", "4.24", file]);
    expect(table.stdout).toContain("Modelled as QAT 1.7 Linux package L.4.24.0-00005");
    expect(table.stdout).toContain("The driver stops: NumDcInstances > 0, when DC is not enabled");
    expect(table.status).toBe(1);
    const json = JSON.parse(runCli(["explain", "-f", "json", "--driver", "4.8", file]).stdout);
    expect(json.driver).toEqual({ package: "QAT1.7.L.4.8.0-00005", title: "QAT 1.7 Linux package L.4.8.0-00005" });
    expect(json.driverStop).toBeUndefined();
  });
});

describe("--pf-services and the PF file among the files", () => {
  it("assumes a cy;dc PF for a lone VF file, and says so", () => {
    const vf = write("c6xxvf_dev0.conf.vm", VF);
    const r = runCli(["lint", vf]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("its PF's ServicesEnabled = cy;dc (assumed");
  });

  it("takes the PF's services from --pf-services, or from the PF file linted with the VF file", () => {
    const vf = write("c6xxvf_dev1.conf.vm", VF);
    expect(runCli(["lint", "--pf-services", "cy", vf]).status).toBe(0);
    const pfDir = mkdtempSync(join(dir, "host-"));
    const sriov = (services: string): string => `${general(services)}SRIOV_Enabled = 1\n${kernelSection(0, 0)}`;
    writeFileSync(join(pfDir, "c6xx_dev0.conf"), sriov("cy"));
    writeFileSync(join(pfDir, "c6xxvf_dev0.conf.vm"), VF);
    const together = runCli(["lint", pfDir]);
    expect(together.stdout).toBe("");
    expect(together.status).toBe(0);
    // A PF of cy;dc beside the VF: the VF's 4 Cy do not fit, and the message names the PF file.
    writeFileSync(join(pfDir, "c6xx_dev0.conf"), sriov("cy;dc"));
    const short = runCli(["lint", pfDir]);
    expect(short.status).toBe(1);
    expect(short.stdout).toContain(`its PF's ServicesEnabled = cy;dc (from ${join(pfDir, "c6xx_dev0.conf")})`);
  });

  it("refuses a value no QAT 1.x PF accepts (exit 2)", () => {
    const r = runCli(["lint", "--pf-services", "cy;sym", write("c6xxvf_dev2.conf.vm", VF)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'cy;sym' is not a ServicesEnabled value a QAT 1.x PF accepts");
  });

  it("gives vf-config the VF's budget under the PF's map", () => {
    const cy = runCli(["vf-config", "--device", "c6xx", "--pf-services", "cy"]);
    expect(cy.stdout).toContain("NumberCyInstances = 4\n");
    const refused = runCli(["vf-config", "--device", "c6xx", "--services", "cy;dc", "--pf-services", "cy"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('"Unsupported device configuration"');
  });
});
