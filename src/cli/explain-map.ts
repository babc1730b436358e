/**
 * The ring allocator's answer for one file, as data (`--format json`) and as a terminal table:
 * which instance of which section and process sits in each slot of each bank, what is free, and
 * what did not fit, with the line that declares it.
 */
import { slotCounts } from "../model/allocator.ts";
import type {
  AllocationResult,
  BankUsage,
  DeviceConfig,
  InstanceRequest,
  InstanceService,
  RingSlot,
  SlotService,
} from "../model/types.ts";
import { plural } from "../text/plural.ts";
import { table } from "./table.ts";

/** An instance, as `explain --format json` shows it. */
export interface InstanceJson {
  section: string;
  /** `Cy0`, `Dc1`. */
  label: string;
  service: InstanceService;
  processName: string;
  /** Process number within a user section (`SSL_INT_<n>`); absent for kernel instances. */
  process?: number;
  kernel: boolean;
  /** IsPolled as read: 0 interrupt, 1 poll, 2 epoll. */
  poll: number;
  name?: string;
  /** Where it is declared (1-based). */
  line: number;
  column: number;
}

/** One bank, as `explain --format json` shows it. */
export interface BankJson {
  bank: number;
  type: BankUsage["type"];
  mode?: number;
  owner?: string;
  core?: number;
  /** Slots with rings (not `na`), and how many hold an instance. */
  total: number;
  used: number;
  slots: Array<{ slot: number; service: SlotService; rings: readonly number[]; instance?: InstanceJson }>;
}

/** The whole of `explain --format json`. */
export interface ExplainJson {
  filePath: string;
  device: { family: string; name: string; generation: string; vf: boolean; banks?: number; ringsPerBank?: number };
  servicesEnabled: string;
  sriovEnabled: boolean;
  /** The driver package modelled (absent for QAT 1.5, which is not simulated). */
  driver?: { package: string; title: string };
  /** A QAT 1.x VF's PF ServicesEnabled, whose ring map the VF gets, and where it came from. */
  pfServicesEnabled?: { value: string; assumed: boolean; source?: string };
  /** Where the driver stops, with its messages word for word; absent when it configures the device. */
  driverStop?: { log: string[] };
  /** False when the allocator does not simulate this configuration (`note` says why). */
  modelled: boolean;
  note?: string;
  fits: boolean;
  /** The first bank user poll-mode instances may take (earlier ones went to kernel instances). */
  firstUserBank: number;
  banks: BankJson[];
  /** Slots per service over all banks, and how many are used. */
  slots: Partial<Record<InstanceService, { total: number; used: number }>>;
  failures: Array<InstanceJson & { code: string; reason: string }>;
}

function instanceJson(i: InstanceRequest): InstanceJson {
  const { line, column } = i.declaration.range.start;
  return {
    section: i.section,
    label: i.label,
    service: i.service,
    processName: i.processName,
    ...(i.process === undefined ? {} : { process: i.process }),
    kernel: i.kernel,
    poll: i.poll,
    ...(i.name === undefined ? {} : { name: i.name }),
    line,
    column,
  };
}

const usable = (s: RingSlot): boolean => s.service !== "na";

function bankJson(bank: BankUsage): BankJson {
  return {
    bank: bank.bank,
    type: bank.type,
    ...(bank.mode === undefined ? {} : { mode: bank.mode }),
    ...(bank.owner === undefined ? {} : { owner: bank.owner }),
    ...(bank.core === undefined ? {} : { core: bank.core }),
    total: bank.slots.filter(usable).length,
    used: bank.slots.filter((s) => s.instance !== undefined).length,
    slots: bank.slots.map((s, slot) => ({
      slot,
      service: s.service,
      rings: s.rings,
      ...(s.instance === undefined ? {} : { instance: instanceJson(s.instance) }),
    })),
  };
}

/** The allocation of `config` as plain data. */
export function explainJson(filePath: string, config: DeviceConfig, result: AllocationResult): ExplainJson {
  const counts = slotCounts(result.banks);
  const slots: ExplainJson["slots"] = {};
  for (const service of ["cy", "asym", "sym", "dc"] as const) {
    if (counts[service].total > 0) slots[service] = counts[service];
  }
  return {
    filePath,
    device: {
      family: config.family.id,
      name: config.family.name,
      generation: config.family.generation,
      vf: config.isVf,
      ...(config.layout ? { banks: config.layout.banks, ringsPerBank: config.layout.ringsPerBank } : {}),
    },
    servicesEnabled: config.servicesEnabled,
    sriovEnabled: config.sriovEnabled,
    ...(config.driver ? { driver: { package: config.driver.id, title: config.driver.title } } : {}),
    ...(config.pfServices ? { pfServicesEnabled: { ...config.pfServices } } : {}),
    ...(result.stop ? { driverStop: { log: [...result.stop.log] } } : {}),
    modelled: result.modelled,
    ...(result.note === undefined ? {} : { note: result.note }),
    fits: result.fits,
    firstUserBank: result.firstUserBank,
    banks: result.banks.map(bankJson),
    slots,
    failures: result.failures.map((f) => ({ ...instanceJson(f.instance), code: f.code, reason: f.reason })),
  };
}

const MODES: Record<number, string> = { 0: "interrupt", 1: "poll", 2: "epoll" };

function modeName(mode: number): string {
  return MODES[mode] ?? `IsPolled ${mode}`;
}

function describeInstance(i: InstanceJson): string {
  const name = i.name === undefined ? "" : ` "${i.name}"`;
  return `${i.section} ${i.label}${name} (process ${i.processName}, line ${i.line})`;
}

function bankUse(bank: BankJson): string {
  if (bank.type === "free") return "free";
  const parts: string[] = [bank.type];
  if (bank.mode !== undefined) parts.push(modeName(bank.mode));
  if (bank.owner !== undefined) parts.push(`owner ${bank.owner}`);
  if (bank.core !== undefined) parts.push(`core ${bank.core}`);
  return parts.join(", ");
}

/** Usable slots per service over some banks: "30 cy, 30 dc slots". */
function slotSummary(banks: readonly BankJson[]): string {
  const counts = new Map<string, number>();
  for (const bank of banks) {
    for (const s of bank.slots) if (s.service !== "na") counts.set(s.service, (counts.get(s.service) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return "no usable slots";
  return `${[...counts].map(([service, n]) => `${n} ${service}`).join(", ")} slot${total === 1 ? "" : "s"} free`;
}

/** Table rows of the banks: one per usable slot of a used bank; a run of free banks in one row. */
function bankRows(banks: readonly BankJson[]): string[][] {
  const rows: string[][] = [["BANK", "USE", "FILL", "SLOT", "SERVICE", "RINGS", "INSTANCE"]];
  for (let i = 0; i < banks.length; i++) {
    const bank = banks[i] as BankJson;
    if (bank.type === "free") {
      let last = i;
      while (banks[last + 1]?.type === "free") last++;
      const run = banks.slice(i, last + 1);
      const label = last === i ? `${bank.bank}` : `${bank.bank}-${(banks[last] as BankJson).bank}`;
      const total = run.reduce((n, b) => n + b.total, 0);
      rows.push([label, "free", `0/${total}`, "", "", "", slotSummary(run)]);
      i = last;
      continue;
    }
    let first = true;
    for (const slot of bank.slots) {
      if (slot.service === "na") continue;
      const head = first ? [`${bank.bank}`, bankUse(bank), `${bank.used}/${bank.total}`] : ["", "", ""];
      const who = slot.instance ? describeInstance(slot.instance) : "free";
      rows.push([...head, `${slot.slot}`, slot.service, slot.rings.join(","), who]);
      first = false;
    }
  }
  return rows;
}

/** The allocation as a terminal table, with a verdict naming every instance left without rings. */
export function explainTable(map: ExplainJson): string {
  const d = map.device;
  const layout = d.banks === undefined ? "" : `, ${plural(d.banks, "bank")} of ${d.ringsPerBank} rings`;
  let out = `${map.filePath}: ${d.family} ${d.vf ? "VF" : "PF"} (${d.name})${layout}, ServicesEnabled ${map.servicesEnabled}`;
  out += map.sriovEnabled ? ", SR-IOV enabled\n" : "\n";
  if (map.driver) out += `Modelled as ${map.driver.title} (${map.driver.package})\n`;
  const pf = map.pfServicesEnabled;
  if (pf) {
    const from = pf.assumed ? "assumed: give --pf-services" : pf.source ? `from ${pf.source}` : "from the settings";
    out += `Ring map of the PF's ServicesEnabled ${pf.value} (${from})\n`;
  }
  const stop = map.driverStop ? `The driver stops: ${map.driverStop.log.join("; ")}\n` : "";
  if (!map.modelled) return `${out}\nNot simulated: ${map.note ?? "unsupported configuration"}\n${stop}`;
  out += `\n${table(bankRows(map.banks), [0, 3])}\n`;
  const totals = Object.entries(map.slots).map(([service, c]) => `${service} ${c.used} of ${c.total}`);
  out += `Slots used: ${totals.join(", ") || "none"}\n`;
  if (map.fits) return `${out}${stop ? stop : "Fits: every instance has rings.\n"}`;
  const n = map.failures.length;
  out += `Does not fit: ${plural(n, "instance")} without rings (the driver stops at the first)\n`;
  for (const f of map.failures) {
    out += `  ${map.filePath}:${f.line}:${f.column}  ${f.section} ${f.label} (process ${f.processName}): ${f.reason}\n`;
  }
  return out + stop;
}
