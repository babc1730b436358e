/**
 * The ring allocator: a simulation of how the QAT driver gives each instance a slot of a bank
 * (FreeBSD `sys/dev/qat/qat_common/adf_cfg_bundle.c`, `adf_cfg_device.c` `adf_cfg_get_ring_pairs`,
 * the code of the out-of-tree Linux package):
 *
 * - every bank gets "template" slots from the ring-to-service map (`adf_cfg_init_and_insert_inst`):
 *   with 8 or more rings per bank, each of the 4 map slots yields `rings / 8` slots of its service
 *   (a `cy` slot also takes the next map slot: it needs an asym and a sym ring); with fewer rings
 *   (QAT 2.0: one ring pair per bank) a bank has one slot, of map slot `bank % 4`;
 * - instances ask in the driver's order (kernel sections first, see `instances.ts`);
 * - a user poll-mode instance takes the first free slot of its service in a bank after the last
 *   kernel bank; a bank is shared only by instances of the same polling mode;
 * - kernel and user epoll instances first look for a bank of their own type whose interrupt is
 *   bound to their CPU, then take a free bank; an interrupt/epoll bank serves one process only.
 */
import type {
  AllocationFailure,
  AllocationResult,
  BankLayout,
  BankUsage,
  DeviceConfig,
  InstanceRequest,
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

/**
 * Simulates the driver's ring allocation for a configuration: which instance of which section and
 * process gets which slot of which bank, and which instances get none ("Don't have enough rings for
 * instance %s in process %s"). The driver stops at the first failure; this goes on and lists every
 * instance left without rings, so that one run shows the whole shortfall. Never throws.
 *
 * Instances whose `IsPolled` the driver cannot read are left out: it fails on them before
 * allocating (the instance-missing-key rule reports them).
 *
 * @returns the bank-by-bank map (every slot with its service, rings and instance) and the failures;
 *   `modelled` is false, with a `note`, when the configuration is not simulated (QAT 1.5, a
 *   ServicesEnabled value the driver refuses, a VF of a family without VFs).
 */
export function allocate(config: DeviceConfig): AllocationResult {
  const layout = config.layout;
  if (!layout) return unmodelled(`the ${config.family.name} has no virtual functions`);
  if (!config.ringMap) {
    return unmodelled(
      config.family.generation === "1.5"
        ? "QAT 1.5 devices assign rings per accelerator; qatconf does not simulate them"
        : `ServicesEnabled '${config.servicesEnabled}' selects no ring map on this device`,
    );
  }
  const banks = initBanks(layout, config.ringMap);
  const failures: AllocationFailure[] = [];
  const state = { maxKernelBank: -1 };
  for (const instance of config.instances) {
    if (instance.poll < 0) continue;
    const failure = place(banks, instance, state);
    if (failure) failures.push(failure);
  }
  return {
    modelled: true,
    fits: failures.length === 0,
    banks: banks.map(publicBank),
    failures,
    firstUserBank: state.maxKernelBank + 1,
  };
}

function unmodelled(note: string): AllocationResult {
  return { modelled: false, note, fits: true, banks: [], failures: [], firstUserBank: 0 };
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
  for (let b = 0; b < layout.banks; b++) {
    // Each file gets its own slot objects (placement writes into them); the services and rings
    // come from a template shared by every bank, file and lint run with the same layout and map.
    const slots = bankTemplate(b, layout.ringsPerBank, map).map(
      (t): RingSlot => ({ service: t.service, rings: t.rings }),
    );
    banks.push({ bank: b, type: "free", processes: [], slots });
  }
  return banks;
}

/** A slot of a bank before any instance is placed: the same for every file with that layout and map. */
type SlotTemplate = Readonly<Pick<RingSlot, "service" | "rings">>;

// Few distinct keys exist (rings per bank x ServicesEnabled x bank % 4), so the cache stays small.
const TEMPLATES = new Map<string, readonly SlotTemplate[]>();

/** Whether banks this small use one map slot each, picked by bank number (QAT 2.0). */
function usesBankHook(ringsPerBank: number): boolean {
  return ringsPerBank < 2 * NUM_SERVICES;
}

function bankTemplate(bank: number, ringsPerBank: number, map: readonly SlotService[]): readonly SlotTemplate[] {
  const key = `${ringsPerBank}|${map.join()}|${usesBankHook(ringsPerBank) ? bank % NUM_SERVICES : ""}`;
  let template = TEMPLATES.get(key);
  if (!template) {
    template = bankSlots(bank, ringsPerBank, map);
    TEMPLATES.set(key, template);
  }
  return template;
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

function isInterruptMode(bank: Bank): boolean {
  return bank.mode === EPOLL || (bank.type === "kernel" && bank.mode !== POLL);
}

/** `adf_cfg_can_be_shared`. */
function canBeShared(bank: Bank, processName: string, poll: number): boolean {
  if (bank.type === "free") return true;
  if (bank.mode !== poll) return false;
  return !isInterruptMode(bank) || bank.processes[0] === processName;
}

/** `adf_cfg_get_free_instance`: the first unused slot of the instance's service, if the bank may be shared. */
function freeSlot(bank: Bank, instance: InstanceRequest): RingSlot | undefined {
  if (!canBeShared(bank, instance.processName, instance.poll)) return undefined;
  return bank.slots.find((s) => s.instance === undefined && s.service === instance.service);
}

/** Whether the instance's CPU is within the bank's interrupt affinity (all CPUs until an interrupt instance binds it). */
function affinityFits(bank: Bank, instance: InstanceRequest): boolean {
  return bank.core === undefined || bank.core === instance.core;
}

function place(
  banks: Bank[],
  instance: InstanceRequest,
  state: { maxKernelBank: number },
): AllocationFailure | undefined {
  if (!instance.kernel && instance.poll === POLL) {
    for (let b = state.maxKernelBank + 1; b < banks.length; b++) {
      const bank = banks[b] as Bank;
      const slot = freeSlot(bank, instance);
      if (slot) return take(bank, slot, instance);
    }
    return noRings(instance);
  }
  const type = instance.kernel ? "kernel" : "user";
  for (const bank of banks) {
    if (bank.type !== type || !affinityFits(bank, instance)) continue;
    const slot = freeSlot(bank, instance);
    if (slot) return take(bank, slot, instance);
  }
  for (const bank of banks) {
    if (bank.type !== "free") continue;
    const slot = freeSlot(bank, instance);
    if (!slot) continue;
    const failure = take(bank, slot, instance);
    // The out-of-tree driver remembers the last bank kernel instances took: user poll-mode
    // instances start after it (max_kernel_bundle_nr).
    if (!failure && instance.kernel) state.maxKernelBank = Math.max(state.maxKernelBank, bank.bank);
    return failure;
  }
  return noRings(instance);
}

/** `adf_cfg_get_ring_pairs_from_bundle`. */
function take(bank: Bank, slot: RingSlot, instance: InstanceRequest): AllocationFailure | undefined {
  if (!instance.kernel && instance.poll !== POLL && instance.poll !== EPOLL) {
    return {
      instance,
      code: "bad-poll-mode",
      reason: `User instance ${instance.name ?? instance.label} needs to be configured with IsPolled 1 or 2 for poll and epoll mode, respectively`,
    };
  }
  bank.processes.push(instance.processName);
  if (bank.type === "free") {
    bank.type = instance.kernel ? "kernel" : "user";
    bank.mode = instance.poll;
    if (isInterruptMode(bank)) {
      bank.owner = instance.processName;
      if (instance.core !== undefined) bank.core = instance.core;
    }
  }
  slot.instance = instance;
  return undefined;
}

function noRings(instance: InstanceRequest): AllocationFailure {
  return {
    instance,
    code: "no-free-slot",
    reason: `Don't have enough rings for instance ${instance.name ?? instance.label} in process ${instance.processName}`,
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
