import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainJson } from "../../src/cli/explain-map.ts";
import { runCli } from "../support/cli.ts";
import { corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";

/** A c6xx VF file (one bank of 16 rings: 2 cy and 2 dc slots with cy;dc) asking for `cy` Cy instances. */
function vfFile(cy: number, processes = 1): string {
  let out =
    "[GENERAL]\nServicesEnabled = cy;dc\nConfigVersion = 2\n\n[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n\n";
  out += `[SSL]\nNumberCyInstances = ${cy}\nNumberDcInstances = 0\nNumProcesses = ${processes}\nLimitDevAccess = 0\n`;
  for (let i = 0; i < cy; i++) out += `Cy${i}Name = "SSL${i}"\nCy${i}IsPolled = 1\nCy${i}CoreAffinity = ${i}\n`;
  return out;
}

let dir: string;
const explain = (args: string[], input?: string) =>
  runCli(["explain", ...args], { cwd: dir, ...(input === undefined ? {} : { input }) });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-explain-"));
  writeFileSync(join(dir, "c6xxvf_dev0.conf.vm"), vfFile(2));
  writeFileSync(join(dir, "c6xxvf_dev1.conf.vm"), vfFile(3));
  writeFileSync(join(dir, "qat.conf"), vfFile(1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf explain", () => {
  it("maps every slot of every bank, with the instance, section and process in it", () => {
    const r = explain(["c6xxvf_dev0.conf.vm"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        "c6xxvf_dev0.conf.vm: c6xx VF (Intel C62x chipset), 1 bank of 16 rings, ServicesEnabled cy;dc",
        "Modelled as QAT 1.7 Linux package L.4.24.0-00005 (QAT.L.4.24.0-00005)",
        "Ring map of the PF's ServicesEnabled cy;dc (assumed: give --pf-services)",
        "",
        "BANK  USE         FILL  SLOT  SERVICE  RINGS     INSTANCE",
        '   0  user, poll  2/4      0  cy       0,2,8,10  SSL Cy0 "SSL0" (process SSL_INT_0, line 14)',
        '                           1  cy       1,3,9,11  SSL Cy1 "SSL1" (process SSL_INT_0, line 17)',
        "                           4  dc       6,14      free",
        "                           5  dc       7,15      free",
        "",
        "Slots used: cy 2 of 2, dc 0 of 2",
        "Fits: every instance has rings.",
        "",
      ].join("\n"),
    );
  });

  it("shows who owns an interrupt bank, and runs of free banks in one row", () => {
    const pf =
      '[GENERAL]\nServicesEnabled = cy;dc\n[KERNEL]\nNumberCyInstances = 1\nNumberDcInstances = 0\nCy0Name = "K0"\nCy0IsPolled = 0\nCy0CoreAffinity = 0\n';
    const r = explain(["-", "--stdin-filename", "c6xx_dev0.conf"], pf);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /\n {3}0 {2}kernel, interrupt, owner KERNEL, core 0 {2}1\/4 {6}0 {2}cy .* KERNEL Cy0 "K0" \(process KERNEL, line 6\)\n/,
    );
    expect(r.stdout).toMatch(/\n1-15 {2}free +0\/60 +30 cy, 30 dc slots free\n/);
  });

  it("exits 1 when an instance gets no rings, naming it with its line", () => {
    const r = explain(["c6xxvf_dev1.conf.vm"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Does not fit: 1 instance without rings");
    expect(r.stdout).toContain(
      "  c6xxvf_dev1.conf.vm:20:1  SSL Cy2 (process SSL_INT_0): Don't have enough rings for instance SSL2 in process SSL_INT_0\n",
    );
  });

  it("prints the same map as JSON", () => {
    const r = explain(["c6xxvf_dev1.conf.vm", "--format", "json"]);
    expect(r.status).toBe(1);
    const map = JSON.parse(r.stdout) as ExplainJson;
    expect(map).toMatchObject({
      filePath: "c6xxvf_dev1.conf.vm",
      device: { family: "c6xx", vf: true, banks: 1, ringsPerBank: 16 },
      servicesEnabled: "cy;dc",
      modelled: true,
      fits: false,
      slots: { cy: { total: 2, used: 2 }, dc: { total: 2, used: 0 } },
    });
    expect(map.banks[0]?.slots.map((s) => [s.service, s.instance?.label])).toEqual([
      ["cy", "Cy0"],
      ["cy", "Cy1"],
      ["na", undefined],
      ["na", undefined],
      ["dc", undefined],
      ["dc", undefined],
    ]);
    expect(map.failures).toEqual([
      expect.objectContaining({
        section: "SSL",
        label: "Cy2",
        processName: "SSL_INT_0",
        line: 20,
        code: "no-free-slot",
      }),
    ]);
  });

  it("takes the device from --device when the file name does not say, and reads stdin", () => {
    const noName = explain(["qat.conf"]);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toMatch(
      /^qatconf: qat\.conf: the file name does not say which device it configures: give --device/,
    );
    expect(explain(["qat.conf", "--device", "c6xxvf"]).stdout).toMatch(/^qat\.conf: c6xx VF /);
    const piped = explain(["-", "--stdin-filename", "c6xxvf_dev2.conf.vm"], vfFile(1));
    expect(piped).toMatchObject({ status: 0, stderr: "" });
    expect(piped.stdout).toMatch(/^c6xxvf_dev2\.conf\.vm: c6xx VF /);
  });

  it("still maps a file with syntax errors, as the driver reads it, lists the errors and exits 1", () => {
    const r = explain(["-", "--stdin-filename", "c6xxvf_dev3.conf.vm"], `${vfFile(1)}broken line\n`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("c6xxvf_dev3.conf.vm:17:1: error expected '=' after 'broken line' [syntax]\n");
    expect(r.stderr).toContain("qatconf: c6xxvf_dev3.conf.vm: has syntax errors;");
    expect(r.stdout).toContain('SSL Cy0 "SSL0"');
  });

  it("exits 1 on an empty file (no [GENERAL] section: the driver stops), printing no map", () => {
    for (const text of ["", "# only a comment\n", "[SSL]\nNumberCyInstances = 1\n"]) {
      expect(explain(["-", "--stdin-filename", "c6xx_dev0.conf"], text)).toEqual({
        status: 1,
        stdout: "",
        stderr:
          'qatconf: c6xx_dev0.conf: no [GENERAL] section, so nothing to explain: adf_ctl stops with "No GENERAL section found"\n',
      });
    }
  });

  it("exits 2 for a missing file and an unknown device", () => {
    expect(explain(["nope_dev0.conf"])).toMatchObject({
      status: 2,
      stderr: "qatconf: nope_dev0.conf: no such file or directory\n",
    });
    const device = explain(["qat.conf", "--device", "c6x"]);
    expect(device.status).toBe(2);
    expect(device.stderr).toMatch(/^qatconf: --device: unknown device 'c6x': did you mean /);
  });
});

describe.skipIf(!corpusAvailable)(corpusSuite("qatconf explain on Intel's files"), () => {
  it("finds that every shipped c6xx and 4xxx multi-process file fits (they load on real hardware)", () => {
    const files = corpusFiles().filter((f) => /\/(c6xx|4xxx)\/multi_process\//.test(f.path));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files.slice(0, 6)) {
      const r = runCli(["explain", file.path, "--format", "json"]);
      expect([file.path, r.status]).toEqual([file.path, 0]);
    }
  });
});
