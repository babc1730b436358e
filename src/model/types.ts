/**
 * The device model's types: what a QAT device family is, what a configuration asks of it, and what
 * the ring allocator answers. Facts behind the values live in `devices.ts` with their sources.
 */
import type { SectionView } from "../config/view.ts";
import type { EntryLine, Range } from "../syntax/tree.ts";
import type { DriverPackage } from "./packages.ts";

/**
 * QAT hardware generation, as the driver distinguishes them: the out-of-tree packages' QAT 1.5 to
 * 2.0 (2.0 is the kernel's GEN4: 4xxx, 401xx, 402xx, 420xx), and the kernel's `GEN6` (6xxx), which
 * only the in-tree driver drives, so it has no package version name.
 */
export type Generation = "1.5" | "1.6" | "1.7" | "1.8" | "2.0" | "GEN6";

/** Rings and banks of one PCI function (a PF or a VF). */
export interface BankLayout {
  /** Banks (bundles) of the function. */
  banks: number;
  /** Rings per bank: the first half transmit, the second half receive. */
  ringsPerBank: number;
}

/** One device family: everything the linter and the allocator need to know about it. */
export interface DeviceFamily {
  /** The family as file names spell it: `c6xx`, `4xxx`, `dh895xcc`. */
  id: string;
  /** Other spellings seen in file names or given to `--device` (`c62x`, `d15xx`). */
  aliases: string[];
  /** Marketing name, for messages: "Intel C62x chipset". */
  name: string;
  generation: Generation;
  /** PCI device IDs (lower-case hex, vendor 8086) of the PF and of its VFs. */
  pfDeviceIds: string[];
  vfDeviceIds: string[];
  pf: BankLayout;
  /** Absent when the family has no SR-IOV VFs. */
  vf?: BankLayout;
  /** VFs a PF can expose (`sriov_totalvfs`), when known. */
  maxVfs?: number;
  /** ServicesEnabled values the driver accepts for this family (default profile), as written. */
  servicesEnabled: string[];
  /** Where these facts were read (repository and path), for doc pages and messages. */
  sources: string[];
  /**
   * Set when no out-of-tree package drives the family: only the kernel's in-tree driver does, which
   * reads no `<device>_devN.conf` (its configuration is sysfs and qatlib's /etc/sysconfig/qat), so
   * qatconf models no rings for it.
   */
  inTreeOnly?: true;
}

/**
 * The ring service an instance takes from a bank, as the driver's `enum adf_cfg_service_type` names
 * them: `cy` (CRYPTO: an asym and a sym ring pair together), `dc` (COMP), `sym`, `asym`.
 */
export type InstanceService = "cy" | "dc" | "sym" | "asym";

/** A slot of a bank's ring-to-service map: an instance service, or `na` (rings left unused). */
export type SlotService = InstanceService | "na";

/**
 * Polling mode of an instance (`CyNIsPolled`): 0 interrupt, 1 poll, 2 epoll. The driver stores any
 * number it reads; values other than these are kept as read (user instances with them fail).
 */
export type PollMode = 0 | 1 | 2;

/** The key family of an instance: `Cy<N>...` keys or `Dc<N>...` keys. */
export type InstanceKind = "cy" | "dc";

/** A count setting (`NumberCyInstances`, `NumProcesses`) and the entry it was read from. */
export interface CountSetting {
  /** The number as the driver reads it, `undefined` when the value is not a whole number. */
  value: number | undefined;
  entry: EntryLine;
}

/** One instance written in a section (`Cy0Name`, `Cy0IsPolled`, ...), before per-process copying. */
export interface InstanceDeclaration {
  kind: InstanceKind;
  /** Instance number (`Cy3` is 3). */
  index: number;
  /** Key prefix: `Cy3`, `Dc0`. */
  label: string;
  /** The section that declares it. */
  section: string;
  /** Whether its number is below the section's NumberCyInstances/NumberDcInstances: the driver creates it. */
  counted: boolean;
  /** Its keys by suffix (`Name`, `IsPolled`, `CoreAffinity`, `AcceleratorNumber`), first entry of each. */
  keys: ReadonlyMap<string, EntryLine>;
  /** `CyNName` as the driver reads it. */
  name?: string;
  /** `CyNIsPolled` as a number, `undefined` when absent or not a whole number. */
  poll?: number;
  /** `CyNCoreAffinity` as the driver reads it (blanks deleted). */
  coreAffinity?: string;
  /** The CPUs `coreAffinity` lists, parsed once; `undefined` when absent or unreadable (the driver stops). */
  cores?: readonly number[];
  /** Where to point at it: its Name entry, else its first key, else the section's count entry or header. */
  range: Range;
}

/** A section that declares instances: `[KERNEL]`, `[KERNEL_QAT]` or a user process section. */
export interface InstanceSection {
  name: string;
  kernel: boolean;
  /** Every section of this name in file order: adf_ctl merges them, the first value of a key winning. */
  views: readonly SectionView[];
  numberCy?: CountSetting;
  numberDc?: CountSetting;
  /** User sections only: how many copies (`<name>_INT_<n>`) the driver makes. */
  numProcesses?: CountSetting;
  /** `LimitDevAccess` set to a non-zero number: copies are named `<name>_DEV<d>_INT_<n>`. */
  limitDevAccess: boolean;
  /** Processes the driver creates: 1 for kernel sections, NumProcesses (absent: 0) for user sections. */
  processes: number;
  /** Every instance written in the section (counted or not), Cy before Dc, by number. */
  instances: InstanceDeclaration[];
}

/** One instance the driver would create, and ask a bank slot for. */
export interface InstanceRequest {
  /** The ring service it takes (QAT 2.0 `asym;sym` asks once as `sym` and once as `asym` per CyN). */
  service: InstanceService;
  /** Its key family (`Cy` or `Dc` keys). */
  kind: InstanceKind;
  /** Instance number within its section (`Cy3` is 3). */
  index: number;
  /** Key prefix: `Cy3`. */
  label: string;
  /** The section that declares it (`KERNEL`, `SSL`). */
  section: string;
  /** Process number for user sections (the driver's `<Section>_INT_<n>` copy), undefined for kernel. */
  process?: number;
  /** The process name the driver uses in messages and bank ownership: `KERNEL`, `SSL_INT_0`, `SSL_DEV0_INT_0`. */
  processName: string;
  kernel: boolean;
  /**
   * `IsPolled` as read (see {@link PollMode}); -1 when absent or not a number, which the driver
   * fails on before allocating (the allocator leaves such instances out).
   */
  poll: number;
  /** The CPU the instance is bound to (`CoreAffinity` entry `process % count`), `undefined` when unreadable. */
  core?: number;
  /** `CyNName` when given. */
  name?: string;
  /** The declaration it was copied from (source ranges). */
  declaration: InstanceDeclaration;
}

/** What a configuration file asks of a device, read from its semantic view. */
export interface DeviceConfig {
  family: DeviceFamily;
  isVf: boolean;
  /** The banks of the function the file configures (the family's PF or VF layout). */
  layout: BankLayout | undefined;
  /** The ServicesEnabled value as the driver reads it, or the driver's default when absent (see `servicesEnabledEntry`). */
  servicesEnabled: string;
  /** The ServicesEnabled entry; `undefined` when the file does not set it. */
  servicesEnabledEntry?: EntryLine;
  /**
   * The ring-to-service map ServicesEnabled selects for this generation (4 slots), or `undefined`
   * when the driver has none for the value (it refuses to start: another rule says so).
   */
  ringMap?: readonly SlotService[];
  /** `ServicesProfile` as read, when set. */
  servicesProfile?: string;
  sriovEnabled: boolean;
  /** The `SRIOV_Enabled` entry, when set. */
  sriovEntry?: EntryLine;
  /** The device number of the file name (`_dev3` is 3): part of process names with LimitDevAccess. */
  deviceNumber: number;
  /**
   * Sections that declare instances in the driver's processing order: its kernel sections, then
   * user sections sorted by name in byte order (adf_ctl hands them over from a `std::map`).
   */
  sections: InstanceSection[];
  /** Every instance in the order the driver allocates them. */
  instances: InstanceRequest[];
  /** The driver package modelled, `undefined` when none is (QAT 1.5). */
  driver?: DriverPackage;
  /** Set when `--driver` named a package that does not drive this generation (the default was used). */
  driverMismatch?: DriverPackage;
  /**
   * QAT 1.x VFs: the PF's ServicesEnabled, whose ring map the VF gets over PF-to-VF messages
   * (`adf_pf_vf_ring_to_svc_init`); `assumed` when neither `--pf-services` nor the PF file gave it.
   */
  pfServices?: PfServices;
  /**
   * Every section the driver processes as a user section, in its order, with what the L.4.24
   * crypto spreading reads of it (`NumProcesses`, `NumberCyInstances` as `adf_cfg_set_value` parses
   * them; 0 when absent or unreadable), whether or not it declares instances.
   */
  userSections: ReadonlyArray<{ name: string; processes: number; numberCy: number }>;
}

/** The PF ServicesEnabled a QAT 1.x VF is modelled with, and where it came from. */
export interface PfServices {
  value: string;
  /** True when nothing gave it: the package's SR-IOV host PF file's value is assumed. */
  assumed: boolean;
  /** The PF file it was read from, when it came from one linted alongside. */
  source?: string;
}

/** What the device model needs beyond the file: the package to model and, for VFs, the PF's services. */
export interface DeviceSettings {
  /** The driver package (`--driver`); default: the newest modelled for the generation. */
  driver?: DriverPackage;
  /** The PF's ServicesEnabled, for a VF file (`--pf-services`, or the PF file linted alongside). */
  pfServicesEnabled?: string;
  /** The PF file `pfServicesEnabled` was read from, if it came from one. */
  pfServicesSource?: string;
}

/** One ring slot of a bank (a template instance of the driver), and what sits in it. */
export interface RingSlot {
  /** The service this slot serves under the bank's ring-to-service map (`na` when unused). */
  service: SlotService;
  /** Ring numbers within the bank: transmit rings then receive rings (asym before sym for `cy`). */
  rings: readonly number[];
  /** The instance placed here, if any. */
  instance?: InstanceRequest;
}

/** One bank after allocation. */
export interface BankUsage {
  bank: number;
  /** Who took it first: `free` (nobody), `kernel` or `user`. */
  type: "free" | "kernel" | "user";
  /** The polling mode of the instances in it, once one is placed (banks are not shared across modes). */
  mode?: number;
  /** For interrupt/epoll banks, the process that owns it (they are not shared between processes). */
  owner?: string;
  /** For interrupt/epoll banks, the CPU their interrupt is bound to. */
  core?: number;
  slots: RingSlot[];
}

/** Why an instance did not get rings. */
export type AllocationFailureCode = "no-free-slot" | "bad-poll-mode";

/** One ring request the driver makes, in its order, and what it got. */
export interface AllocationStep {
  instance: InstanceRequest;
  /** The bank it got, `undefined` when it got none. */
  bank?: number;
  rings?: readonly number[];
  failure?: AllocationFailure;
}

/** Where the driver's configuration step stops, and what it logs (err lines, in order, word for word). */
export interface DriverStop {
  /** The driver's messages: the cause first, then the chain of "Failed to ..." lines. */
  log: string[];
  /** How many ring requests the driver made before it stopped (`steps.slice(0, step)`), a failed one included. */
  step: number;
  /** The instance whose request failed, when the stop is a ring failure. */
  instance?: InstanceRequest;
}

/** An instance the allocator could not place, and why, in the driver's words where it has them. */
export interface AllocationFailure {
  instance: InstanceRequest;
  code: AllocationFailureCode;
  /** The driver's message: "Don't have enough rings for instance UserCY0 in process SSL_INT_3". */
  reason: string;
}

/** The allocator's verdict on a configuration. */
export interface AllocationResult {
  /** False when the allocator does not simulate this configuration (see `note`); then `fits` is true. */
  modelled: boolean;
  /** Why it is not modelled. */
  note?: string;
  fits: boolean;
  banks: BankUsage[];
  /** Instances not placed, in the driver's order; the driver stops at the first. */
  failures: AllocationFailure[];
  /** The bank the first user poll-mode instance may take (banks before it went to kernel instances). */
  firstUserBank: number;
  /** Every ring request in the driver's order (going on past the driver's first failure). */
  steps: AllocationStep[];
  /** The driver's first failure, when it stops; `undefined` when the device is configured. */
  stop?: DriverStop;
}
