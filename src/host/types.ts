/**
 * What `qatconf doctor` and `qatconf vf-plan` know about a host: a read-only snapshot of its PCI
 * functions, IOMMU, CPU flags, configuration files and guests, taken from a live `/` or a saved copy.
 */
import type { Diagnostic, Severity } from "../diagnostics.ts";
import type { DeviceFamily } from "../model/types.ts";
import type { Range } from "../syntax/tree.ts";
import type { Inventory } from "./inventory.ts";

/** One PCI function as sysfs shows it under `/sys/bus/pci/devices/<address>`. */
export interface PciFunction {
  /** `0000:3d:00.0` (domain:bus:slot.function, lower-case hex). */
  address: string;
  /** Vendor and device IDs, 4 lower-case hex digits without `0x`. */
  vendor: string;
  device: string;
  /** Class code, 6 hex digits (`0b4000` for a QAT co-processor). */
  classCode: string;
  /** The bound driver's name (basename of the `driver` link), undefined when none is bound. */
  driver?: string;
  /** `numa_node`; -1 when the platform does not say. */
  numaNode: number;
  /** The IOMMU group number (basename of the `iommu_group` link), undefined without an IOMMU. */
  iommuGroup?: string;
  /** `sriov_totalvfs`, present only on functions with the SR-IOV capability. */
  sriovTotalVfs?: number;
  /** `sriov_numvfs`, present only on functions with the SR-IOV capability. */
  sriovNumVfs?: number;
  /** For a VF: the address its `physfn` link points to. */
  physfn?: string;
  /** For a PF: the addresses of its `virtfnN` links, in N order. */
  virtfns: string[];
  /** The bridge above it in the sysfs device hierarchy, when there is one. */
  upstream?: string;
  /** Whether the in-tree Linux driver's `qat/` attribute folder is present (it reads no /etc file). */
  inTreeQatSysfs: boolean;
  /** The in-tree driver's `qat/state` (`up`, `down`), when present. */
  qatState?: string;
  /** The in-tree driver's `qat/cfg_services` (`sym;asym`, `dc`, ...), when present. */
  cfgServices?: string;
  /** Host path of the function's sysfs folder, for messages: `/sys/bus/pci/devices/0000:3d:00.0`. */
  sysfsPath: string;
}

/** A QAT function recognised by its PCI ID, with what the device model says about it. */
export interface QatFunction {
  pci: PciFunction;
  family: DeviceFamily;
  isVf: boolean;
}

/** One configuration file found under `/etc`. */
export interface HostConfigFile {
  /** Host path (`/etc/c6xx_dev0.conf`). */
  path: string;
  text: string;
}

/** One `<hostdev>` PCI address found in a libvirt domain definition. */
export interface GuestHostdev {
  /** The domain's `<name>`. */
  guest: string;
  /** `0000:3d:01.0`. */
  address: string;
  /** Host path of the domain XML. */
  path: string;
  /** Where the `<hostdev>` element starts in that file. */
  range: Range;
}

/** What vf-plan needs of a libvirt domain definition to place devices in the guest's PCI tree. */
export interface GuestDomain {
  /** The domain's `<name>`. */
  guest: string;
  /** Host path of the domain XML. */
  path: string;
  /** `machine` of `<os><type>` (`pc-q35-7.2`, `pc-i440fx-8.0`), when the definition names one. */
  machine?: string;
  /** The `index` of each `<controller type='pci'>`: the guest's PCI bus numbers in use. */
  pciControllers: number[];
}

/** A text given on the command line (`--dmesg`, `--lspci`), with the path it was read from. */
export interface SavedText {
  path: string;
  text: string;
}

/** A kernel module of `/proc/modules`. */
export interface LoadedModule {
  name: string;
  /** `Live`, `Loading`, `Unloading`. */
  state: string;
  /** Whether the kernel flags it `O`: built outside the kernel tree (Intel's out-of-tree package). */
  outOfTree: boolean;
}

/** A group of `/etc/group`. */
export interface HostGroup {
  name: string;
  gid: number;
  members: string[];
}

/** A device node's owner group and permission bits (`/dev/vfio/N`). */
export interface DeviceNode {
  /** The node's name in its folder (`12`, `noiommu-3`). */
  name: string;
  gid: number;
  /** Permission bits (`mode & 0o777`). */
  mode: number;
}

/** What qatlib installs and reads on a host (intel/qatlib quickassist/utilities/service/). */
export interface QatlibFiles {
  /** `/etc/sysconfig/qat`, when present. */
  sysconfig?: HostConfigFile;
  /** The installed `qat.service` unit, when present (the first of the systemd unit folders). */
  unit?: HostConfigFile;
  /** Whether `qat.service` is enabled (a link in `/etc/systemd/system/multi-user.target.wants`). */
  enabled: boolean;
}

/** Everything read from a host: nothing here is written back. */
export interface HostSnapshot {
  /** The root read (`/` or a saved copy). */
  root: string;
  /** Every PCI function, sorted by address. */
  pci: PciFunction[];
  /** Entries of `/sys/class/iommu` (`dmar0`, `ivhd0`); empty when the folder is absent or empty. */
  iommuUnits: string[];
  /** `/proc/cmdline`, undefined when unreadable. */
  cmdline?: string;
  /** CPU flags from the first `flags` line of `/proc/cpuinfo`, undefined when unreadable. */
  cpuFlags?: string[];
  /** CPU vendor from `/proc/cpuinfo` (`GenuineIntel`, `AuthenticAMD`). */
  cpuVendor?: string;
  /** `/sys/module/vfio_pci/parameters/disable_denylist` (`Y`/`N`), when the module is loaded. */
  vfioDisableDenylist?: string;
  /** QAT configuration files in `/etc` (`*_dev*.conf*`), sorted by path. */
  configs: HostConfigFile[];
  /** The configuration of programs that use QAT (nginx, HAProxy, their units and environment files). */
  consumerFiles: HostConfigFile[];
  /** Logical CPUs (`processor` lines of `/proc/cpuinfo`), for nginx's `worker_processes auto`. */
  cpuCount?: number;
  /** PCI hostdevs of libvirt domains under `/etc/libvirt/qemu`. */
  guestHostdevs: GuestHostdev[];
  /** The libvirt domains under `/etc/libvirt/qemu`, for vf-plan's guest-side layout. */
  guestDomains?: GuestDomain[];
  /** Saved `dmesg` text and its path, when given. */
  dmesg?: SavedText;
  /** Saved `lspci -vvvnn` text and its path, when given. */
  lspci?: SavedText;
  /** `/proc/modules`, undefined when unreadable. */
  modules?: LoadedModule[];
  /** `/etc/group`, undefined when unreadable. */
  groups?: HostGroup[];
  /** `/dev/vfio/<group>` nodes (not `vfio` itself). */
  vfioNodes?: DeviceNode[];
  /** QAT firmware files (`qat_*`) of `/lib/firmware` and `/usr/lib/firmware`. */
  firmware?: string[];
  /** qatlib's service files. */
  qatlib?: QatlibFiles;
  /** `/etc/security/limits.conf` and `/etc/security/limits.d/*.conf`. */
  limits?: HostConfigFile[];
  /** The out-of-tree package's init script (`/etc/init.d/qat_service`), when installed. */
  ootService?: string;
}

/**
 * A doctor finding: a diagnostic plus the place it is about. `path` is a sysfs folder, a
 * configuration file or a saved text; `range` points into the file when it is one (line 1 otherwise).
 */
export interface HostDiagnostic extends Diagnostic {
  path: string;
}

/** What a host check reports: severity defaults to the check's, range to line 1 of `path`. */
export type HostReport = Omit<HostDiagnostic, "ruleId" | "severity" | "range"> & {
  severity?: Severity;
  range?: Range;
  /** Lint diagnostics surfaced by doctor keep their own rule id. */
  ruleId?: string;
};

/** A doctor check: its metadata beside its check (one file per check under `src/host/checks/`). */
export interface HostCheck {
  /** Kebab-case id, also the doc page name: `docs/doctor/<id>.md`. */
  id: string;
  /** The severity of the problem it looks for; inventory findings it also reports are `info`. */
  defaultSeverity: Severity;
  /** One line: what the check looks at. */
  description: string;
  check(context: HostCheckContext): void;
}

/** What a host check sees. */
export interface HostCheckContext {
  host: HostSnapshot;
  /** Facts derived once from the snapshot (QAT functions, guests, IOMMU groups, config files). */
  inventory: Inventory;
  report(finding: HostReport): void;
}
