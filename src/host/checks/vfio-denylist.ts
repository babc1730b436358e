import { plural } from "../../text/plural.ts";
import { VFIO, vfioDenylisted } from "../inventory.ts";
import type { HostCheck, QatFunction } from "../types.ts";
import { kernelArgs } from "./iommu.ts";

const MODULE_PARAMETER = "/sys/module/vfio_pci/parameters/disable_denylist";

/** QAT 1.x functions meant for guests need vfio-pci's denylist disabled. */
export const vfioDenylist: HostCheck = {
  id: "vfio-denylist",
  defaultSeverity: "warning",
  description: "vfio-pci accepts the QAT 1.x functions meant for guests (disable_denylist=1)",
  check({ host, inventory, report }) {
    if (inventory.isGuest) return;
    const waiting = inventory.qat.filter(
      (q) =>
        vfioDenylisted(q) && q.pci.driver !== VFIO && (inventory.guestsOf(q.pci.address).length > 0 || waitsForVfio(q)),
    );
    if (waiting.length === 0) return;
    const setting = host.vfioDisableDenylist;
    const onCmdline = (kernelArgs(host.cmdline).get("vfio_pci.disable_denylist") ?? []).some(
      (v) => v === "1" || v === "Y",
    );
    if (setting === "Y" || (setting === undefined && onCmdline)) return;
    const shown = waiting
      .slice(0, 3)
      .map((q) => q.pci.address)
      .join(", ");
    const more = waiting.length > 3 ? ` and ${waiting.length - 3} more` : "";
    report({
      path: MODULE_PARAMETER,
      ...(setting === "N" ? { severity: "error" as const } : {}),
      message: `${plural(waiting.length, "QAT function")} meant for guests (${shown}${more}) ${waiting.length === 1 ? "is" : "are"} on vfio-pci's device denylist, and ${setting === "N" ? "vfio-pci is loaded with disable_denylist=N" : "nothing sets vfio-pci's disable_denylist"}: vfio-pci will refuse ${waiting.length === 1 ? "it" : "them"}`,
      hint: "echo 'options vfio-pci disable_denylist=1' > /etc/modprobe.d/vfio-qat.conf && modprobe -r vfio-pci && modprobe vfio-pci (or vfio_pci.disable_denylist=1 on the kernel command line)",
    });
  },
};

/** A VF with no driver is waiting to be bound; with vfio-pci refusing it, it stays that way. */
function waitsForVfio(q: QatFunction): boolean {
  return q.isVf && q.pci.driver === undefined;
}
