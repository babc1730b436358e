/**
 * The ring budget check of an edit: the driver's allocation is simulated on the file before and
 * after the edit, and an edit that leaves more instances without rings than before is refused,
 * naming the banks searched and the slots they hold, so that the user sees why before the driver
 * refuses to start.
 */
import { view } from "../config/view.ts";
import { resolveDevice } from "../lint/lint.ts";
import type { LintOptions } from "../lint/types.ts";
import { allocate, slotCounts } from "../model/allocator.ts";
import { deviceConfig } from "../model/instances.ts";
import type { AllocationResult, DeviceConfig, DeviceFamily } from "../model/types.ts";
import { parse } from "../syntax/parse.ts";
import type { Refusal } from "./result.ts";

/** The verdict: a refusal when the edit breaks the budget, or notes when it could not be checked. */
export interface BudgetCheck {
  refusal?: Refusal;
  notes: string[];
}

/** Checks that `after` leaves no more instances without rings than `before` does. */
export function checkBudget(before: string, after: string, options: LintOptions): BudgetCheck {
  const { family, isVf } = resolveDevice(options);
  if (!family) {
    return {
      notes: ["ring budget not checked: the device is unknown (name the file like c6xx_dev0.conf or pass --device)"],
    };
  }
  const next = simulate(after, family, isVf, options.fileName);
  if (!next.result.modelled) return { notes: [`ring budget not checked: ${next.result.note}`] };
  if (next.result.fits) return { notes: [] };
  const previous = simulate(before, family, isVf, options.fileName);
  if (next.result.failures.length <= previous.result.failures.length) return { notes: [] };
  return { refusal: refusal(next.config, next.result), notes: [] };
}

function simulate(
  text: string,
  family: DeviceFamily,
  isVf: boolean,
  fileName: string | undefined,
): { config: DeviceConfig; result: AllocationResult } {
  const doc = parse(text, fileName === undefined ? {} : { fileName });
  const config = deviceConfig(view(doc), family, isVf);
  return { config, result: allocate(config) };
}

/** The refusal for a configuration that does not fit, in the driver's words and with the arithmetic. */
export function refusal(config: DeviceConfig, result: AllocationResult): Refusal {
  const first = result.failures[0];
  const failed = result.failures.length;
  const instance = first?.instance;
  const service = instance?.service ?? "cy";
  const searched =
    instance && !instance.kernel && instance.poll === 1
      ? result.banks.filter((b) => b.bank >= result.firstUserBank)
      : result.banks;
  const counts = slotCounts(searched)[service];
  const perBank = result.banks[0]?.slots.filter((s) => s.service === service).length ?? 0;
  const layout = config.layout;
  const fn = `${config.family.id} ${config.isVf ? "VF" : "PF"}`;
  const bankRange = rangeText(searched.map((b) => b.bank));
  const hold = searched.length === 1 ? "holds" : "hold";
  const banks = layout ? `${layout.banks} bank${layout.banks === 1 ? "" : "s"} of ${layout.ringsPerBank} rings` : "";
  return {
    kind: "budget",
    message:
      `${first?.reason ?? "instances do not fit"}: the ${fn} has ${banks}; ServicesEnabled = ${config.servicesEnabled} ` +
      `gives ${perBank} ${service} slot${perBank === 1 ? "" : "s"} per bank, and ${bankRange} ${hold} ${counts.total}, ` +
      `all taken (${failed} instance${failed === 1 ? "" : "s"} left without rings)`,
    hint: `ask for fewer instances or processes, or a ServicesEnabled value with more ${service} slots`,
  };
}

/** `bank 0`, `banks 2-15`, `no bank`. */
function rangeText(banks: readonly number[]): string {
  const first = banks[0];
  const last = banks.at(-1);
  if (first === undefined || last === undefined) return "no bank";
  return first === last ? `bank ${first}` : `banks ${first}-${last}`;
}
