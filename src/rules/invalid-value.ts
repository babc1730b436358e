import { driverValue, parseInteger } from "../config/view.ts";
import type { Severity } from "../diagnostics.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import type { KeySpec } from "../model/key-table.ts";
import { lookupKey, sectionKind } from "../model/keys.ts";
import type { EntryLine } from "../syntax/tree.ts";

const NUMBER_LIST = /^\d+(,\d+)*$/;
const IS_POLLED = new Set(["Cy<N>IsPolled", "Dc<N>IsPolled"]);

/** What is wrong with a value, in words, or `undefined` when it is fine. */
interface Problem {
  why: string;
  severity?: Severity;
}

/**
 * Values of the wrong type or out of the driver's range: a flag that is not 0 or 1, a count that is
 * not a whole number, an enum value the driver does not know. One rule for type and range, since to
 * the reader both are "this value is not one the driver accepts", and the message lists the
 * accepted ones. ServicesEnabled has its own rule (`services-enabled`), CoreAffinity lists are
 * `core-affinity`'s, and `instance-polling` owns IsPolled of user instances and an IsPolled
 * that is not a number; this rule checks the 0-2 range of kernel instances.
 */
export const invalidValue: Rule = {
  id: "invalid-value",
  defaultSeverity: "warning",
  description: "A value of the wrong type or outside the range the driver accepts",
  fixAvailability: "never",
  check(context) {
    for (const section of context.view.sections) {
      const userSection = sectionKind(section.name) === "user";
      // The driver uses the first entry of a key; later ones are duplicate-key's business.
      for (const key of section.keys()) {
        const match = lookupKey(key);
        if (!match || match.spec.type === "string" || match.spec.type === "services" || match.spec.type === "cpu-list")
          continue;
        const entry = section.entry(key);
        if (!entry) continue;
        const value = driverValue(entry.rawValue.text);
        // instance-polling owns IsPolled of user instances and IsPolled that is not a number.
        if (IS_POLLED.has(match.spec.name) && (userSection || parseInteger(value) === undefined)) continue;
        const problem = judge(context, match.spec, value);
        if (problem) report(context, key, entry, problem);
      }
    }
  },
};

function judge(context: RuleContext, spec: Readonly<KeySpec>, value: string): Problem | undefined {
  if (spec.name === "ConfigVersion") return configVersion(context, value);
  switch (spec.type) {
    case "boolean":
      return value === "0" || value === "1" ? undefined : { why: "must be 0 or 1" };
    case "integer":
      return integerProblem(spec, value);
    case "enum":
      return spec.values?.includes(value) ? undefined : { why: `must be one of ${(spec.values ?? []).join(", ")}` };
    case "number-list":
      return NUMBER_LIST.test(value)
        ? undefined
        : { why: "must be a number or a comma-separated list of numbers, such as 0,1" };
    default:
      return undefined;
  }
}

function integerProblem(spec: Readonly<KeySpec>, value: string): Problem | undefined {
  const n = parseInteger(value);
  if (n === undefined || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
    return { why: `must be a whole number${rangeText(spec)}` };
  return undefined;
}

function rangeText(spec: Readonly<KeySpec>): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return ` of at least ${spec.min}`;
  if (spec.max !== undefined) return ` of at most ${spec.max}`;
  return "";
}

/** adf_ctl of QAT 1.6 and later refuses anything but 2; QAT 1.5 reads 2 (simplified) or 1. */
function configVersion(context: RuleContext, value: string): Problem | undefined {
  if (context.family?.generation === "1.5") {
    return value === "1" || value === "2" ? undefined : { why: "must be 1 or 2 for QAT 1.5" };
  }
  return value === "2"
    ? undefined
    : { why: 'must be 2: adf_ctl stops with "Only version 2 config file supported"', severity: "error" };
}

function report(context: RuleContext, key: string, entry: EntryLine, problem: Problem): void {
  const value = driverValue(entry.rawValue.text);
  context.report({
    message: `${key} = '${value}' is not valid: ${key} ${problem.why}`,
    hint: `change the value of ${key}`,
    range: entry.rawValue.text === "" ? entry.key.range : entry.rawValue.range,
    ...(problem.severity === undefined ? {} : { severity: problem.severity }),
  });
}
