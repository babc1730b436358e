/**
 * Findings that do not keep their file's text alive (see src/text/detach.ts): made once, where
 * the lint engine takes a rule's finding, for file and set rules alike.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { detached } from "../text/detach.ts";

/** `d` with every string it quotes from a file copied out of it. */
export function withOwnStrings(d: Diagnostic): Diagnostic {
  d.message = detached(d.message);
  if (d.hint !== undefined) d.hint = detached(d.hint);
  if (d.fix) {
    d.fix = {
      ...d.fix,
      description: detached(d.fix.description),
      edits: d.fix.edits.map((edit) => ({ ...edit, newText: detached(edit.newText) })),
    };
  }
  return d;
}
