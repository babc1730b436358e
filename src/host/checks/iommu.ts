import type { HostCheck, HostSnapshot } from "../types.ts";

const GRUB_HINT =
  "add intel_iommu=on iommu=pt to GRUB_CMDLINE_LINUX in /etc/default/grub, run update-grub (or grub2-mkconfig -o /boot/grub2/grub.cfg) and reboot";

/**
 * The IOMMU (Intel VT-d, AMD-Vi) must be on for vfio-pci to hand a VF to a guest. When it is off,
 * the reasons are read from the kernel command line, the IOMMU units and, when given, dmesg.
 */
export const iommu: HostCheck = {
  id: "iommu",
  defaultSeverity: "error",
  description: "The IOMMU is on (intel_iommu=on, DMAR in dmesg, /sys/class/iommu) when VFs go to guests",
  check({ host, inventory, report }) {
    if (inventory.isGuest) return;
    const path = "/sys/class/iommu";
    const args = kernelArgs(host.cmdline);
    if (inventory.iommuActive) {
      const units = host.iommuUnits.length > 0 ? host.iommuUnits.join(", ") : "no units listed";
      const cmdline = ["intel_iommu", "amd_iommu", "iommu"].flatMap((k) => args.get(k)?.map((v) => `${k}=${v}`) ?? []);
      report({
        path,
        severity: "info",
        message: `IOMMU on (${units}; kernel command line: ${cmdline.length > 0 ? cmdline.join(" ") : "no IOMMU options"})`,
      });
      return;
    }
    const { reasons, hint } = whyOff(host, args);
    report({
      path,
      ...(inventory.passthroughIntended ? {} : { severity: "info" as const }),
      message: `IOMMU off: ${reasons.join("; ")}${inventory.passthroughIntended ? "; vfio-pci cannot give VFs to guests" : " (needed only to give VFs to guests)"}`,
      hint,
    });
  },
};

/** `name=value` options of the kernel command line; a name given twice keeps both values. */
export function kernelArgs(cmdline: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const word of cmdline?.split(/\s+/) ?? []) {
    const eq = word.indexOf("=");
    if (eq <= 0) continue;
    const key = word.slice(0, eq);
    out.set(key, [...(out.get(key) ?? []), word.slice(eq + 1)]);
  }
  return out;
}

interface Explanation {
  reasons: string[];
  hint: string;
}

function whyOff(host: HostSnapshot, args: Map<string, string[]>): Explanation {
  const amd = host.cpuVendor === "AuthenticAMD";
  const unit = amd ? "the IOMMU" : "Intel VT-d";
  const fromCmdline = cmdlineReason(host, args, amd);
  const fromFirmware = firmwareReason(host, amd, unit, fromCmdline !== undefined);
  const reasons = [fromCmdline?.reason, fromFirmware?.reason, "/sys/class/iommu lists no IOMMU unit"].filter(
    (r) => r !== undefined,
  );
  // A command line that turns the IOMMU off is the first thing to fix; then the BIOS.
  const offByCmdline = fromCmdline?.off === true;
  const hint =
    (offByCmdline ? fromCmdline?.hint : (fromFirmware?.hint ?? fromCmdline?.hint)) ??
    `enable ${unit} in the BIOS setup`;
  return { reasons, hint };
}

function cmdlineReason(
  host: HostSnapshot,
  args: Map<string, string[]>,
  amd: boolean,
): { reason: string; hint: string; off: boolean } | undefined {
  const has = (key: string, value: string): boolean => (args.get(key) ?? []).some((v) => v.split(",").includes(value));
  const offBy = ["intel_iommu", "amd_iommu", "iommu"].find((k) => has(k, "off"));
  if (offBy) {
    return {
      reason: `the kernel command line sets ${offBy}=off`,
      hint: `remove ${offBy}=off from GRUB_CMDLINE_LINUX in /etc/default/grub, update the boot loader and reboot`,
      off: true,
    };
  }
  if (host.cmdline === undefined) return { reason: "/proc/cmdline is unreadable", hint: GRUB_HINT, off: false };
  if (amd || has("intel_iommu", "on")) return undefined;
  return {
    reason: "the kernel command line lacks intel_iommu=on (most kernels leave VT-d off without it)",
    hint: GRUB_HINT,
    off: false,
  };
}

function firmwareReason(
  host: HostSnapshot,
  amd: boolean,
  unit: string,
  cmdlineExplains: boolean,
): { reason: string; hint: string } | undefined {
  if (host.dmesg === undefined) {
    if (cmdlineExplains) return undefined;
    return {
      reason: `no IOMMU came up although the kernel was asked for one: ${unit} is probably off in the BIOS (pass --dmesg to tell)`,
      hint: `enable ${unit} in the BIOS setup`,
    };
  }
  const table = amd ? "IVRS" : "DMAR";
  if (new RegExp(`ACPI: ${table}`).test(host.dmesg.text)) return undefined;
  return {
    reason: `${host.dmesg.path} shows no ACPI ${table} table: ${unit} is off in the BIOS`,
    hint: `enable ${unit} in the BIOS setup${amd ? "" : `, then ${GRUB_HINT}`}`,
  };
}
