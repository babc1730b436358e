import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.ts";
import { enableSriov } from "../../src/linted-edits.ts";
import { instanceFile } from "./arbitrary.ts";

const SAMPLE = readFileSync(resolve(import.meta.dirname, "../../samples/c6xx_dev0.conf"), "utf8");
const PF = { fileName: "c6xx_dev0.conf" };

const WHY =
  "# qatconf enable-sriov: with SRIOV_Enabled = 1 the driver creates no user instances on the PF\n" +
  "# (Intel application note 330689). Declare them in the guests' VF files (c6xxvf_devN.conf,\n" +
  "# see qatconf vf-config); the section is kept here, commented out.\n";

describe("enableSriov", () => {
  it("turns SR-IOV on, zeroes kernel instances, and comments user sections out under an explanation", () => {
    const text =
      '[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\n\n[KERNEL]\nNumberCyInstances = 1\nNumberDcInstances = 0\nCy0Name = "IPSec0"\nCy0IsPolled = 0\nCy0CoreAffinity = 0\n\n[SSL]\nNumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses = 2\n# Crypto - User instance #0\nCy0Name = "SSL0"\nCy0IsPolled = 1\nCy0CoreAffinity = 1\n';
    const r = enableSriov(text, PF);
    expect(r.refusal).toBeUndefined();
    expect(r.text).toBe(
      '[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\nSRIOV_Enabled = 1\n\n[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n# qatconf enable-sriov: no kernel instances while SR-IOV is on (Intel application note 330689)\n# Cy0Name = "IPSec0"\n# Cy0IsPolled = 0\n# Cy0CoreAffinity = 0\n\n' +
        `${WHY}# [SSL]\n# NumberCyInstances = 1\n# NumberDcInstances = 0\n# NumProcesses = 2\n# Crypto - User instance #0\n# Cy0Name = "SSL0"\n# Cy0IsPolled = 1\n# Cy0CoreAffinity = 1\n`,
    );
    expect(r.notes).toEqual([
      "[SSL] commented out: move its instances to the guests' c6xxvf_devN.conf files (qatconf vf-config)",
    ]);
    expect(lint(r.text, PF).diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("is idempotent: a prepared file comes back unchanged", () => {
    const once = enableSriov(SAMPLE, PF);
    expect(once.changed).toBe(true);
    expect(once.text).toContain("SRIOV_Enabled = 1\n");
    const twice = enableSriov(once.text, PF);
    expect(twice).toMatchObject({ text: once.text, changed: false, edits: [] });
  });

  it("sets an SRIOV_Enabled = 0 already there in place", () => {
    const text = SAMPLE.replace(
      "AutoResetOnError = 0\n",
      "AutoResetOnError = 0\nSRIOV_Enabled = 0 # host uses the PF\n",
    );
    expect(enableSriov(text, PF).text).toContain("SRIOV_Enabled = 1 # host uses the PF\n");
  });

  it("leaves user sections that create nothing alone", () => {
    const text =
      "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n[WIRELESS]\nNumProcesses = 0\n[SSL]\nNumberCyInstances = 0\nNumberDcInstances = 0\nNumProcesses = 1\n";
    expect(enableSriov(text, PF).text).toBe(
      text.replace("ConfigVersion = 2\n", "ConfigVersion = 2\nSRIOV_Enabled = 1\n"),
    );
  });

  it("refuses a VF file and a file without [GENERAL]", () => {
    expect(enableSriov(SAMPLE, { fileName: "c6xxvf_dev0.conf" }).refusal?.message).toContain("this is a VF file");
    expect(enableSriov("[KERNEL]\nNumberCyInstances = 0\n", PF).refusal?.message).toContain("no [GENERAL] section");
  });
});

describe("enable-sriov properties", () => {
  it("keeps every line: unchanged, or commented out whole; only SRIOV_Enabled and kernel counts change", () => {
    fc.assert(
      fc.property(instanceFile, (file) => {
        const r = enableSriov(file.text, PF);
        expect(r.refusal).toBeUndefined();
        const out = new Set(r.text.split(/\r?\n/));
        for (const line of file.text.split(/\r?\n/)) {
          if (line === "") continue;
          expect(out.has(line) || out.has(`# ${line}`), line).toBe(true);
        }
        expect(enableSriov(r.text, PF).changed).toBe(false);
      }),
    );
  });
});
