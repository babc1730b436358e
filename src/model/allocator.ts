/**
 * The ring allocator: a simulation of the modelled driver package's `adf_config_device()` (its
 * `adf_cfg_device.c`, `adf_cfg_bundle.c`, `adf_cfg_section.c`; `packages.ts` names the copies read),
 * checked against what each package's own code made of 624 files (`../shared/driver-verdicts/`):
 *
 * - every bank gets "template" slots from the ring-to-service map (`adf_cfg_init_and_insert_inst`):
 *   with 8 or more rings per bank, each of the 4 map slots yields `rings / 8` slots of its service
 *   (a `cy` slot also takes the next map slot: it needs an asym and a sym ring); with fewer rings
 *   (QAT 2.0: one ring pair per bank) a bank has one slot, of map slot `bank % 4`;
 * - a QAT 1.x VF has the map of its PF's ServicesEnabled, not of its own (`instances.ts`);
 * - sections go in the driver's order (kernel sections, then user sections by name in byte order),
 *   each process copy service by service (CRYPTO, COMP, SYM, ASYM), with the checks the driver
 *   makes on the way (a count it cannot read, L.4.24's refusal of a service ServicesEnabled does
 *   not name, an instance key it cannot read), each stopping the configuration as the driver does;
 * - QAT 1.7: a user poll-mode instance takes the first free slot of its service in a bank after
 *   the last kernel bank; kernel and epoll instances look for a bank of their own type whose
 *   interrupt affinity holds their CPU, then take the first free bank; an interrupt/epoll bank serves
 *   one process only, and banks never mix polling modes. L.4.24 also spreads the crypto instances of
 *   a lone single-process user section over free banks;
 * - QAT 2.0: poll-mode instances search from bank 0, no bank is shared while a free one is left,
 *   kernel banks are always interrupt banks, and an affinity must equal the bank's.
 */

import { BoundedMemo } from "../memo.ts";
import { SERVICES_PROFILE_VALUES } from "./key-table.ts";
import { servicesForProfile } from "./keys.ts";
import type { DriverPackage } from "./packages.ts";
import { enabledServices } from "./ring-map.ts";
import type {
  AllocationFailure,
  AllocationResult,
  AllocationStep,
  BankLayout,
  BankUsage,
  DeviceConfig,
  DriverStop,
  InstanceRequest,
  InstanceSection,
  InstanceService,
  RingSlot,
  SlotService,
} from "./types.ts";

/** `ADF_CFG_RESP_POLL`, `ADF_CFG_RESP_EPOLL` (adf_cfg_common.h). */
const POLL = 1;
const EPOLL = 2;

interface Bank extends BankUsage {
  /** Processes that took a slot, in order (`bundle->sections`): the first owns an interrupt bank. */
  processes: string[];
}

/** The allocator's state over one configuration (`struct adf_cfg_device` and the flags it reads). */
interface Device {
  banks: Bank[];
  driver: DriverPackage;
  /** `bundles_free`. */
  free: number;
  /** `max_kernel_bundle_nr` (QAT 1.7). */
  maxKernelBank: number;
  /** `is_user_bundle_dist_needed` (L.4.24). */
  spread: boolean;
}

/**
 * Simulates the driver's configuration of a device: which instance of which section and process
 * gets which slot of which bank, which get none ("Don't have enough rings for instance %s in process
 * %s"), and where and with which messages the driver stops. The driver stops at the first failure;
 * this goes on placing and lists every instance left without rings, so that one run shows the whole
 * shortfall, and says in `stop` where the driver itself stops. Never throws.
 *
 * Instances whose `IsPolled` the driver cannot read are not placed (the driver stops on them).
 *
 * @returns the bank-by-bank map (every slot with its service, rings and instance), the ring
 *   requests in order, the failures and the driver's stop; `modelled` is false, with a `note`, when
 *   the configuration is not simulated (QAT 1.5, a family only the in-tree driver drives, a
 *   ServicesEnabled value without a ring map, a VF of a family without VFs).
 */
export function allocate(config: DeviceConfig): AllocationResult {
  const layout = config.layout;
  if (!layout) return unmodelled(`the ${config.family.name} has no virtual functions`);
  if (config.family.inTreeOnly) {
    return unmodelled(
      `no out-of-tree package drives the ${config.family.name}: the in-tree driver builds its rings from qat/cfg_services, and qatconf does not simulate it`,
    );
  }
  const driver = config.driver;
  if (!driver || config.family.generation === "1.5") {
    return unmodelled("QAT 1.5 devices assign rings per accelerator; qatconf does not simulate them");
  }
  const refused = servicesRefusal(config, driver);
  if (refused || !config.ringMap) {
    const log = refused ?? [driver.invalidServices(config.servicesEnabled, 0), ...DEVICE_INIT_FAILED];
    return {
      ...unmodelled(`ServicesEnabled '${config.servicesEnabled}' selects no ring map on this device`),
      stop: { log, step: 0 },
    };
  }
  const device: Device = {
    banks: initBanks(layout, config.ringMap),
    driver,
    free: layout.banks,
    maxKernelBank: -1,
    spread: false,
  };
  const steps: AllocationStep[] = [];
  const failures: AllocationFailure[] = [];
  const walk = new Walk(config, device, steps, failures);
  walk.run();
  return {
    modelled: true,
    fits: failures.length === 0,
    banks: device.banks.map(publicBank),
    failures,
    firstUserBank: driver.sharing === "qat20" ? 0 : device.maxKernelBank + 1,
    steps,
    ...(walk.stop ? { stop: walk.stop } : {}),
  };
}

const DEVICE_INIT_FAILED = ["Failed to do device init", "Failed to config device"];

/**
 * The driver's refusal of the ServicesEnabled value at device init, as its log: a value the
 * package's table (under the PF's ServicesProfile, where the package reads one) lacks, or none at
 * all (`adf_cfg_get_param_value` fails without a message).
 */
function servicesRefusal(config: DeviceConfig, driver: DriverPackage): string[] | undefined {
  if (!config.servicesEnabledEntry) return DEVICE_INIT_FAILED;
  const profile = driver.honoursServicesProfile && !config.isVf ? activeProfile(config.servicesProfile) : "DEFAULT";
  const accepted = servicesForProfile(profile, config.family.servicesEnabled);
  if (!accepted.includes(config.servicesEnabled)) {
    const profileId = Math.max(0, SERVICES_PROFILE_VALUES.indexOf(profile));
    return [driver.invalidServices(config.servicesEnabled, profileId), ...DEVICE_INIT_FAILED];
  }
  // A VF's capabilities are what its PF enabled (adf_cfg_update_vf_accel_cap_mask,
  // adf_cfg_check_enabled_services): a service the PF does not run refuses the VF.
  if (config.pfServices && unsupportedOnPf(config.servicesEnabled, config.pfServices.value).length > 0) {
    return ["Unsupported device configuration", ...DEVICE_INIT_FAILED];
  }
  return undefined;
}

/** The capabilities a ServicesEnabled value enables (`enabled_svc_cap`: cy is asym and sym). */
function capabilities(value: string): Set<string> {
  const caps = new Set<string>();
  for (const token of value.split(";")) {
    if (token === "cy") caps.add("asym").add("sym");
    else if (token === "asym" || token === "sym" || token === "dc") caps.add(token);
  }
  return caps;
}

/** The capabilities a VF's ServicesEnabled asks for that its PF's ServicesEnabled does not enable. */
export function unsupportedOnPf(vfServices: string, pfServices: string): string[] {
  const pf = capabilities(pfServices);
  return [...capabilities(vfServices)].filter((c) => !pf.has(c));
}

/** ServicesProfile as `adf_cfg_fw_string_to_id` reads it: an unknown name is DEFAULT. */
function activeProfile(value: string | undefined): string {
  return value !== undefined && SERVICES_PROFILE_VALUES.includes(value) ? value : "DEFAULT";
}

/** The walk over sections, processes, services and instances, in the driver's order. */
class Walk {
  stop: DriverStop | undefined;
  #cursor = 0;
  readonly #config: DeviceConfig;
  readonly #device: Device;
  readonly #steps: AllocationStep[];
  readonly #failures: AllocationFailure[];

  constructor(config: DeviceConfig, device: Device, steps: AllocationStep[], failures: AllocationFailure[]) {
    this.#config = config;
    this.#device = device;
    this.#steps = steps;
    this.#failures = failures;
  }

  run(): void {
    const { sections, userSections, driver } = this.#config;
    const byName = new Map(sections.map((s) => [s.name, s] as const));
    for (const name of driver?.kernelSections ?? []) {
      const section = byName.get(name);
      if (section?.kernel) this.#section(section);
    }
    // adf_cfg_process_user_cy_section: spreading is for a lone user section with crypto instances.
    this.#device.spread =
      this.#device.driver.spreadsLoneCryptoSection && userSections.filter((s) => s.numberCy !== 0).length === 1;
    for (const user of userSections) {
      if (user.processes !== 1) this.#device.spread = false;
      const section = byName.get(user.name);
      if (section && !section.kernel) this.#section(section);
    }
  }

  #section(section: InstanceSection): void {
    const services: readonly InstanceService[] = enabledServices(this.#config.ringMap ?? []);
    for (let process = 0; process < section.processes; process++) {
      for (const service of services) this.#group(section, service);
    }
  }

  /** One `adf_cfg_create_rings_entries_for_cy_inst` / `_dc_inst` call: one service of one process copy. */
  #group(section: InstanceSection, service: InstanceService): void {
    const kind = service === "dc" ? "dc" : "cy";
    const chain = [`Failed to create rings for ${kind}`, ...sectionChain(section)];
    const refusal = unenabledServiceRefusal(this.#config, section, kind === "cy" ? "dc" : "cy");
    if (refusal) this.#stopAt([refusal, ...chain]);
    const count = kind === "cy" ? section.numberCy : section.numberDc;
    if (count?.value === undefined) this.#stopAt(chain);
    const declared = section.instances.filter((d) => d.counted && d.kind === kind).length;
    for (let i = 0; i < declared; i++) {
      const instance = this.#config.instances[this.#cursor];
      if (!instance) return;
      this.#cursor++;
      const keyFailure = instanceKeyFailure(instance);
      if (keyFailure !== undefined) {
        this.#stopAt([...keyFailure, ...chain]);
        if (instance.poll < 0) continue;
      }
      this.#request(instance, chain);
    }
  }

  #request(instance: InstanceRequest, chain: readonly string[]): void {
    const outcome = place(this.#device, instance);
    if ("failure" in outcome) {
      this.#failures.push(outcome.failure);
      this.#steps.push({ instance, failure: outcome.failure });
      // A free bank without a slot of the service fails without the message (adf_cfg_get_ring_pairs).
      this.#stopAt(outcome.silent ? [...chain] : [outcome.failure.reason, ...chain], instance);
    } else {
      this.#steps.push({ instance, bank: outcome.bank.bank, rings: outcome.slot.rings });
    }
  }

  #stopAt(log: string[], instance?: InstanceRequest): void {
    if (this.stop) return;
    this.stop = { log, step: this.#steps.length, ...(instance ? { instance } : {}) };
  }
}

/**
 * L.4.24's refusal of a section's `kind` instances when the file's own ServicesEnabled (a VF's own
 * too) names none of that service's tokens (`strncmp` prefixes: `dc`; `cy`, `sym`, `asym`): the
 * message it stops with, or `undefined`. The check runs where the driver creates the instances of
 * the other service, so only when the ring map enables that one.
 */
export function unenabledServiceRefusal(
  config: DeviceConfig,
  section: InstanceSection,
  kind: "cy" | "dc",
): string | undefined {
  const messages = config.driver?.refusesUnenabledService;
  if (!messages || !config.ringMap) return undefined;
  const count = kind === "dc" ? section.numberDc : section.numberCy;
  if ((count?.value ?? 0) <= 0) return undefined;
  const tokens = config.servicesEnabled.split(";");
  const named =
    kind === "dc"
      ? tokens.some((t) => t.startsWith("dc"))
      : tokens.some((t) => t.startsWith("cy") || t.startsWith("sym") || t.startsWith("asym"));
  if (named) return undefined;
  const otherRuns =
    kind === "dc"
      ? config.ringMap.some((s) => s === "cy" || s === "sym" || s === "asym")
      : config.ringMap.includes("dc");
  return otherRuns ? messages[kind] : undefined;
}

/** The driver's messages above "Failed to create rings": a user section adds its own line. */
function sectionChain(section: InstanceSection): string[] {
  return section.kernel
    ? ["Failed to config device"]
    : [`Failed to process user section ${section.name}`, "Failed to config device"];
}

/**
 * What the driver says when it cannot read an instance's keys, in the order it reads them
 * (CoreAffinity, Name, IsPolled); `undefined` when it reads them all.
 */
function instanceKeyFailure(instance: InstanceRequest): string[] | undefined {
  const d = instance.declaration;
  if (d.coreAffinity === undefined) return ["Get core number failed with error -14"];
  if (d.cores === undefined) return ["Get core number failed with error -22"];
  if (d.name === undefined) return [];
  if (instance.poll < 0) return [];
  return undefined;
}

function unmodelled(note: string): AllocationResult {
  return { modelled: false, note, fits: true, banks: [], failures: [], firstUserBank: 0, steps: [] };
}

function publicBank(bank: Bank): BankUsage {
  const { processes: _processes, ...usage } = bank;
  return usage;
}

// ---- bank templates (adf_cfg_bundle.c: adf_cfg_init_ring2serv_mapping, adf_cfg_init_and_insert_inst)

/** `ADF_CFG_NUM_SERVICES`: slots of a ring-to-service map. */
const NUM_SERVICES = 4;

function initBanks(layout: BankLayout, map: readonly SlotService[]): Bank[] {
  const banks: Bank[] = [];
  // The template key without its bank part, once per file rather than once per bank.
  const mapKey = `${layout.ringsPerBank}|${map.join()}|`;
  for (let b = 0; b < layout.banks; b++) {
    // Each file gets its own slot objects (placement writes into them); the services and rings
    // come from a template shared by every bank, file and lint run with the same layout and map.
    const slots = bankTemplate(b, layout.ringsPerBank, map, mapKey).map(
      (t): RingSlot => ({ service: t.service, rings: t.rings }),
    );
    banks.push({ bank: b, type: "free", processes: [], slots });
  }
  return banks;
}

/** A slot of a bank before any instance is placed: the same for every file with that layout and map. */
type SlotTemplate = Readonly<Pick<RingSlot, "service" | "rings">>;

// Few distinct keys exist (rings per bank x ServicesEnabled ring map x bank % 4: under a hundred
// for every family and value), so 256 holds them all and the bound only guards against the unforeseen.
const TEMPLATES = new BoundedMemo<string, readonly SlotTemplate[]>(256);

/** Whether banks this small use one map slot each, picked by bank number (QAT 2.0). */
function usesBankHook(ringsPerBank: number): boolean {
  return ringsPerBank < 2 * NUM_SERVICES;
}

function bankTemplate(
  bank: number,
  ringsPerBank: number,
  map: readonly SlotService[],
  mapKey: string,
): readonly SlotTemplate[] {
  const key = usesBankHook(ringsPerBank) ? `${mapKey}${bank % NUM_SERVICES}` : mapKey;
  return TEMPLATES.get(key, () => bankSlots(bank, ringsPerBank, map));
}

/** Per ring: the service it serves (`ASSIGN_SERV_TO_RINGS`), then the template slots taking them. */
function bankSlots(bank: number, ringsPerBank: number, map: readonly SlotService[]): SlotTemplate[] {
  // Banks of 8+ rings use the 4 map slots; smaller ones (QAT 2.0) one slot, chosen by bank number
  // (the 4xxx get_ring_svc_map_data hook: `bundle_num % ADF_CFG_NUM_SERVICES`).
  const hook = usesBankHook(ringsPerBank);
  const maxSvc = hook ? 1 : NUM_SERVICES;
  const perService = hook ? ringsPerBank / 2 : ringsPerBank / (2 * NUM_SERVICES);
  const half = ringsPerBank / 2;
  const serviceAt = (pair: number): SlotService => (hook ? map[bank % NUM_SERVICES] : map[pair]) ?? "na";
  const ringIndex = (pair: number): number => (hook ? 0 : perService * pair);

  const ringService: SlotService[] = new Array(ringsPerBank).fill("na");
  const assign = (index: number, service: SlotService): void => {
    for (let j = 0; j < perService; j++) {
      ringService[index + j] = service;
      ringService[index + j + half] = service;
    }
  };
  for (let pair = 0; pair < maxSvc; pair++) {
    const service = serviceAt(pair);
    if (service === "cy") {
      assign(ringIndex(pair), "asym");
      pair++;
      if (pair === maxSvc) break;
      assign(perService * pair, "sym");
    } else {
      assign(ringIndex(pair), service);
    }
  }

  const inUse = new Set<number>();
  const take = (service: SlotService, rx: boolean): number[] => {
    const start = rx ? half : 0;
    for (let r = start; r < start + half; r++) {
      if (!inUse.has(r) && ringService[r] === service) {
        inUse.add(r);
        return [r];
      }
    }
    return [];
  };
  const slots: SlotTemplate[] = [];
  for (let pair = 0; pair < maxSvc; pair++) {
    const service = serviceAt(pair);
    for (let i = 0; i < perService; i++) {
      const rings =
        service === "cy"
          ? [...take("asym", false), ...take("sym", false), ...take("asym", true), ...take("sym", true)]
          : service === "na"
            ? []
            : [...take(service, false), ...take(service, true)];
      slots.push({ service, rings });
    }
    if (service === "cy") pair++;
  }
  return slots;
}

// ---- placement (adf_cfg_device.c adf_cfg_get_ring_pairs, adf_cfg_bundle.c)

type Outcome = { bank: Bank; slot: RingSlot } | { failure: AllocationFailure; silent?: boolean };

/** `adf_cfg_is_interrupt_mode`: QAT 2.0 makes every kernel bank an interrupt bank. */
function isInterruptMode(device: Device, bank: Bank): boolean {
  if (bank.mode === EPOLL) return true;
  return bank.type === "kernel" && (device.driver.sharing === "qat20" || bank.mode !== POLL);
}

/** `adf_cfg_can_be_shared`, per package. */
function canBeShared(device: Device, bank: Bank, instance: InstanceRequest): boolean {
  if (bank.type === "free") return true;
  if (bank.mode !== instance.poll) return false;
  const interrupt = isInterruptMode(device, bank);
  if (interrupt && bank.processes[0] === instance.processName) return true;
  if (device.free > 0) {
    if (device.driver.sharing === "qat20") return false;
    if (device.spread && instance.service !== "dc") return false;
  }
  return !interrupt;
}

/** `adf_cfg_get_free_instance`: the first unused slot of the instance's service, if the bank may be shared. */
function freeSlot(device: Device, bank: Bank, instance: InstanceRequest): RingSlot | undefined {
  if (!canBeShared(device, bank, instance)) return undefined;
  return bank.slots.find((s) => s.instance === undefined && s.service === instance.service);
}

/**
 * Whether the instance's CPU fits the bank's interrupt affinity (all CPUs until an interrupt
 * instance binds it): QAT 1.7 asks for a subset (`cpumask_subset`), QAT 2.0 for the same mask
 * (`cpumask_equal`), which a bank bound to all CPUs never is.
 */
function affinityFits(device: Device, bank: Bank, instance: InstanceRequest): boolean {
  if (device.driver.sharing === "qat20") return bank.core !== undefined && bank.core === instance.core;
  return bank.core === undefined || bank.core === instance.core;
}

function place(device: Device, instance: InstanceRequest): Outcome {
  const banks = device.banks;
  if (!instance.kernel && instance.poll === POLL) {
    const from = device.driver.sharing === "qat20" ? 0 : device.maxKernelBank + 1;
    for (let b = from; b < banks.length; b++) {
      const bank = banks[b] as Bank;
      const slot = freeSlot(device, bank, instance);
      if (slot) return take(device, bank, slot, instance);
    }
    return noRings(instance);
  }
  const type = instance.kernel ? "kernel" : "user";
  let firstFree: Bank | undefined;
  for (const bank of banks) {
    if (bank.type === type && affinityFits(device, bank, instance)) {
      const slot = freeSlot(device, bank, instance);
      if (slot) return take(device, bank, slot, instance);
    } else if (!firstFree && bank.type === "free") {
      firstFree = bank;
    }
  }
  return device.driver.sharing === "qat20" ? anyFreeBank(device, instance) : firstFreeBank(device, firstFree, instance);
}

/** QAT 2.0 tries every free bank (its banks differ in service). */
function anyFreeBank(device: Device, instance: InstanceRequest): Outcome {
  for (const bank of device.banks) {
    if (bank.type !== "free") continue;
    const slot = freeSlot(device, bank, instance);
    if (slot) return take(device, bank, slot, instance);
  }
  return noRings(instance);
}

/** QAT 1.7 tries the first free bank only, and remembers the last one kernel instances took. */
function firstFreeBank(device: Device, firstFree: Bank | undefined, instance: InstanceRequest): Outcome {
  if (!firstFree) return noRings(instance);
  const slot = freeSlot(device, firstFree, instance);
  if (!slot) return { ...noRings(instance), silent: true };
  const outcome = take(device, firstFree, slot, instance);
  // The last bank kernel instances took: user poll-mode instances start after it (max_kernel_bundle_nr).
  if ("slot" in outcome && instance.kernel) device.maxKernelBank = firstFree.bank;
  return outcome;
}

/** `adf_cfg_get_ring_pairs_from_bundle`. */
function take(device: Device, bank: Bank, slot: RingSlot, instance: InstanceRequest): Outcome {
  if (!instance.kernel && instance.poll !== POLL && instance.poll !== EPOLL) {
    return {
      failure: {
        instance,
        code: "bad-poll-mode",
        reason: `User instance ${instance.name ?? instance.label} needs to be configured with IsPolled 1 or 2 for poll and epoll mode, respectively`,
      },
    };
  }
  bank.processes.push(instance.processName);
  if (bank.type === "free") {
    bank.type = instance.kernel ? "kernel" : "user";
    bank.mode = instance.poll;
    if (isInterruptMode(device, bank)) {
      bank.owner = instance.processName;
      if (instance.core !== undefined) bank.core = instance.core;
    }
    device.free--;
  }
  slot.instance = instance;
  return { bank, slot };
}

function noRings(instance: InstanceRequest): { failure: AllocationFailure } {
  return {
    failure: {
      instance,
      code: "no-free-slot",
      reason: `Don't have enough rings for instance ${instance.name ?? instance.label} in process ${instance.processName}`,
    },
  };
}

/** Slots of each service on a bank map, and how many are taken. */
export interface SlotCount {
  total: number;
  used: number;
}

/**
 * Slots per service over all banks, and how many are taken: what `explain` shows as "free slots"
 * and what ring-budget messages quote ("16 of 16 cy slots taken").
 */
export function slotCounts(banks: readonly BankUsage[]): Record<SlotService, SlotCount> {
  const out: Record<SlotService, SlotCount> = {
    cy: { total: 0, used: 0 },
    dc: { total: 0, used: 0 },
    sym: { total: 0, used: 0 },
    asym: { total: 0, used: 0 },
    na: { total: 0, used: 0 },
  };
  for (const bank of banks) {
    for (const slot of bank.slots) {
      out[slot.service].total++;
      if (slot.instance) out[slot.service].used++;
    }
  }
  return out;
}
