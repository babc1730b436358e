/**
 * The anatomy of a rule that finds several kinds of thing (biome's run / diagnostic / action):
 * `find` returns what it found as plain data (a union of finding kinds), `say` turns one finding
 * into its message, hint and place, `fixFor` into its fix. The finding can then be tested, and the
 * wording changed, each without the other.
 */
import type { Fix } from "../../diagnostics.ts";
import type { Reported, RuleContext } from "../types.ts";

/** A finding's words and place: what is reported, but its fix. */
export type Wording = Omit<Reported, "fix">;

/** Reports every finding with its wording and, where it has one, its fix. */
export function reportFindings<F>(
  context: Pick<RuleContext, "report">,
  findings: Iterable<F>,
  say: (finding: F) => Wording,
  fixFor: (finding: F) => Fix | undefined = () => undefined,
): void {
  for (const finding of findings) {
    const fix = fixFor(finding);
    context.report(fix === undefined ? say(finding) : { ...say(finding), fix });
  }
}
