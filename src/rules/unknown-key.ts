import type { SectionView } from "../config/view.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { keySuggestions, meantSections } from "../model/key-suggestions.ts";
import type { KeySpec, SectionKind } from "../model/key-table.ts";
import { existsIn, lookupKey, readIn, sectionKind } from "../model/keys.ts";
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
  fixable: true,
  check(context) {
    for (const section of context.view.sections) {
      // A misspelt special section ([GENRAL]) is reported by unknown-section; its keys are judged
      // as if it were spelt right, not as misplaced in a user section.
      const meant = meantSections(section);
      const kind = meant.length === 1 ? sectionKind(meant[0] as string) : sectionKind(section.name);
      for (const key of section.keys()) {
        for (const entry of section.all(key)) checkEntry(context, section, kind, key, entry);
      }
    }
  },
};

function checkEntry(
  context: RuleContext,
  section: SectionView,
  kind: SectionKind,
  key: string,
  entry: EntryLine,
): void {
  const match = lookupKey(key);
  if (match) {
    if (!readIn(match.spec, kind)) reportMisplaced(context, section, key, match.spec, entry);
    else if (context.family && !existsIn(match.spec, context.family.generation)) {
      reportOtherGeneration(context, key, match.spec, entry);
    }
    return;
  }
  const suggestions = keySuggestions(key);
  const only = suggestions.length === 1 ? suggestions[0] : undefined;
  context.report({
    message: `unknown key '${key}' in [${section.name}]: the driver reads keys by exact, case-sensitive name and ignores this one`,
    hint: didYouMean(suggestions) ?? "check the spelling against your driver's sample files",
    range: entry.key.range,
    ...(only === undefined
      ? {}
      : {
          fix: {
            description: `rename to ${only}`,
            edits: [{ start: entry.key.range.start.offset, end: entry.key.range.end.offset, newText: only }],
          },
        }),
  });
}

function reportMisplaced(
  context: RuleContext,
  section: SectionView,
  key: string,
  spec: KeySpec,
  entry: EntryLine,
): void {
  const where = spec.sections.map((k) => WHERE[k]).join(" and ");
  context.report({
    message: `'${key}' has no effect in [${section.name}]: the driver reads it only in ${where}`,
    hint: `move it to ${where}`,
    range: entry.key.range,
  });
}

/** A key of another generation's driver: this device's driver never looks it up. */
function reportOtherGeneration(context: RuleContext, key: string, spec: KeySpec, entry: EntryLine): void {
  const family = context.family;
  if (!family) return;
  const generations = (spec.generations ?? []).map((g) => `QAT ${g}`).join(", ");
  context.report({
    message: `'${key}' is read only by ${generations} drivers: the ${family.id} (QAT ${family.generation}) driver ignores it`,
    hint: `remove it, or check that the file is for the device its name says (${family.id}; --device overrides)`,
    range: entry.key.range,
  });
}
