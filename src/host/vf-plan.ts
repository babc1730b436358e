/**
 * `planVfs`: gives free QAT VFs to guests. A VF is free when the host does not use it (its own
 * driver, or qatlib on the host), no guest definition names it, vfio-pci holds it or can take it,
 * and its IOMMU group is its own. VFs are spread across PFs and NUMA nodes: each guest takes from
 * the PFs (then nodes) it has least of, and among those from the ones that gave least so far.
 *
 * What the guest runs decides the rest ({@link GuestStack}): the out-of-tree package's VF driver
 * reads a `<device>vf_devN.conf`, which the plan writes; qatlib reads none, but needs each host PF's
 * VFs together on a guest bus of their own (see guest-layout.ts), which the plan's XML gives.
 */
import { view } from "../config/view.ts";
import type { VfConfigRequest } from "../edit/vf-config.ts";
import { vfConfig } from "../linted-edits.ts";
import { deviceName, qatlibDrives } from "../model/devices.ts";
import { pfServicesByFamily } from "../model/pf-services.ts";
import type { DeviceFamily } from "../model/types.ts";
import { plural } from "../text/plural.ts";
import { attachDeviceCommand, nodedevDetachCommand } from "./commands.ts";
import { type GuestController, QATLIB_VFS_PER_PF, qatlibLayout } from "./guest-layout.ts";
import { Inventory, label, VFIO_DRIVERS, vfioDenylisted } from "./inventory.ts";
import { type GuestPciAddress, hostdevXml } from "./libvirt-xml.ts";
import { comparePciAddresses } from "./pci-address.ts";
import type { HostSnapshot, QatFunction } from "./types.ts";

/**
 * What a guest runs on its VFs: Intel's out-of-tree package (its VF driver reads
 * `/etc/<device>vf_devN.conf`), or qatlib with vfio-pci in the guest (GEN4 and later only; no file,
 * but a guest PCI layout that keeps each host PF's VFs on a bus of their own).
 */
export type GuestStack = "out-of-tree" | "qatlib";

/** The guest stacks `--guest-stack` takes. */
export const GUEST_STACKS: readonly GuestStack[] = ["out-of-tree", "qatlib"];

/** What the plan is asked beside the guests. */
export interface PlanOptions extends Pick<VfConfigRequest, "driver" | "pfServices"> {
  /** What the guests run; default `out-of-tree`. */
  guestStack?: GuestStack;
}

/** How many VFs one guest asks for. */
export interface GuestRequest {
  guest: string;
  count: number;
}

/** A VF given to a guest, and what the guest needs for it. */
export interface PlannedVf {
  vf: QatFunction;
  /** Its PF's address, when sysfs links it. */
  pf?: string;
  /** `<hostdev>` XML for `virsh attach-device`. */
  xml: string;
  /** File name for that XML: `hostdev-0000_3d_01_1.xml`. */
  xmlFile: string;
  /** Where the VF sits in the guest, when the plan places it (qatlib guests); else libvirt picks. */
  guestAddress?: GuestPciAddress;
  /** The file name the guest's out-of-tree VF driver reads for it: `c6xxvf_dev0.conf`; none for qatlib. */
  guestConfigName?: string;
  /** That file's text, undefined when qatconf cannot write one for this family. */
  guestConfig?: string;
}

/** One guest's share. */
export interface GuestPlan {
  guest: string;
  stack: GuestStack;
  vfs: PlannedVf[];
  /** PCI controllers to add first, one per host PF (qatlib guests); empty otherwise. */
  controllers: GuestController[];
}

/** A VF that is not free, and why. */
export interface ExcludedVf {
  vf: QatFunction;
  reason: string;
}

/** The planner's answer. */
export type VfPlan =
  | { ok: true; guests: GuestPlan[]; free: number; excluded: ExcludedVf[]; notes: string[] }
  | {
      ok: false;
      free: number;
      asked: number;
      excluded: ExcludedVf[];
      notes: string[];
      /** Why, when enough VFs are free but they cannot be shared as asked. */
      reason?: string;
    };

const NAME = /^[A-Za-z0-9][\w.+-]*$/;

/**
 * Parses `--guests vm1=2,vm2=1`. Throws an Error naming the bad part (a usage error): a guest name
 * must be usable as a file name, each count a positive integer, each guest named once.
 */
export function parseGuestRequests(text: string): GuestRequest[] {
  return checkedRequests(
    text.split(",").map((part) => {
      const m = /^([^=]+)=(\d+)$/.exec(part.trim());
      return { guest: m?.[1]?.trim() ?? "", count: Number(m?.[2]), part: part.trim() };
    }),
  );
}

/**
 * The requests, or an Error naming the first bad one. The guest's name becomes a folder of the
 * plan's output and a word of attach.sh, so one from a library caller is held to the same rule as
 * `--guests`: no `/`, no newline, nothing a shell or a path would read as more than a name.
 */
function checkedRequests(requests: ReadonlyArray<GuestRequest & { part?: string }>): GuestRequest[] {
  const out: GuestRequest[] = [];
  for (const { guest, count, part = `${guest}=${count}` } of requests) {
    if (!NAME.test(guest)) throw new Error(`'${part}' is not NAME=COUNT (NAME: letters, digits, . _ + -)`);
    if (!Number.isSafeInteger(count) || count < 1) throw new Error(`'${part}': the count must be 1 or more`);
    if (out.some((r) => r.guest === guest)) throw new Error(`guest '${guest}' is named twice`);
    out.push({ guest, count });
  }
  return out;
}

/** Splits the host's QAT VFs into free ones and the others, with the reason for each. */
export function freeVfs(inventory: Inventory): { free: QatFunction[]; excluded: ExcludedVf[] } {
  const free: QatFunction[] = [];
  const excluded: ExcludedVf[] = [];
  for (const vf of inventory.vfs) {
    const reason = whyNotFree(inventory, vf);
    if (reason === undefined) free.push(vf);
    else excluded.push({ vf, reason });
  }
  return { free, excluded };
}

function whyNotFree(inventory: Inventory, vf: QatFunction): string | undefined {
  const guests = inventory.guestsOf(vf.pci.address);
  if (guests.length > 0) return `already given to guest ${[...new Set(guests.map((g) => g.guest))].join(", ")}`;
  const holder = inventory.holder(vf);
  if (holder === "host") return `used by the host (driver ${vf.pci.driver})`;
  if (inventory.usedByQatlib(vf)) {
    return `used by qatlib on this host (qat_init.sh binds its PF's VFs to ${vf.pci.driver} for qatmgr)`;
  }
  if (holder === "other" && vf.pci.driver !== "pci-stub") return `held by driver ${vf.pci.driver}`;
  const peers = inventory.groupPeers(vf.pci).filter((p) => !p.classCode.startsWith("0604"));
  if (peers.length > 0) {
    return `shares IOMMU group ${vf.pci.iommuGroup} with ${peers.map((p) => p.address).join(", ")}: vfio gives a group to one guest whole`;
  }
  return undefined;
}

/**
 * Plans VFs for the guests asked, or says how many are free when they are too few. Throws an Error,
 * as {@link parseGuestRequests} does, for a guest name that could not be a folder or a shell word.
 */
export function planVfs(host: HostSnapshot, guestRequests: readonly GuestRequest[], options: PlanOptions = {}): VfPlan {
  const requests = checkedRequests(guestRequests);
  const stack = options.guestStack ?? "out-of-tree";
  const inventory = new Inventory(host);
  const { free, excluded } = usableVfs(freeVfs(inventory), stack);
  const configs = stack === "qatlib" ? new Map() : guestVfConfigs(free, inventory, host, options);
  const notes = planNotes(inventory, free, configs);
  const asked = requests.reduce((n, r) => n + r.count, 0);
  if (asked > free.length) return { ok: false, free: free.length, asked, excluded, notes };
  const pool = new Pool(free, stack === "qatlib" ? QATLIB_VFS_PER_PF : Number.POSITIVE_INFINITY);
  const guests: GuestPlan[] = [];
  for (const r of requests) {
    const taken = pool.takeAll(r.count);
    if (taken === undefined) {
      const reason = `guest ${r.guest} cannot get ${plural(r.count, "VF")} with at most ${QATLIB_VFS_PER_PF} of one PF (a qatlib guest keeps each PF's VFs in one PCI slot)`;
      return { ok: false, free: free.length, asked, excluded, notes, reason };
    }
    guests.push(
      stack === "qatlib" ? qatlibShare(inventory, r.guest, taken, notes) : outOfTreeShare(r.guest, taken, configs),
    );
  }
  return { ok: true, guests, free: free.length, excluded, notes };
}

/** A qatlib guest takes only VFs qatlib drives: the others stay out, with the reason. */
function usableVfs(
  split: { free: QatFunction[]; excluded: ExcludedVf[] },
  stack: GuestStack,
): { free: QatFunction[]; excluded: ExcludedVf[] } {
  if (stack !== "qatlib") {
    // An out-of-tree guest needs the package's VF driver, which no package has for an in-tree-only family.
    const outOfTree = split.free.filter((vf) => !vf.family.inTreeOnly);
    const inTreeOnly = split.free
      .filter((vf) => vf.family.inTreeOnly)
      .map((vf) => ({
        vf,
        reason: `no out-of-tree package drives ${vf.family.id} VFs (a guest runs qatlib on them: --guest-stack qatlib)`,
      }));
    return { free: outOfTree, excluded: [...split.excluded, ...inTreeOnly] };
  }
  const free = split.free.filter((vf) => qatlibDrives(vf.family));
  const refused = split.free
    .filter((vf) => !qatlibDrives(vf.family))
    .map((vf) => ({
      vf,
      reason: `qatlib does not drive ${vf.family.id} VFs (it supports 4xxx, 401xx, 402xx, 420xx and 6xxx; for QAT 1.x give the guest the out-of-tree package: --guest-stack out-of-tree)`,
    }));
  return { free, excluded: [...split.excluded, ...refused] };
}

function outOfTreeShare(guest: string, taken: readonly QatFunction[], configs: GuestConfigs): GuestPlan {
  const perName = new Map<string, number>();
  const vfs = taken.map((vf) => {
    const name = deviceName(vf.family, true);
    const n = perName.get(name) ?? 0;
    perName.set(name, n + 1);
    const config = configs.get(vf.family)?.text;
    const pf = vf.pci.physfn;
    return {
      vf,
      ...(pf === undefined ? {} : { pf }),
      xml: hostdevXml(vf.pci.address),
      xmlFile: xmlFileName(vf),
      // Inside the guest the VF driver numbers its VFs from 0 in the order they appear.
      guestConfigName: `${name}_dev${n}.conf`,
      ...(config === undefined ? {} : { guestConfig: config }),
    };
  });
  return { guest, stack: "out-of-tree", vfs, controllers: [] };
}

function qatlibShare(inventory: Inventory, guest: string, taken: readonly QatFunction[], notes: string[]): GuestPlan {
  const domain = inventory.host.guestDomains?.find((d) => d.guest === guest);
  // A VF whose PF sysfs does not link is its own group: it cannot share a bus it cannot be shown to belong to.
  const layout = qatlibLayout(
    guest,
    taken.map((vf) => ({ address: vf.pci.address, pf: vf.pci.physfn ?? vf.pci.address })),
    domain,
  );
  notes.push(...layout.notes);
  // VFs given before sit where libvirt or an earlier plan put them: a new bus for the same PF is
  // another PF to qatlib, which then spreads a process over what it takes for two.
  const before = new Set(
    inventory.host.guestHostdevs
      .filter((h) => h.guest === guest)
      .flatMap((h) => {
        const vf = inventory.qatAt(h.address);
        const pf = vf === undefined ? undefined : vf.pci.physfn;
        return pf === undefined ? [] : [pf];
      }),
  );
  for (const c of layout.controllers.filter((c) => before.has(c.pf))) {
    notes.push(
      `guest ${guest} already has VFs of PF ${c.pf}: the new ones go on guest bus ${c.index}, which qatlib counts as another PF; for one PF on one bus, detach the old ones and plan them all together`,
    );
  }
  const vfs = [...taken]
    .sort((a, b) => comparePciAddresses(a.pci.address, b.pci.address))
    .map((vf) => {
      const pf = vf.pci.physfn;
      const guestAddress = layout.addresses.get(vf.pci.address);
      return {
        vf,
        ...(pf === undefined ? {} : { pf }),
        xml: hostdevXml(vf.pci.address, guestAddress),
        xmlFile: xmlFileName(vf),
        ...(guestAddress === undefined ? {} : { guestAddress }),
      };
    });
  return { guest, stack: "qatlib", vfs, controllers: layout.controllers };
}

function xmlFileName(vf: QatFunction): string {
  return `hostdev-${vf.pci.address.replace(/[:.]/g, "_")}.xml`;
}

/** Free VFs by PF, handing out the one that spreads a guest's VFs best. */
class Pool {
  private readonly byPf = new Map<string, QatFunction[]>();
  private readonly givenByPf = new Map<string, number>();
  private readonly givenByNode = new Map<number, number>();
  private readonly perPf: number;

  /** `perPf`: the most VFs of one PF a guest may take. */
  constructor(free: readonly QatFunction[], perPf: number) {
    this.perPf = perPf;
    for (const vf of [...free].sort((a, b) => comparePciAddresses(a.pci.address, b.pci.address))) {
      const key = this.pfKey(vf);
      this.byPf.set(key, [...(this.byPf.get(key) ?? []), vf]);
    }
  }

  /** `count` VFs for one guest, or undefined when the per-PF limit leaves too few. */
  takeAll(count: number): QatFunction[] | undefined {
    const taken: QatFunction[] = [];
    for (let i = 0; i < count; i++) {
      const vf = this.take(taken);
      if (vf === undefined) return undefined;
      taken.push(vf);
    }
    return taken;
  }

  /** The next VF for a guest that already has `mine`. */
  private take(mine: readonly QatFunction[]): QatFunction | undefined {
    const count = <K>(items: readonly QatFunction[], key: (vf: QatFunction) => K, k: K): number =>
      items.filter((vf) => key(vf) === k).length;
    let best: { key: string; score: number[] } | undefined;
    for (const [key, vfs] of this.byPf) {
      const first = vfs[0];
      const own = count(mine, (vf) => this.pfKey(vf), key);
      if (first === undefined || own >= this.perPf) continue;
      const node = first.pci.numaNode;
      const score = [
        own,
        count(mine, (vf) => vf.pci.numaNode, node),
        this.givenByNode.get(node) ?? 0,
        this.givenByPf.get(key) ?? 0,
      ];
      if (!best || lexLess(score, best.score)) best = { key, score };
    }
    const vf = best === undefined ? undefined : this.byPf.get(best.key)?.shift();
    if (!best || !vf) return undefined;
    this.givenByPf.set(best.key, (this.givenByPf.get(best.key) ?? 0) + 1);
    this.givenByNode.set(vf.pci.numaNode, (this.givenByNode.get(vf.pci.numaNode) ?? 0) + 1);
    return vf;
  }

  /** A VF whose PF sysfs does not link counts as a PF of its own, as qatlibShare lays it out. */
  private pfKey(vf: QatFunction): string {
    return vf.pci.physfn ?? vf.pci.address;
  }
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** What the user must know before running the plan's commands. */
function planNotes(inventory: Inventory, free: readonly QatFunction[], configs: GuestConfigs): string[] {
  const notes: string[] = [];
  if (!inventory.iommuActive) {
    notes.push("the IOMMU is off: vfio-pci cannot give these VFs to guests until it is on (see: qatconf doctor)");
  }
  const unbound = free.filter((vf) => vf.pci.driver === undefined || !VFIO_DRIVERS.has(vf.pci.driver));
  if (unbound.length > 0 && inventory.host.vfioDisableDenylist !== "Y") {
    const denied = unbound.filter(vfioDenylisted);
    if (denied.length > 0) {
      notes.push(
        `vfio-pci refuses ${denied[0] ? label(denied[0]) : "these VFs"}${denied.length > 1 ? ` and ${denied.length - 1} more` : ""} unless loaded with disable_denylist=1 (see: qatconf doctor, check vfio-denylist)`,
      );
    }
  }
  for (const [family, config] of configs) {
    if (config.refusal) notes.push(`no guest VF file for ${family.id} VFs (${config.refusal}): write it by hand`);
  }
  return notes;
}

/** The guest's VF file per family, or why there is none. */
type GuestConfigs = Map<DeviceFamily, { text?: string; refusal?: string }>;

/**
 * The guest's VF file of each family: the whole VF for the generation's default services, as
 * `qatconf vf-config` writes it. CoreAffinity 0: the one CPU every guest has, as the host cannot
 * know how many the guest gets.
 */
function guestVfConfigs(
  free: readonly QatFunction[],
  inventory: Inventory,
  host: HostSnapshot,
  model: PlanOptions,
): GuestConfigs {
  const out: GuestConfigs = new Map();
  // The VFs get their PF's ring map: the host's PF files say what the PFs run, unless told.
  const found = pfServicesByFamily(host.configs.map((c) => ({ name: c.path, view: view(inventory.document(c)) })));
  for (const family of new Set(free.map((vf) => vf.family))) {
    const pf = found.get(family.id);
    const pfServices = model.pfServices ?? (pf && "value" in pf ? pf.value : undefined);
    const result = vfConfig({
      device: family.id,
      coreAffinity: "0",
      ...(model.driver === undefined ? {} : { driver: model.driver }),
      ...(pfServices === undefined ? {} : { pfServices }),
    });
    out.set(family, result.refusal ? { refusal: result.refusal.message } : { text: result.text });
  }
  return out;
}

/**
 * The shell commands that carry out one guest's share, `dir` prefixing the XML file names: the
 * guest's new PCI controllers first (a hostdev naming their bus needs them), then per VF libvirt's
 * detach from the host and the attach.
 */
export function guestCommands(plan: GuestPlan, dir = ""): string[] {
  return [
    ...plan.controllers.map((c) => attachDeviceCommand(plan.guest, `${dir}${c.xmlFile}`)),
    ...plan.vfs.flatMap((p) => [
      nodedevDetachCommand(p.vf.pci.address),
      attachDeviceCommand(plan.guest, `${dir}${p.xmlFile}`),
    ]),
  ];
}
