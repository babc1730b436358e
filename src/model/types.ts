/**
 * The device model's types: what a QAT device family is, what a configuration asks of it, and what
 * the ring allocator answers. Facts behind the values live in `devices.ts` with their sources.
 */

/** QAT hardware generation, as the driver distinguishes them. */
export type Generation = "1.5" | "1.6" | "1.7" | "1.8" | "2.0";

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
}

/** A service an instance uses. */
export type InstanceService = "cy" | "dc" | "sym" | "asym";

/** Polling mode of an instance: 0 interrupt, 1 poll, 2 epoll (`CyNIsPolled`). */
export type PollMode = 0 | 1 | 2;

/** One instance the driver would create. */
export interface InstanceRequest {
  service: InstanceService;
  /** Instance number within its section (`Cy3` is 3). */
  index: number;
  /** The section that declares it (`KERNEL`, `SSL`). */
  section: string;
  /** Process number for user sections (the driver's `<Section>_INT_<n>` copy), undefined for kernel. */
  process?: number;
  kernel: boolean;
  poll: PollMode;
  /** `CyNName` when given. */
  name?: string;
}

/** What a configuration file asks of a device, read from its semantic view. */
export interface DeviceConfig {
  family: DeviceFamily;
  isVf: boolean;
  /** The ServicesEnabled value (default `cy;dc` when absent, as the driver does). */
  servicesEnabled: string;
  sriovEnabled: boolean;
  /** Every instance in the order the driver allocates them: kernel first, then user sections. */
  instances: InstanceRequest[];
}

/** One ring pair slot of a bank, and what sits in it. */
export interface RingSlot {
  /** The service this slot serves under the bank's ring-to-service map (`na` when unused). */
  service: "cy" | "dc" | "sym" | "asym" | "na";
  /** The instance placed here, if any. */
  instance?: InstanceRequest;
}

/** One bank after allocation. */
export interface BankUsage {
  bank: number;
  /** The polling mode of the instances in it, once one is placed (banks are not shared across modes). */
  mode?: PollMode;
  /** For interrupt/epoll banks, the process that owns it (they are not shared between processes). */
  owner?: string;
  slots: RingSlot[];
}

/** An instance the allocator could not place, and why, in the driver's words where it has them. */
export interface AllocationFailure {
  instance: InstanceRequest;
  reason: string;
}

/** The allocator's verdict on a configuration. */
export interface AllocationResult {
  fits: boolean;
  banks: BankUsage[];
  failures: AllocationFailure[];
}
