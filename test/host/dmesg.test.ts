import { describe, expect, it } from "vitest";
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

describe("the dmesg check", () => {
  it("finds vfio refusals, IOMMU faults, malformed TLPs and QAT driver errors, each at its line", async () => {
    const found = findings(await doctorOf(healthyHost(), { dmesg: DMESG }), "dmesg");
    expect(found.map((d) => [d.range.start.line, d.severity, d.message.split(":")[0]])).toEqual([
      [5, "error", "vfio-pci refused a device on its denylist"],
      [6, "warning", "the IOMMU blocked a DMA (a device used an address not mapped for it)"],
      [9, "warning", "a PCIe Malformed TLP error, the symptom of a MaxPayload mismatch"],
      [10, "warning", "QAT driver error"],
      [11, "warning", "QAT driver error"],
    ]);
    expect(found[3]?.message).toBe("QAT driver error: QAT: Failed to start device qat_dev1");
    expect(found[0]?.hint).toContain("disable_denylist=1");
    expect(found.every((d) => d.path.endsWith("dmesg.txt"))).toBe(true);
  });

  it("reports nothing without a saved dmesg", async () => {
    expect(findings(await doctorOf(healthyHost()), "dmesg")).toEqual([]);
  });
});
