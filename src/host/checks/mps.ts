import { setMpsCommand } from "../commands.ts";
import { label, VFIO_DRIVERS } from "../inventory.ts";
import { type LspciFunction, parseLspci } from "../lspci.ts";
import type { HostCheck } from "../types.ts";

/**
 * A PF's PCIe Max_Payload_Size (DevCtl) must equal its upstream bridge's. Giving a PF to a guest
 * whole and taking it back (a function-level reset on the way) can leave it at another value than
 * the bridge; TLPs larger than a receiver's MPS are malformed, and the device or the port errors.
 */
export const mps: HostCheck = {
  id: "mps",
  defaultSeverity: "warning",
  description: "A QAT PF's MaxPayload (DevCtl) equals its upstream bridge's, from lspci -vvvnn output",
  check({ host, inventory, report }) {
    if (inventory.isGuest || inventory.pfs.length === 0) return;
    if (host.lspci === undefined) {
      report({
        path: "/sys/bus/pci/devices",
        severity: "info",
        message: "MaxPayload of the QAT PFs not checked: no lspci output given",
        hint: "lspci -vvvnn > lspci.txt (as root, or DevCtl is hidden), then qatconf doctor --lspci lspci.txt",
      });
      return;
    }
    const lspci = parseLspci(host.lspci.text);
    const at = (fn: LspciFunction): string => `${host.lspci?.path}:${fn.mpsSetLine ?? fn.line}`;
    for (const pf of inventory.pfs) {
      const path = pf.pci.sysfsPath;
      const own = lspci.get(pf.pci.address);
      const bridge = pf.pci.upstream === undefined ? undefined : lspci.get(pf.pci.upstream);
      if (own?.mpsSet === undefined || bridge?.mpsSet === undefined) {
        const missing = own?.mpsSet === undefined ? pf.pci.address : (pf.pci.upstream ?? "its upstream bridge");
        report({
          path,
          severity: "info",
          message: `MaxPayload of ${label(pf)} not checked: ${host.lspci.path} shows no DevCtl MaxPayload for ${missing}`,
          hint: "run lspci -vvvnn as root: unprivileged lspci cannot read the PCIe capability",
        });
        continue;
      }
      if (own.mpsSet === bridge.mpsSet) {
        report({
          path,
          severity: "info",
          message: `${label(pf)} MaxPayload ${own.mpsSet} bytes, as its bridge ${bridge.address}`,
        });
        continue;
      }
      const fix = setMpsCommand(pf.pci.address, bridge.mpsSet);
      report({
        path,
        message: `${label(pf)} MaxPayload is ${own.mpsSet} bytes (${at(own)}) but its bridge ${bridge.address} uses ${bridge.mpsSet} bytes (${at(bridge)})${pf.pci.driver !== undefined && VFIO_DRIVERS.has(pf.pci.driver) ? "; it is passed through whole, which is how it loses the bridge's value" : ""}`,
        hint: fix
          ? `${fix} (restores MaxPayload ${bridge.mpsSet} bytes; after the PF comes back from a guest, run it before the QAT driver binds)`
          : `set its MaxPayload to the bridge's ${bridge.mpsSet} bytes`,
      });
    }
  },
};
