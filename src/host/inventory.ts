/**
 * Facts derived once from a host snapshot and shared by doctor's checks and the VF planner: which
 * PCI functions are QAT PFs and VFs, who uses each VF (the host, vfio-pci, a guest), IOMMU groups,
 * and which /etc file the driver's `adf_ctl` reads for each device.
 */
import { parseFileName } from "../config/file-name.ts";
import { view } from "../config/view.ts";
import { deviceName, familyByPciId } from "../model/devices.ts";
import type { DeviceFamily } from "../model/types.ts";
import { environment, policyProblem } from "../qatlib/sysconfig.ts";
import { parse } from "../syntax/parse.ts";
import { parseSysconfig } from "../syntax/parse-sysconfig.ts";
import type { ConfigDocument, EntryLine } from "../syntax/tree.ts";
import { driverModule } from "./commands.ts";
import { parsePciAddress } from "./pci-address.ts";
import type {
  DeviceNode,
  GuestHostdev,
  HostConfigFile,
  HostGroup,
  HostSnapshot,
  LoadedModule,
  PciFunction,
  QatFunction,
} from "./types.ts";

/** Intel's PCI vendor ID. */
const INTEL = "8086";
/** PCI class 0x0b40: co-processor, the class QAT endpoints report. */
const COPROCESSOR_CLASS = "0b40";
/** The driver that hands a function to a guest. */
export const VFIO = "vfio-pci";
/**
 * Drivers that hand a VF to a guest or to a vfio user (qatlib, DPDK): vfio-pci, and `qat_vfio_pci`,
 * its variant for GEN4 VFs with live migration (drivers/vfio/pci/qat/, CONFIG_QAT_VFIO_PCI).
 */
export const VFIO_DRIVERS: ReadonlySet<string> = new Set([VFIO, "qat_vfio_pci"]);

/**
 * Which QAT driver runs a device: the kernel's own modules (drivers/crypto/intel/qat/), or Intel's
 * out-of-tree package (`adf_ctl`, `qat_service`), whose modules have the same names and which the
 * kernel flags `O` (out-of-tree) in /proc/modules.
 */
export type DriverStack = "in-tree" | "out-of-tree";

/** Modules only the out-of-tree package has: its user-space DMA memory driver and its API module. */
const OOT_ONLY_MODULES = new Set(["usdm_drv", "qat_api", "qat_contig_mem"]);

/** Whether a module is one of the QAT drivers' (either package). */
export function isQatModule(name: string): boolean {
  return name === "intel_qat" || name.startsWith("qat_") || OOT_ONLY_MODULES.has(name);
}

/**
 * PCI IDs Linux's vfio-pci refuses unless loaded with `disable_denylist=1`: the C3xxx, C62x and
 * DH895xCC PFs and VFs (drivers/vfio/pci/vfio_pci.c `vfio_pci_dev_in_denylist`, added in 2020).
 */
const VFIO_DENYLIST = new Set(["19e2", "19e3", "37c8", "37c9", "0435", "0443"]);

/** Whether vfio-pci refuses this function while its device denylist is on. */
export function vfioDenylisted(q: QatFunction): boolean {
  return VFIO_DENYLIST.has(q.pci.device);
}

/** Who holds a QAT function now. */
export type Holder = "host" | "vfio" | "none" | "other";

/** The configuration file adf_ctl reads for a function bound to the QAT driver. */
export interface ExpectedConfig {
  /** `/etc/c6xx_dev0.conf`. */
  path: string;
  /** The driver's per-type instance number (the N of `_devN`). */
  instance: number;
  /** The file, when /etc has it. */
  file?: HostConfigFile;
}

/** What a host snapshot says once read: built once per doctor run or plan, then only queried. */
export class Inventory {
  /** The snapshot it was built from. */
  readonly host: HostSnapshot;
  /** Recognised QAT functions, in address order. */
  readonly qat: QatFunction[];
  /** Intel co-processors whose device ID the device table does not know. */
  readonly unknown: PciFunction[];
  private readonly byAddress = new Map<string, PciFunction>();
  private readonly qatByAddress = new Map<string, QatFunction>();
  private readonly groups = new Map<string, PciFunction[]>();
  private readonly guests = new Map<string, GuestHostdev[]>();
  private readonly configs = new Map<string, ExpectedConfig>();
  private readonly documents = new Map<string, ConfigDocument>();

  constructor(host: HostSnapshot) {
    this.host = host;
    this.qat = [];
    this.unknown = [];
    for (const fn of host.pci) {
      this.byAddress.set(fn.address, fn);
      if (fn.iommuGroup !== undefined) push(this.groups, fn.iommuGroup, fn);
      if (fn.vendor !== INTEL) continue;
      const known = familyByPciId(fn.device);
      if (known) {
        const q: QatFunction = { pci: fn, family: known.family, isVf: known.isVf };
        this.qat.push(q);
        this.qatByAddress.set(fn.address, q);
      } else if (fn.classCode.startsWith(COPROCESSOR_CLASS)) this.unknown.push(fn);
    }
    for (const h of host.guestHostdevs) push(this.guests, h.address, h);
    this.numberInstances();
  }

  /** The QAT PFs, in address order. */
  get pfs(): QatFunction[] {
    return this.qat.filter((q) => !q.isVf);
  }

  /** The QAT VFs, in address order. */
  get vfs(): QatFunction[] {
    return this.qat.filter((q) => q.isVf);
  }

  /**
   * Whether this machine is a guest: QAT VFs without any QAT PF (a hypervisor shows VFs only), or
   * a CPU flagged `hypervisor` with no PF.
   */
  get isGuest(): boolean {
    return this.pfs.length === 0 && (this.vfs.length > 0 || (this.host.cpuFlags?.includes("hypervisor") ?? false));
  }

  /** Whether the kernel runs an IOMMU: units in /sys/class/iommu, or functions in IOMMU groups. */
  get iommuActive(): boolean {
    return this.host.iommuUnits.length > 0 || this.host.pci.some((f) => f.iommuGroup !== undefined);
  }

  /** Whether anything on the host is set up to give QAT functions to guests. */
  get passthroughIntended(): boolean {
    return (
      this.qat.some(
        (q) => this.holder(q) === "vfio" || (q.pci.sriovNumVfs ?? 0) > 0 || this.guestsOf(q.pci.address).length > 0,
      ) || this.host.configs.some((c) => !parseFileName(c.path)?.isVf && this.sriovEnabled(c)?.value === 1)
    );
  }

  /** The PCI function at an address (`0000:3d:01.1`), QAT or not. */
  pci(address: string): PciFunction | undefined {
    return this.byAddress.get(address);
  }

  /** The QAT function at an address. */
  qatAt(address: string): QatFunction | undefined {
    return this.qatByAddress.get(address);
  }

  /** The PF of a VF, when sysfs links them. */
  pfOf(vf: QatFunction): QatFunction | undefined {
    return vf.pci.physfn === undefined ? undefined : this.qatAt(vf.pci.physfn);
  }

  /** Every guest hostdev naming this address. */
  guestsOf(address: string): GuestHostdev[] {
    return this.guests.get(address) ?? [];
  }

  /** The other functions of the same IOMMU group. */
  groupPeers(fn: PciFunction): PciFunction[] {
    if (fn.iommuGroup === undefined) return [];
    return (this.groups.get(fn.iommuGroup) ?? []).filter((f) => f.address !== fn.address);
  }

  /** Who holds a QAT function now, from its bound driver. */
  holder(q: QatFunction): Holder {
    const driver = q.pci.driver;
    if (driver === undefined) return "none";
    if (VFIO_DRIVERS.has(driver)) return "vfio";
    return hostDriverNames(q.family, q.isVf).includes(driver) ? "host" : "other";
  }

  /** The file adf_ctl reads for a function the QAT driver holds; undefined for others. */
  expectedConfig(q: QatFunction): ExpectedConfig | undefined {
    return this.configs.get(q.pci.address);
  }

  /** A configuration file parsed once, for every check that reads or lints it. */
  document(file: HostConfigFile): ConfigDocument {
    let doc = this.documents.get(file.path);
    if (!doc) {
      doc = parse(file.text, { fileName: file.path });
      this.documents.set(file.path, doc);
    }
    return doc;
  }

  /** `SRIOV_Enabled` of a file's [GENERAL] section as the driver reads it, with its line. */
  sriovEnabled(file: HostConfigFile): { value: number | undefined; entry: EntryLine } | undefined {
    const general = view(this.document(file)).merged("GENERAL");
    const entry = general?.entry("SRIOV_Enabled");
    return entry && general ? { value: general.number("SRIOV_Enabled"), entry } : undefined;
  }

  /** The QAT module /proc/modules shows for a function's driver (its own, else `intel_qat`). */
  module(q: QatFunction): LoadedModule | undefined {
    const modules = this.host.modules ?? [];
    const own = driverModule(q.family, q.isVf);
    return modules.find((m) => m.name === own) ?? modules.find((m) => m.name === "intel_qat");
  }

  /**
   * Which driver runs a function held by a QAT driver: its module's `O` flag says, else the in-tree
   * driver's `qat/` folder (GEN4 and later), else an out-of-tree-only module; undefined when nothing
   * tells (no /proc/modules, no QAT module loaded).
   */
  driverStack(q: QatFunction): DriverStack | undefined {
    const m = this.module(q);
    if (m) return m.outOfTree ? "out-of-tree" : "in-tree";
    if (q.pci.inTreeQatSysfs) return "in-tree";
    if ((this.host.modules ?? []).some((x) => OOT_ONLY_MODULES.has(x.name))) return "out-of-tree";
    return undefined;
  }

  /** Whether every QAT PF of the host (there is at least one) runs the in-tree driver. */
  get inTreeHost(): boolean {
    const pfs = this.pfs;
    return pfs.length > 0 && pfs.every((pf) => this.driverStack(pf) === "in-tree");
  }

  /** Whether Intel's out-of-tree package is installed or running (its init script, or its modules). */
  get outOfTreeInstalled(): boolean {
    return (
      this.host.ootService !== undefined ||
      (this.host.modules ?? []).some((m) => isQatModule(m.name) && (m.outOfTree || OOT_ONLY_MODULES.has(m.name)))
    );
  }

  /** Whether qatlib's service is installed: a `qat.service` running qatmgr, or its /etc/sysconfig/qat. */
  get qatlibInstalled(): boolean {
    const q = this.host.qatlib;
    return (q?.unit?.text.includes("qatmgr") ?? false) || q?.sysconfig !== undefined;
  }

  /** qatlib's `/etc/sysconfig/qat`, parsed once. */
  qatlibDocument(): ConfigDocument | undefined {
    const file = this.host.qatlib?.sysconfig;
    if (!file) return undefined;
    let doc = this.documents.get(file.path);
    if (!doc) {
      doc = parseSysconfig(file.text, { fileName: file.path });
      this.documents.set(file.path, doc);
    }
    return doc;
  }

  /**
   * The POLICY qatmgr runs with: the file's last POLICY line (systemd keeps the last), 0 when there
   * is none, `undefined` when qatmgr refuses the value ("Invalid policy", see {@link policyProblem}).
   */
  get qatlibPolicy(): number | undefined {
    const doc = this.qatlibDocument();
    const value = doc ? environment(doc).get("POLICY") : undefined;
    if (value === undefined) return 0;
    return policyProblem(value) === undefined ? Number(value.trim()) : undefined;
  }

  /**
   * The PF qatlib counts a VF under: its physfn on a host; in a guest, where there is none, its
   * domain and bus (qat_mgr.h `PF(bdf)`).
   */
  qatlibPf(vf: QatFunction): string {
    if (vf.pci.physfn) return vf.pci.physfn;
    const p = parsePciAddress(vf.pci.address);
    const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
    return p ? `${hex(p.domain, 4)}:${hex(p.bus, 2)}` : vf.pci.address;
  }

  /** The group qat_init.sh gives the VFs' /dev/vfio nodes: `QAT_USER_GROUP` of the file, else `qat`. */
  get qatlibGroupName(): string {
    const doc = this.qatlibDocument();
    return (doc ? environment(doc).get("QAT_USER_GROUP") : undefined) || "qat";
  }

  /** That group in /etc/group, when the host has it. */
  get qatlibGroup(): HostGroup | undefined {
    const name = this.qatlibGroupName;
    return this.host.groups?.find((g) => g.name === name);
  }

  /** The `/dev/vfio/<group>` node of a function, when there is one. */
  vfioNode(fn: PciFunction): DeviceNode | undefined {
    return fn.iommuGroup === undefined ? undefined : this.host.vfioNodes?.find((n) => n.name === fn.iommuGroup);
  }

  /**
   * Whether qatlib on this host uses a VF: on a vfio driver, named by no guest, and either its
   * /dev/vfio node belongs to qatlib's group (qat_init.sh's chown) or qat.service is enabled and
   * its PF runs the in-tree driver (qat_init.sh binds every VF of such a PF to vfio-pci for qatlib).
   */
  usedByQatlib(vf: QatFunction): boolean {
    if (this.holder(vf) !== "vfio" || this.guestsOf(vf.pci.address).length > 0) return false;
    const node = this.vfioNode(vf.pci);
    const group = this.qatlibGroup;
    if (node && group && node.gid === group.gid) return true;
    const pf = this.pfOf(vf);
    return (
      this.qatlibInstalled &&
      (this.host.qatlib?.enabled ?? false) &&
      pf !== undefined &&
      this.driverStack(pf) === "in-tree"
    );
  }

  /**
   * adf_ctl opens `/etc/<name>_dev<instance>.conf` where `instance` counts the functions of one
   * device type in the order the driver probed them (`hw_data->instance_id`); probing follows PCI
   * enumeration, so address order is the driver's order. VFs bound to vfio-pci get no number.
   */
  private numberInstances(): void {
    const counters = new Map<string, number>();
    for (const q of this.qat) {
      // The in-tree driver reads no /etc file: only the out-of-tree package's adf_ctl does.
      if (this.holder(q) !== "host" || this.driverStack(q) === "in-tree") continue;
      const name = deviceName(q.family, q.isVf);
      const instance = counters.get(name) ?? 0;
      counters.set(name, instance + 1);
      const path = `/etc/${name}_dev${instance}.conf`;
      const file = this.host.configs.find((c) => c.path === path);
      this.configs.set(q.pci.address, file ? { path, instance, file } : { path, instance });
    }
  }
}

/** Names of the QAT host drivers that may hold a function of this family. */
export function hostDriverNames(family: DeviceFamily, isVf: boolean): string[] {
  // QAT 1.5's out-of-tree package registers one driver for every device (icp_qa_al, inferred).
  const legacy = family.generation === "1.5" ? [isVf ? "icp_qa_al_vf" : "icp_qa_al"] : [];
  return [deviceName(family, isVf), ...legacy];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How messages name a function: `c6xx PF 0000:3d:00.0`, `c6xxvf VF 0000:3d:01.1`. */
export function label(q: QatFunction): string {
  return `${deviceName(q.family, q.isVf)} ${q.isVf ? "VF" : "PF"} ${q.pci.address}`;
}
