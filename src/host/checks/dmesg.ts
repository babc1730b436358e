import { allFamilies, deviceName } from "../../model/devices.ts";
import { type DmesgMessage, knownDmesgMessage } from "../dmesg-messages.ts";
import { linesWithOffsets, rangeAt } from "../text-range.ts";
import type { HostCheck } from "../types.ts";

// QAT drivers name themselves after the device type (c6xx, 4xxxvf, 6xxx, ...) or as QAT/qat in messages.
const QAT_SOURCE = new RegExp(
  `\\b(?:qat\\w*|intel_qat|${[...new Set(allFamilies().map((f) => deviceName(f, false)))].map((n) => `${n}(?:vf)?`).join("|")})\\b`,
  "i",
);

const QAT_ERROR = /\b(?:fail(?:ed|ure)?|error|not enough|don't have|unable|timeout)\b/i;

/**
 * Known trouble in a saved `dmesg`: each message of the table in `dmesg-messages.ts` with its id,
 * cause and fix; any other QAT driver line that says it failed gets the generic warning.
 */
export const dmesg: HostCheck = {
  id: "dmesg",
  defaultSeverity: "warning",
  description:
    "The saved dmesg shows no kernel message with a known cause (vfio, IOMMU, PCIe, QAT drivers) and no QAT driver error",
  check({ host, inventory, report }) {
    if (host.dmesg === undefined) return;
    const { path, text } = host.dmesg;
    const inTree = inventory.inTreeHost;
    // Name the state command of the driver in charge: adf_ctl exists only with the out-of-tree package.
    const states = inTree
      ? "cat /sys/bus/pci/devices/<BDF>/qat/state shows each in-tree device's state (QAT 2.0 and later)"
      : "adf_ctl status shows each device's state";
    for (const { text: line, offset } of linesWithOffsets(text)) {
      const known = knownDmesgMessage(line);
      if (!known && !(QAT_SOURCE.test(line) && QAT_ERROR.test(line))) continue;
      const message = line.replace(/^\[\s*[\d.]+\]\s*/, "").trim();
      const range = rangeAt(text, offset, offset + line.length);
      if (known) {
        report({
          path,
          range,
          severity: known.severity,
          message: `${known.cause} [${known.id}]: ${message}`,
          hint: fixOf(known, inTree),
        });
      } else {
        report({
          path,
          range,
          message: `QAT driver error: ${message}`,
          hint: `${states}; the message names the device and the failing step`,
        });
      }
    }
  },
};

function fixOf(known: DmesgMessage, inTree: boolean): string {
  if (typeof known.fix === "string") return known.fix;
  return inTree ? known.fix.inTree : known.fix.outOfTree;
}
