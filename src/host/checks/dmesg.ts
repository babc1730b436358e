import type { Severity } from "../../diagnostics.ts";
import { linesWithOffsets, rangeAt } from "../text-range.ts";
import type { HostCheck } from "../types.ts";

interface Pattern {
  test: RegExp;
  severity: Severity;
  what: string;
  hint: string;
}

// QAT drivers name themselves after the device type (c6xx, 4xxxvf, ...) or as QAT/qat in messages.
const QAT_SOURCE =
  /\b(?:qat\w*|intel_qat|c6xx(?:vf)?|c3xxx(?:vf)?|dh895xcc(?:vf)?|200xx(?:vf)?|d15xx(?:vf)?|c4xxx(?:vf)?|4xxx(?:vf)?|420xx(?:vf)?)\b/i;

const PATTERNS: Pattern[] = [
  {
    test: /exists in vfio-pci device denylist/,
    severity: "error",
    what: "vfio-pci refused a device on its denylist",
    hint: "echo 'options vfio-pci disable_denylist=1' > /etc/modprobe.d/vfio-qat.conf && modprobe -r vfio-pci && modprobe vfio-pci",
  },
  {
    test: /DMAR: \[DMA (?:Read|Write)|DMAR: DRHD: handling fault|AMD-Vi: Event logged \[IO_PAGE_FAULT/,
    severity: "warning",
    what: "the IOMMU blocked a DMA (a device used an address not mapped for it)",
    hint: "check which device the fault names; a VF faulting in a guest usually means its driver was built for the host (--enable-icp-sriov=guest in the guest)",
  },
  {
    test: /Malformed TLP/i,
    severity: "warning",
    what: "a PCIe Malformed TLP error, the symptom of a MaxPayload mismatch",
    hint: "qatconf doctor --lspci FILE compares the QAT PFs' MaxPayload with their bridges'",
  },
];

const QAT_ERROR = /\b(?:fail(?:ed|ure)?|error|not enough|don't have|unable|timeout)\b/i;

/** Known trouble in a saved `dmesg`: vfio refusals, IOMMU faults, malformed TLPs, QAT driver errors. */
export const dmesg: HostCheck = {
  id: "dmesg",
  defaultSeverity: "warning",
  description: "The saved dmesg shows no vfio-pci refusal, IOMMU fault, malformed TLP or QAT driver error",
  check({ host, inventory, report }) {
    if (host.dmesg === undefined) return;
    const { path, text } = host.dmesg;
    // Name the state command of the driver in charge: adf_ctl exists only with the out-of-tree package.
    const states = inventory.inTreeHost
      ? "cat /sys/bus/pci/devices/<BDF>/qat/state shows each in-tree device's state (QAT 2.0 and later)"
      : "adf_ctl status shows each device's state";
    for (const { text: line, offset } of linesWithOffsets(text)) {
      const known = PATTERNS.find((p) => p.test.test(line));
      const qat = known === undefined && QAT_SOURCE.test(line) && QAT_ERROR.test(line);
      if (!known && !qat) continue;
      const message = line.replace(/^\[\s*[\d.]+\]\s*/, "").trim();
      report({
        path,
        range: rangeAt(text, offset, offset + line.length),
        severity: known?.severity ?? "warning",
        message: known ? `${known.what}: ${message}` : `QAT driver error: ${message}`,
        hint: known?.hint ?? `${states}; the message names the device and the failing step`,
      });
    }
  },
};
