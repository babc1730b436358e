import type { Fix } from "../diagnostics.ts";
import { fix, replace } from "../fixes.ts";
import { reportFindings, type Wording } from "../lint/rule-support/findings.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { keySuggestions, meantSections } from "../model/key-suggestions.ts";
import type { SectionKind } from "../model/key-table.ts";
import { existsIn, lookupKey, readIn, sectionKind } from "../model/keys.ts";
import type { DeviceFamily } from "../model/types.ts";
import type { EntryLine } from "../syntax/tree.ts";
import { didYouMean } from "../text/suggest.ts";

const WHERE: Record<SectionKind, string> = {
  general: "[GENERAL]",
  kernel: "[KERNEL]/[KERNEL_QAT]",
  user: "user process sections",
  inline: "[INLINE]",
  siov: "[SIOV]",
  accelerator: "[Accelerator<N>] sections",
};

/**
 * Keys the driver does not read: it looks keys up by exact, case-sensitive name (`strcmp`), so a
 * misspelt key is silently ignored and the setting falls back to its default. Also reports a known
 * key written in a section where the driver never looks for it.
 */
export const unknownKey: Rule = {
  id: "unknown-key",
  defaultSeverity: "warning",
  description: "A key the driver does not read (misspelt, wrong case) or does not read in this section",
  fixAvailability: "sometimes",
  fixApplicability: "unsafe",
  check(context) {
    reportFindings(context, find(context), say, fixFor);
  },
};

/** A key the driver never reads here: unknown to it, read in other sections, or by other generations. */
type Finding = { section: string; key: string; entry: EntryLine } & (
  | { kind: "unknown"; suggestions: readonly string[] }
  | { kind: "misplaced"; readIn: readonly SectionKind[] }
  | { kind: "other-generation"; generations: readonly string[]; family: DeviceFamily }
);

function* find(context: RuleContext): Generator<Finding> {
  for (const view of context.view.sections) {
    // A misspelt special section ([GENRAL]) is reported by unknown-section; its keys are judged
    // as if it were spelt right, not as misplaced in a user section.
    const meant = meantSections(view);
    const kind = meant.length === 1 ? sectionKind(meant[0] as string) : sectionKind(view.name);
    for (const key of view.keys()) {
      for (const entry of view.all(key)) {
        const finding = findEntry(context, view.name, kind, key, entry);
        if (finding) yield finding;
      }
    }
  }
}

function findEntry(
  context: RuleContext,
  section: string,
  kind: SectionKind,
  key: string,
  entry: EntryLine,
): Finding | undefined {
  const at = { section, key, entry };
  const match = lookupKey(key);
  if (!match) return { ...at, kind: "unknown", suggestions: keySuggestions(key) };
  const spec = match.spec;
  if (!readIn(spec, kind)) return { ...at, kind: "misplaced", readIn: spec.sections };
  const family = context.family;
  if (family && !existsIn(spec, family.generation)) {
    return { ...at, kind: "other-generation", generations: spec.generations ?? [], family };
  }
  return undefined;
}

function say(f: Finding): Wording {
  const { key, section } = f;
  const range = f.entry.key.range;
  switch (f.kind) {
    case "unknown":
      return {
        message: `unknown key '${key}' in [${section}]: the driver reads keys by exact, case-sensitive name and ignores this one`,
        hint: didYouMean(f.suggestions) ?? "check the spelling against your driver's sample files",
        range,
      };
    case "misplaced": {
      const where = f.readIn.map((k) => WHERE[k]).join(" and ");
      return {
        message: `'${key}' has no effect in [${section}]: the driver reads it only in ${where}`,
        hint: `move it to ${where}`,
        range,
      };
    }
    case "other-generation": {
      const { id, generation } = f.family;
      return {
        message: `'${key}' is read only by ${f.generations.map((g) => `QAT ${g}`).join(", ")} drivers: the ${id} (QAT ${generation}) driver ignores it`,
        hint: `remove it, or check that the file is for the device its name says (${id}; --device overrides)`,
        range,
      };
    }
  }
}

/** The one close known key, when there is exactly one. */
function fixFor(f: Finding): Fix | undefined {
  if (f.kind !== "unknown" || f.suggestions.length !== 1) return undefined;
  const only = f.suggestions[0] as string;
  return fix(`rename to ${only}`, replace(f.entry.key.range, only));
}
