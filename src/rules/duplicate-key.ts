import { driverValue, type SectionView } from "../config/view.ts";
import { fix, remove } from "../fixes.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import type { EntryLine } from "../syntax/tree.ts";

/**
 * A key set twice in one section (or in two sections of the same name, which adf_ctl merges).
 * adf_ctl of QAT 1.7 and later keeps the FIRST value (`config::read_ini` inserts into a `std::map`,
 * which ignores a second insert of a key); QAT 1.5's adf_ctl keeps the LAST (`adf_add_section_param`
 * deletes the earlier one). The two drivers disagree, so the only fix that is right for both is to
 * drop a later line that repeats the same value; differing values need a person to choose.
 */
export const duplicateKey: Rule = {
  id: "duplicate-key",
  defaultSeverity: "warning",
  description: "A key is set more than once in a section; the driver silently uses only one value",
  fixAvailability: "sometimes",
  fixApplicability: "safe",
  check(context) {
    for (const [name, sections] of context.view.sectionsByName()) {
      for (const [key, entries] of repeatedKeys(sections)) reportRepeats(context, name, key, entries);
    }
  },
};

/** Keys set more than once across sections of one name, with their entries in file order. */
function repeatedKeys(sections: readonly SectionView[]): [string, EntryLine[]][] {
  const only = sections.length === 1 ? sections[0] : undefined;
  if (only) {
    const repeated: [string, EntryLine[]][] = [];
    for (const key of only.keys()) {
      const entries = only.all(key);
      if (entries.length > 1) repeated.push([key, entries]);
    }
    return repeated;
  }
  const byKey = new Map<string, EntryLine[]>();
  for (const s of sections) {
    for (const key of s.keys()) byKey.set(key, [...(byKey.get(key) ?? []), ...s.all(key)]);
  }
  return [...byKey].filter(([, entries]) => entries.length > 1);
}

function reportRepeats(context: RuleContext, section: string, key: string, entries: EntryLine[]): void {
  const qat15 = context.family?.generation === "1.5";
  const [first, ...later] = entries;
  if (!first) return;
  const firstValue = driverValue(first.rawValue.text);
  const lastValue = driverValue((later[later.length - 1] ?? first).rawValue.text);
  const firstLine = first.range.start.line;
  for (const entry of later) {
    const value = driverValue(entry.rawValue.text);
    if (value === firstValue) {
      context.report({
        severity: "info",
        message: `'${key}' is set again in [${section}] with the same value '${value}' (first at line ${firstLine})`,
        hint: "delete this line",
        range: entry.key.range,
        fix: fix(
          `remove the repeated ${key}`,
          remove(entry.range.start.offset, entry.range.start.offset + entry.raw.length),
        ),
      });
      continue;
    }
    context.report({
      message: qat15
        ? `'${key}' is set again in [${section}] (first at line ${firstLine}): QAT 1.5's adf_ctl uses the last value '${lastValue}'`
        : `'${key}' is set again in [${section}] (first at line ${firstLine}): the driver uses the first value '${firstValue}' and ignores '${value}'`,
      hint: `keep one ${key} line with the value you want and delete the others`,
      range: entry.key.range,
    });
  }
}
