import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseLspci } from "../../src/host/lspci.ts";
import { ensureTool } from "../support/tools.ts";
import { healthyHost, PF } from "./layouts.ts";
import { lineOf, lspciText } from "./lspci-fixture.ts";
import { doctorOf, findings } from "./run.ts";

describe("parseLspci", () => {
  it.each([
    ["current pciutils", false],
    ["older pciutils (Report errors:)", true],
  ])("reads IDs, driver and DevCap/DevCtl MaxPayload (%s)", (_name, legacy) => {
    const text = lspciText({ pfMps: 128, bridgeMps: 256, legacy });
    const functions = parseLspci(text);
    expect([...functions.keys()]).toEqual(["0000:3a:00.0", PF]);
    expect(functions.get(PF)).toEqual({
      address: PF,
      vendor: "8086",
      device: "37c8",
      line: lineOf(text, "3d:00.0 Co-processor"),
      driver: "c6xx",
      mpsSupported: 256,
      mpsSet: 128,
      mpsSetLine: lineOf(text, "MaxPayload 128 bytes, MaxReadReq 512 bytes"),
    });
    expect(functions.get("0000:3a:00.0")).toMatchObject({ driver: "pcieport", mpsSupported: 256, mpsSet: 256 });
  });

  it("reads -D output with domains, and CRLF line ends", () => {
    const text = lspciText({ pfMps: 256, bridgeMps: 256, domain: true }).replace(/\n/g, "\r\n");
    expect(parseLspci(text).get(PF)).toMatchObject({ device: "37c8", driver: "c6xx", mpsSet: 256 });
  });

  it("leaves MaxPayload unset when lspci could not read the capability (unprivileged)", () => {
    const text =
      "3d:00.0 Co-processor [0b40]: Intel Corporation C62x Chipset QuickAssist Technology [8086:37c8] (rev 04)\n\tCapabilities: <access denied>\n\tKernel driver in use: c6xx\n";
    expect(parseLspci(text).get(PF)).toEqual({ address: PF, vendor: "8086", device: "37c8", line: 1, driver: "c6xx" });
  });

  it("reads this machine's real lspci -vvvnn output without losing a function", (context) => {
    const tool = ensureTool("lspci", "pciutils");
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const real = spawnSync(tool.path, ["-vvvnn"], { encoding: "utf8" });
    const brief = spawnSync(tool.path, ["-nn"], { encoding: "utf8" });
    const headers = brief.stdout.split("\n").filter((l) => l.trim() !== "").length;
    const parsed = parseLspci(real.stdout);
    expect(parsed.size).toBe(headers);
    for (const fn of parsed.values()) expect(fn.vendor).toMatch(/^[0-9a-f]{4}$/);
  });
});

describe("the mps check", () => {
  it("warns when a PF's MaxPayload differs from its bridge's, with the setpci command that restores it", async () => {
    const lspci = lspciText({ pfMps: 128, bridgeMps: 256 });
    const [finding] = findings(await doctorOf(healthyHost(), { lspci }), "mps");
    const line = lineOf(lspci, "MaxPayload 128 bytes");
    expect(finding).toMatchObject({ severity: "warning", path: `/sys/bus/pci/devices/${PF}` });
    expect(finding?.message).toMatch(
      new RegExp(`MaxPayload is 128 bytes \\(.*lspci\\.txt:${line}\\) but its bridge 0000:3a:00\\.0 uses 256 bytes`),
    );
    expect(finding?.hint).toMatch(/^setpci -s 0000:3d:00\.0 CAP_EXP\+8\.w=0020:00e0 /);
  });

  it("notes a match", async () => {
    const all = await doctorOf(healthyHost(), { lspci: lspciText({ pfMps: 256, bridgeMps: 256 }) });
    expect(findings(all, "mps")).toMatchObject([
      { severity: "info", message: "c6xx PF 0000:3d:00.0 MaxPayload 256 bytes, as its bridge 0000:3a:00.0" },
    ]);
  });

  it("says the PF passed through whole is how it lost the bridge's value", async () => {
    const host = healthyHost();
    host.functions = host.functions.map((f) => (f.address === PF ? { ...f, driver: "vfio-pci", numVfs: 0 } : f));
    const [finding] = findings(await doctorOf(host, { lspci: lspciText({ pfMps: 128, bridgeMps: 512 }) }), "mps");
    expect(finding?.message).toContain("it is passed through whole");
    expect(finding?.hint).toMatch(/CAP_EXP\+8\.w=0040:00e0/);
  });

  it("asks for lspci output when none is given", async () => {
    const [finding] = findings(await doctorOf(healthyHost()), "mps");
    expect(finding).toMatchObject({ severity: "info", path: "/sys/bus/pci/devices" });
    expect(finding?.hint).toContain("lspci -vvvnn > lspci.txt");
  });
});
