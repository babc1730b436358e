/**
 * The ring budget check of an edit: the driver's allocation is simulated on the file before and
 * after the edit, and an edit that leaves more instances without rings than before is refused,
 * naming the banks searched and the slots they hold, so that the user sees why before the driver
 * refuses to start.
 */
import { view } from "../config/view.ts";
import { allocate, slotCounts } from "../model/allocator.ts";
import { type DeviceOptions, deviceSettings, resolveDevice } from "../model/device-options.ts";
import { deviceConfig } from "../model/instances.ts";
import type { AllocationResult, BankUsage, DeviceConfig, DeviceFamily, SlotService } from "../model/types.ts";
import { parse } from "../syntax/parse.ts";
import { plural } from "../text/plural.ts";
import type { Refusal } from "./result.ts";

/** The verdict: a refusal when the edit breaks the budget, or notes when it could not be checked. */
export interface BudgetCheck {
  refusal?: Refusal;
  notes: string[];
}

/** Checks that `after` leaves no more instances without rings than `before` does. */
export function checkBudget(before: string, after: string, options: DeviceOptions): BudgetCheck {
  const { family, isVf } = resolveDevice(options);
  if (!family) {
    return {
      notes: ["ring budget not checked: the device is unknown (name the file like c6xx_dev0.conf or pass --device)"],
    };
  }
  const next = simulate(after, family, isVf, options);
  if (!next.result.modelled) return { notes: [`ring budget not checked: ${next.result.note}`] };
  // Instances the driver rejects for their polling mode are the linter's business (instance-polling):
  // only instances left without a slot are over budget.
  const short = (result: AllocationResult): number => result.failures.filter((f) => f.code === "no-free-slot").length;
  if (short(next.result) === 0) return { notes: [] };
  const previous = simulate(before, family, isVf, options);
  if (short(next.result) <= short(previous.result)) return { notes: [] };
  return { refusal: refusal(next.config, next.result), notes: [] };
}

function simulate(
  text: string,
  family: DeviceFamily,
  isVf: boolean,
  options: DeviceOptions,
): { config: DeviceConfig; result: AllocationResult } {
  const doc = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const config = deviceConfig(view(doc), family, isVf, deviceSettings(options));
  return { config, result: allocate(config) };
}

/**
 * The refusal for a configuration that does not fit, in the driver's words and with the arithmetic:
 * "... the c6xx VF has 1 bank of 16 rings; ServicesEnabled = cy;dc gives 2 cy slots (2 per bank),
 * and bank 0 holds 2 of them, all taken (1 instance left without rings)".
 */
export function refusal(config: DeviceConfig, result: AllocationResult): Refusal {
  const short = result.failures.filter((f) => f.code === "no-free-slot");
  const first = short[0];
  const instance = first?.instance;
  const service = instance?.service ?? "cy";
  // User poll-mode instances only look at the banks after the kernel's (adf_cfg_get_ring_pairs).
  const searched =
    instance && !instance.kernel && instance.poll === 1
      ? result.banks.filter((b) => b.bank >= result.firstUserBank)
      : result.banks;
  const all = slotCounts(result.banks)[service].total;
  const there = slotCounts(searched)[service];
  const layout = config.layout;
  const fn = `${config.family.id} ${config.isVf ? "VF" : "PF"}`;
  const banks = layout ? `${plural(layout.banks, "bank")} of ${layout.ringsPerBank} rings` : "its banks";
  const taken =
    there.used === there.total
      ? "all taken"
      : `${there.used} taken, the others in banks another polling mode or process owns`;
  return {
    kind: "budget",
    message:
      `${first?.reason ?? "instances do not fit"}: the ${fn} has ${banks}; ServicesEnabled = ${config.servicesEnabled} ` +
      `gives ${plural(all, `${service} slot`)} (${perBank(result.banks, service)}), and ${rangeText(searched.map((b) => b.bank))} ` +
      `${searched.length === 1 ? "holds" : "hold"} ${there.total} of them, ${taken} (${plural(short.length, "instance")} left without rings)`,
    hint: `ask for fewer instances or processes, or a ServicesEnabled value with more ${service} slots`,
  };
}

/** `4 per bank`, or on QAT 2.0, where banks serve one service each, `on 32 of the 64 banks`. */
function perBank(banks: readonly BankUsage[], service: SlotService): string {
  const counts = banks.map((b) => b.slots.filter((s) => s.service === service).length);
  const first = counts[0] ?? 0;
  if (counts.every((n) => n === first)) return `${first} per bank`;
  return `on ${counts.filter((n) => n > 0).length} of the ${banks.length} banks`;
}

/** `bank 0`, `banks 2-15`, `no bank`. */
function rangeText(banks: readonly number[]): string {
  const first = banks[0];
  const last = banks.at(-1);
  if (first === undefined || last === undefined) return "no bank";
  return first === last ? `bank ${first}` : `banks ${first}-${last}`;
}
