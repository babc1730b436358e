/**
 * Where a qatlib guest's VFs go in the guest's PCI tree. In a guest qatlib has no `physfn` link to
 * read, so it tells the host PFs apart by the VFs' guest domain and bus (qatlib vfio_mgr_lib.c:
 * `PF(bdf)` is bus + domain << 8): the VFs of one host PF must share a guest bus, VFs of different
 * PFs must not, and the VF on function 0 of the slot sets `multifunction='on'` (qatlib INSTALL,
 * "RUNNING IN A VIRTUAL MACHINE / GUEST", 26.08). Otherwise qatlib takes VFs of two PFs, which may run
 * different services, for one PF's and hands a process the wrong instances.
 *
 * Each host PF gets a guest bus of its own, given by a PCI controller vf-plan adds after the guest's
 * last one: a `pcie-root-port` on q35 machines (its bus has the one slot 0) or a `pci-bridge` on
 * i440fx (slots 1 to 31; slot 1 is used). The VFs take functions 0 to 7 of that slot, so a qatlib
 * guest gets at most {@link QATLIB_VFS_PER_PF} VFs of one PF.
 */

import { type GuestPciAddress, type PciControllerModel, pciControllerXml } from "./libvirt-xml.ts";
import { comparePciAddresses } from "./pci-address.ts";
import type { GuestDomain } from "./types.ts";

/** The functions of one PCI slot: the most VFs of one PF a qatlib guest can take. */
export const QATLIB_VFS_PER_PF = 8;

/** A PCI controller the guest gets, to give one host PF's VFs their own bus. */
export interface GuestController {
  /** The controller's index: the guest bus number its VFs name. */
  index: number;
  model: PciControllerModel;
  /** `<controller>` XML for `virsh attach-device`. */
  xml: string;
  /** File name for that XML: `controller-pci-12.xml`. */
  xmlFile: string;
  /** The host PF whose VFs sit on this bus. */
  pf: string;
}

/** The guest-side layout of one guest's VFs. */
export interface GuestLayout {
  controllers: GuestController[];
  /** Guest-side address per VF host address. */
  addresses: Map<string, GuestPciAddress>;
  /** What the user must check: the guessed machine type or controller numbers. */
  notes: string[];
}

/** One VF to place: its host address and its PF's. */
export interface VfToPlace {
  address: string;
  pf: string;
}

/**
 * Lays out a qatlib guest's VFs: one new bus per host PF, in PF address order, functions in VF
 * address order. `domain` is the guest's definition on this host, when there is one: its machine
 * type picks the controller model and its PCI controllers the first free bus number. Callers give
 * at most {@link QATLIB_VFS_PER_PF} VFs per PF.
 */
export function qatlibLayout(guest: string, vfs: readonly VfToPlace[], domain?: GuestDomain): GuestLayout {
  const notes: string[] = [];
  const model = controllerModel(domain?.machine);
  if (domain === undefined) {
    notes.push(
      `guest ${guest} has no definition under /etc/libvirt/qemu: its VFs' buses assume a q35 machine whose PCI controllers end before index 1; check virsh dumpxml ${guest}`,
    );
  }
  let next = Math.max(0, ...(domain?.pciControllers ?? [0])) + 1;
  const byPf = new Map<string, string[]>();
  for (const vf of [...vfs].sort((a, b) => comparePciAddresses(a.address, b.address))) {
    byPf.set(vf.pf, [...(byPf.get(vf.pf) ?? []), vf.address]);
  }
  const controllers: GuestController[] = [];
  const addresses = new Map<string, GuestPciAddress>();
  for (const pf of [...byPf.keys()].sort(comparePciAddresses)) {
    const index = next++;
    controllers.push({ index, model, xml: pciControllerXml(index, model), xmlFile: `controller-pci-${index}.xml`, pf });
    const slot = model === "pci-bridge" ? 1 : 0;
    const mine = byPf.get(pf) ?? [];
    mine.forEach((address, fn) => {
      addresses.set(address, { bus: index, slot, fn, ...(fn === 0 ? { multifunction: true } : {}) });
    });
  }
  return { controllers, addresses, notes };
}

/**
 * The controller that gives a new bus on this machine type: a PCI bridge on i440fx (`pc`,
 * `pc-i440fx-*`), whose root bus takes no PCIe root port; a PCIe root port elsewhere (q35, and
 * the default when the machine is not known, as virt-install creates q35 guests).
 */
function controllerModel(machine: string | undefined): PciControllerModel {
  return machine !== undefined && /^pc(-i440fx|-\d|$)/.test(machine) ? "pci-bridge" : "pcie-root-port";
}
