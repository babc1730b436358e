import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DMESG_MESSAGES } from "../../src/host/dmesg-messages.ts";
import { qatlibHost } from "./intree-layouts.ts";
import { healthyHost } from "./layouts.ts";
import { doctorOf, findings } from "./run.ts";

const DMESG = [
  "[    0.000000] Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)",
  "[    0.012345] ACPI: DMAR 0x000000006F3F9000 0002E8 (v01 INTEL  INTEL ID 00000001 INTL 20091013)",
  "[    1.234567] DMAR: IOMMU enabled",
  "[    5.100000] c6xx 0000:3d:00.0: qat_dev0 started 10 acceleration engines",
  "[   12.500000] vfio-pci 0000:3d:01.1: 8086:37c9 exists in vfio-pci device denylist, driver probing disallowed.",
  "[   30.000000] DMAR: [DMA Read NO_PASID] Request device [3d:01.2] fault addr 0x7f000000 [fault reason 0x06] PTE Read access is not set",
  "[   31.000000] pcieport 0000:3a:00.0: AER: Uncorrected (Non-Fatal) error received: 0000:3d:00.0",
  "[   31.000001] c6xx 0000:3d:00.0:    [18] MalfTLP                (First)",
  "[   31.000002] c6xx 0000:3d:00.0: PCIe Bus Error: severity=Uncorrected (Non-Fatal), type=Transaction Layer, (Receiver ID) Malformed TLP",
  "[   40.000000] QAT: Failed to start device qat_dev1",
  "[   41.000000] c6xxvf 0000:3d:01.0: Don't have enough rings for instance SSL0 in process SSL_INT_0",
  "",
].join("\n");

// One line per message of the table, in the drivers' own words (format strings filled in).
const QAT_MESSAGES: Array<[id: string, line: string]> = [
  ["qat-pf-iommu", "[    6.696886] c3xxx 0000:01:00.0: Cannot use PF with IOMMU enabled"],
  ["qat-pf-iommu", "[    7.100000] 4xxx 0000:6b:00.0: Cannot use PF with IOMMU enabled and SVM off"],
  ["qat-sriov-no-iommu", "[    7.200000] 4xxx 0000:6b:00.0: IOMMU should be enabled for SR-IOV to work correctly"],
  ["qat-services-unsupported", "[    8.000000] 4xxx 0000:6b:00.0: HW does not support the configured services!"],
  ["qat-section-missing", "[   50.000000] QAT: could not find SSL section in any config files"],
  ["qat-key-missing", "[   51.000000] c6xx 0000:3d:00.0: failed to get NumberCyInstances value from config!"],
  ["qat-sriov-value", "[    9.000000] Invalid SRIOV_Enabled value, driver is built with SRIOV."],
  [
    "qat-rings-exhausted",
    "[   41.000000] c6xxvf 0000:3d:01.0: Don't have enough rings for instance SSL0 in process SSL_INT_0",
  ],
  ["qat-services-profile", "[    9.500000] c6xx 0000:3d:00.0: Invalid ServicesEnabled cy;dc for ServicesProfile: 2"],
  ["qat-device-unusable", "[   99.000000] c6xx 0000:3d:00.0: Can't recover from device error"],
  ["qat-device-unusable", "[   99.500000] c6xx 0000:3d:00.0: Restart device failed. Device is unusable."],
  ["qat-ae-inactive", "[   10.000000] QAT: AE3 is inactive!!"],
  [
    "qat-firmware-missing",
    "[   11.000000] 4xxx 0000:6b:00.0: Direct firmware load for qat_4xxx.bin failed with error -2",
  ],
  ["qat-firmware-load", "[   11.000001] 4xxx 0000:6b:00.0: Failed to load MMP firmware qat_4xxx_mmp.bin"],
  ["qat-firmware-load", "[   11.000002] c6xx 0000:3d:00.0: Failed to load UOF"],
  ["qat-firmware-load", "[   11.000003] c6xx 0000:3d:00.0: Failed to load acceleration FW"],
  ["qat-reconfigure-up", "[   60.000000] 4xxx 0000:6b:00.0: Device qat_dev0 must be down to reconfigure the service."],
];
// A QAT line that says it failed but names no cause this table knows.
const UNKNOWN = "[   70.000000] 4xxx 0000:6b:00.0: Failed to send admin msg to accelerator";
const QAT_DMESG = [...QAT_MESSAGES.map(([, line]) => line), UNKNOWN, ""].join("\n");

const idOf = (message: string): string | undefined => /\[([\w-]+)\]:/.exec(message)?.[1];

describe("the dmesg check", () => {
  it("finds vfio refusals, IOMMU faults, malformed TLPs and QAT driver errors, each at its line", async () => {
    const found = findings(await doctorOf(healthyHost(), { dmesg: DMESG }), "dmesg");
    expect(found.map((d) => [d.range.start.line, d.severity, d.message.split(":")[0]])).toEqual([
      [5, "error", "vfio-pci refused a device on its denylist [vfio-denylist]"],
      [6, "warning", "the IOMMU blocked a DMA (a device used an address not mapped for it) [iommu-fault]"],
      [9, "warning", "a PCIe Malformed TLP error, the symptom of a MaxPayload mismatch [malformed-tlp]"],
      [10, "warning", "QAT driver error"],
      [11, "error", "the sections' instances, times NumProcesses, need more rings than the device (or VF) has"],
    ]);
    expect(found[3]?.message).toBe("QAT driver error: QAT: Failed to start device qat_dev1");
    expect(found[0]?.hint).toContain("disable_denylist=1");
    expect(found.every((d) => d.path.endsWith("dmesg.txt"))).toBe(true);
  });

  it("explains each QAT driver message with a known cause by its own id, at its line; the rest stay generic", async () => {
    const found = findings(await doctorOf(healthyHost(), { dmesg: QAT_DMESG }), "dmesg");
    expect(found.map((d) => [d.range.start.line, idOf(d.message)])).toEqual([
      ...QAT_MESSAGES.map(([id], i) => [i + 1, id]),
      [QAT_MESSAGES.length + 1, undefined],
    ]);
    expect(found.at(-1)?.message).toBe(`QAT driver error: ${UNKNOWN.replace(/^\[[^\]]*\]\s*/, "")}`);
    const line = QAT_MESSAGES[0]?.[1] ?? "";
    expect(found[0]?.range.end.column).toBe(line.length + 1);
    // The out-of-tree host gets adf_ctl and /etc/<device>_devN.conf in its fixes.
    expect(found.find((d) => idOf(d.message) === "qat-services-unsupported")?.hint).toContain("ServicesEnabled");
    expect(found.find((d) => idOf(d.message) === "qat-ae-inactive")?.hint).toContain("adf_ctl restart");
    expect(found.find((d) => idOf(d.message) === "qat-ae-inactive")?.severity).toBe("error");
  });

  it("knows the lines of every device the table has (6xxx, 420xx VFs), and no other device's", async () => {
    const lines = [
      "[   80.000000] 6xxx 0000:6b:00.0: Failed to send admin msg to accelerator",
      "[   81.000000] 420xxvf 0000:6b:01.0: timeout waiting for the PF",
      "[   82.000000] ixgbe 0000:5e:00.0: failed to load firmware",
      "",
    ].join("\n");
    const found = findings(await doctorOf(healthyHost(), { dmesg: lines }), "dmesg");
    expect(found.map((d) => d.range.start.line)).toEqual([1, 2]);
  });

  it("gives the in-tree driver's commands on a host the in-tree driver runs", async () => {
    const found = findings(await doctorOf(qatlibHost(), { dmesg: QAT_DMESG }), "dmesg");
    const hint = (id: string): string | undefined => found.find((d) => idOf(d.message) === id)?.hint;
    expect(hint("qat-ae-inactive")).toContain("qat/state");
    expect(hint("qat-ae-inactive")).not.toContain("adf_ctl");
    expect(hint("qat-reconfigure-up")).toContain("echo down > /sys/bus/pci/devices/<BDF>/qat/state");
    expect(hint("qat-firmware-missing")).toContain("linux-firmware");
  });

  it("has a unique id for each message, each pattern matches its own format string, and the page lists them all", () => {
    const ids = DMESG_MESSAGES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const page = readFileSync(resolve(import.meta.dirname, "../../docs/doctor/dmesg.md"), "utf8");
    const listed = [...page.matchAll(/^- `([\w-]+)` \(/gm)].map((m) => m[1]);
    expect(listed).toEqual(ids);
    for (const [id] of QAT_MESSAGES) expect(ids).toContain(id);
    for (const m of DMESG_MESSAGES.filter((e) => e.id.startsWith("qat-"))) {
      // The format string with its conversions filled in is a line the pattern must know.
      const filled = m.format.split(" / ")[0]?.replace(/%s/g, "qat_4xxx.bin").replace(/%d/g, "3") ?? "";
      expect(m.test.test(filled), `${m.id}: ${filled}`).toBe(true);
    }
  });

  it("reports nothing without a saved dmesg", async () => {
    expect(findings(await doctorOf(healthyHost()), "dmesg")).toEqual([]);
  });
});
