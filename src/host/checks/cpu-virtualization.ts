import type { HostCheck } from "../types.ts";

/** KVM needs the CPU's virtualization extensions: the `vmx` (Intel VT-x) or `svm` (AMD-V) flag. */
export const cpuVirtualization: HostCheck = {
  id: "cpu-virtualization",
  defaultSeverity: "error",
  description: "The CPU shows the vmx (VT-x) or svm (AMD-V) flag, so KVM can run guests",
  check({ host, inventory, report }) {
    if (inventory.isGuest) return;
    const path = "/proc/cpuinfo";
    const flags = host.cpuFlags;
    if (flags === undefined) {
      report({ path, severity: "info", message: "/proc/cpuinfo is unreadable: VT-x/AMD-V not checked" });
      return;
    }
    const flag = flags.find((f) => f === "vmx" || f === "svm");
    if (flag) {
      report({
        path,
        severity: "info",
        message: `${flag === "vmx" ? "Intel VT-x" : "AMD-V"} on (CPU flag ${flag}): KVM can run guests`,
      });
      return;
    }
    const amd = host.cpuVendor === "AuthenticAMD";
    report({
      path,
      ...(inventory.passthroughIntended ? {} : { severity: "info" as const }),
      message: `the CPU shows no ${amd ? "svm" : "vmx"} flag: ${amd ? "AMD-V (SVM)" : "Intel VT-x"} is off in the BIOS, so KVM cannot run guests`,
      hint: `enable ${amd ? "SVM Mode" : "Intel Virtualization Technology (VT-x)"} in the BIOS setup, then reboot`,
    });
  },
};
