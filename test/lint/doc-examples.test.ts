/**
 * The rule pages' examples run as tests (as biome's rules_check does): every `ini` fence (`sh` for
 * qatlib's `/etc/sysconfig/qat`) under `## Bad` gives at least one finding of the page's rule, every
 * fence under `## Good` none of it (other rules may fire on a fragment). The fence's info string
 * names the file the example is (`ini c6xxvf_dev0.conf`); without one it is a c6xx PF file, or
 * `/etc/sysconfig/qat` for an `sh` fence. The page's `Fixable:` agrees with the rule (for set
 * rules too, whose examples describe several files and are tested in test/rules/set-rules.test.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules, lint } from "../../src/lint/lint.ts";
import { fixableLabel } from "../../src/lint/rule-fixes.ts";
import { SET_RULES } from "../../src/rules/index.ts";

const DOCS = resolve(import.meta.dirname, "../../docs/rules");
const SET = new Set(SET_RULES.map((r) => r.id));

interface Example {
  heading: "Bad" | "Good";
  fileName: string;
  /** `pf-services=cy` after the file name: a VF example's PF ServicesEnabled. */
  pfServices?: string;
  text: string;
}

/** The `ini` fences under `## Bad` and `## Good`, with the file name of their info string. */
function examples(page: string): Example[] {
  const out: Example[] = [];
  let heading: Example["heading"] | undefined;
  const lines = page.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("## ")) heading = line === "## Bad" ? "Bad" : line === "## Good" ? "Good" : undefined;
    const fence = /^```(ini|sh)(?:\s+(\S+))?(?:\s+pf-services=(\S+))?\s*$/.exec(line);
    if (!fence || !heading) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] as string);
    const fileName = fence[2] ?? (fence[1] === "sh" ? "/etc/sysconfig/qat" : "c6xx_dev0.conf");
    const example: Example = { heading, fileName, text: `${body.join("\n")}\n` };
    if (fence[3]) example.pfServices = fence[3];
    out.push(example);
  }
  return out;
}

describe("the rule pages' examples", () => {
  it.each(
    allRules()
      .filter((r) => !SET.has(r.id))
      .map((r) => [r.id] as const),
  )("docs/rules/%s.md", (id) => {
    const page = readFileSync(resolve(DOCS, `${id}.md`), "utf8");
    const found = examples(page);
    expect(found.filter((e) => e.heading === "Bad").length, "a Bad example").toBeGreaterThan(0);
    for (const e of found) {
      const options = { fileName: e.fileName, ...(e.pfServices ? { pfServicesEnabled: e.pfServices } : {}) };
      const ids = lint(e.text, options).diagnostics.filter((d) => d.ruleId === id);
      if (e.heading === "Bad") expect(ids.length, `Bad (${e.fileName}):\n${e.text}`).toBeGreaterThan(0);
      else
        expect(
          ids.map((d) => d.message),
          `Good (${e.fileName})`,
        ).toEqual([]);
    }
  });

  it.each(allRules().map((r) => [r.id, r] as const))("docs/rules/%s.md says how it is fixable", (id, rule) => {
    const page = readFileSync(resolve(DOCS, `${id}.md`), "utf8");
    // `never`, or `sometimes, safe` / `always, unsafe`, wherever the header line wraps.
    const fixable = /\*\*Fixable:\*\*\s+(never|(?:sometimes|always),\s+(?:safe|unsafe))\b/.exec(page)?.[1];
    expect(fixable?.replace(/\s+/g, " "), "Fixable: on the page").toBe(fixableLabel(rule));
  });
});
