import { driverValue, type SectionView } from "../config/view.ts";
import type { Fix } from "../diagnostics.ts";
import { fix, remove } from "../fixes.ts";
import { reportFindings, type Wording } from "../lint/rule-support/findings.ts";
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
    reportFindings(context, find(context), say, fixFor);
  },
};

/** A later line setting a key again: with the first line's value, or with another one. */
type Finding = {
  section: string;
  key: string;
  entry: EntryLine;
  value: string;
  /** The line the key is first set on, and its value there. */
  firstLine: number;
  firstValue: string;
} & (
  | { kind: "same-value" }
  | {
      kind: "other-value";
      /** Which value the driver keeps: QAT 1.5's adf_ctl the last, later ones the first. */
      kept: "first" | "last";
      lastValue: string;
    }
);

function* find(context: RuleContext): Generator<Finding> {
  const kept = context.family?.generation === "1.5" ? "last" : "first";
  for (const [section, sections] of context.view.sectionsByName()) {
    for (const [key, entries] of repeatedKeys(sections)) {
      const [first, ...later] = entries;
      if (!first) continue;
      const firstValue = driverValue(first.rawValue.text);
      const lastValue = driverValue((later[later.length - 1] ?? first).rawValue.text);
      const firstLine = first.range.start.line;
      for (const entry of later) {
        const value = driverValue(entry.rawValue.text);
        const common = { section, key, entry, value, firstLine, firstValue };
        yield value === firstValue
          ? { ...common, kind: "same-value" }
          : { ...common, kind: "other-value", kept, lastValue };
      }
    }
  }
}

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

function say(f: Finding): Wording {
  const { key, section, firstLine } = f;
  const range = f.entry.key.range;
  if (f.kind === "same-value") {
    return {
      severity: "info",
      message: `'${key}' is set again in [${section}] with the same value '${f.value}' (first at line ${firstLine})`,
      hint: "delete this line",
      range,
    };
  }
  return {
    message:
      f.kept === "last"
        ? `'${key}' is set again in [${section}] (first at line ${firstLine}): QAT 1.5's adf_ctl uses the last value '${f.lastValue}'`
        : `'${key}' is set again in [${section}] (first at line ${firstLine}): the driver uses the first value '${f.firstValue}' and ignores '${f.value}'`,
    hint: `keep one ${key} line with the value you want and delete the others`,
    range,
  };
}

/** Only a repeat of the same value can go whatever the driver: it keeps the first on 1.7+, the last on 1.5. */
function fixFor(f: Finding): Fix | undefined {
  if (f.kind !== "same-value") return undefined;
  const start = f.entry.range.start.offset;
  return fix(`remove the repeated ${f.key}`, remove(start, start + f.entry.raw.length));
}
