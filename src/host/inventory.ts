/**
 * Facts derived once from a host snapshot and shared by doctor's checks and the VF planner: which
 * PCI functions are QAT PFs and VFs, who uses each VF (the host, vfio-pci, a guest), IOMMU groups,
 * and which /etc file the driver's `adf_ctl` reads for each device.
 */
import { parseFileName } from "../config/file-name.ts";
import { view } from "../config/view.ts";
import { deviceName, familyByPciId } from "../model/devices.ts";
import type { DeviceFamily } from "../model/types.ts";
import { parse } from "../syntax/parse.ts";
import type { ConfigDocument, EntryLine } from "../syntax/tree.ts";
import type { GuestHostdev, HostConfigFile, HostSnapshot, PciFunction, QatFunction } from "./types.ts";

/** Intel's PCI vendor ID. */
const INTEL = "8086";
/** PCI class 0x0b40: co-processor, the class QAT endpoints report. */
const COPROCESSOR_CLASS = "0b40";
/** The driver that hands a function to a guest. */
export const VFIO = "vfio-pci";

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
        (q) => q.pci.driver === VFIO || (q.pci.sriovNumVfs ?? 0) > 0 || this.guestsOf(q.pci.address).length > 0,
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
    if (driver === VFIO) return "vfio";
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

  /**
   * adf_ctl opens `/etc/<name>_dev<instance>.conf` where `instance` counts the functions of one
   * device type in the order the driver probed them (`hw_data->instance_id`); probing follows PCI
   * enumeration, so address order is the driver's order. VFs bound to vfio-pci get no number.
   */
  private numberInstances(): void {
    const counters = new Map<string, number>();
    for (const q of this.qat) {
      if (this.holder(q) !== "host") continue;
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
