import type { Fix } from "../diagnostics.ts";
import { fix, replace } from "../fixes.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { parseCoreAffinity } from "../model/core-affinity.ts";
import { describeInstance, instanceSectionsOf, isProcessed } from "../model/instances.ts";
import type { InstanceDeclaration, InstanceSection } from "../model/types.ts";
import type { EntryLine } from "../syntax/tree.ts";
import { plural } from "../text/plural.ts";

/**
 * CoreAffinity values: a list the driver cannot read (`adf_cfg_set_core_number_for_instance` takes
 * only decimal CPU numbers and `N-M` ranges separated by commas, at most `ADF_CFG_MAX_CORE_NUM`
 * 256 of them, and otherwise fails with "Get core number failed"), and, with `--cpus`, CPUs the
 * host does not have. A warning, not an error: Intel ships files for the upstream driver's adf_ctl
 * with `[0-15]`, whose reader this project has not verified.
 */
export const coreAffinity: Rule = {
  id: "core-affinity",
  defaultSeverity: "warning",
  description: "A CoreAffinity list the driver cannot read, or a CPU the host does not have (--cpus)",
  fixAvailability: "sometimes",
  fixApplicability: "safe",
  check(context) {
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const d of section.instances) {
        const entry = d.keys.get("CoreAffinity");
        if (!d.counted || !entry || d.coreAffinity === undefined) continue;
        checkInstance(context, section, d, entry, d.coreAffinity);
      }
    }
  },
};

function checkInstance(
  context: RuleContext,
  section: InstanceSection,
  d: InstanceDeclaration,
  entry: EntryLine,
  value: string,
): void {
  const list = parseCoreAffinity(value);
  if (!list.ok) {
    const brackets = bracketFix(entry, value);
    context.report({
      message: `${describeInstance(d)}: the driver cannot read ${d.label}CoreAffinity = ${value} (${list.error}) and stops with "Get core number failed"`,
      hint: brackets
        ? `drop the brackets: ${d.label}CoreAffinity = ${value.slice(1, -1)}`
        : "write CPU numbers and N-M ranges separated by commas, for example 0-3,8",
      range: entry.rawValue.range,
      ...(brackets ? { fix: brackets } : {}),
    });
    return;
  }
  const cpus = context.options.cpus;
  if (cpus === undefined || list.cores.length === 0) return;
  // Copy p of a user section is bound to entry p % count; kernel instances to the first entry.
  const used = section.kernel ? 1 : Math.min(section.processes, list.cores.length);
  const missing = [...new Set(list.cores.slice(0, used))].filter((c) => c >= cpus).sort((a, b) => a - b);
  if (missing.length === 0) return;
  context.report({
    message: `${describeInstance(d)} is bound to CPU ${ranges(missing)}, but the host has ${plural(cpus, "CPU")} (0-${cpus - 1})`,
    hint: `use CPUs 0 to ${cpus - 1} in ${d.label}CoreAffinity`,
    range: entry.rawValue.range,
  });
}

/** `[0-15]` means `0-15`: dropping the brackets is the one reading that makes sense, when the rest parses. */
function bracketFix(entry: EntryLine, value: string): Fix | undefined {
  const m = /^\[(.*)\]$/.exec(value);
  if (!m || !parseCoreAffinity(m[1] as string).ok) return undefined;
  const raw = entry.rawValue;
  const inner = /^\[(.*)\]$/.exec(raw.text);
  if (!inner) return undefined;
  return fix("drop the brackets", replace(raw.range, inner[1] as string));
}

/** `4,5,6,9` as `4-6, 9`. */
function ranges(sorted: readonly number[]): string {
  const parts: string[] = [];
  let start = sorted[0] as number;
  let prev = start;
  for (const c of [...sorted.slice(1), Number.NaN]) {
    if (c === prev + 1) {
      prev = c;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = c;
    prev = c;
  }
  return parts.join(", ");
}
