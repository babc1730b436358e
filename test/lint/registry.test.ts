/**
 * The rule registry is the rules folder: every file of src/rules/ but the registry holds one rule,
 * whose id is the file's name, and the registry lists it. Helpers rules share live outside the
 * folder (src/lint/rule-support/, the model); test/imports.test.ts checks that no rule imports another.
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, SET_RULES } from "../../src/rules/index.ts";

const DIR = resolve(import.meta.dirname, "../../src/rules");
const files = readdirSync(DIR).filter((f) => f !== "index.ts");

describe("the rule registry", () => {
  it.each(files.map((f) => [f] as const))("src/rules/%s is one registered rule named after its file", async (file) => {
    const module = (await import(resolve(DIR, file))) as Record<string, unknown>;
    const rules = Object.values(module).filter(
      (v): v is { id: string } => typeof v === "object" && v !== null && "id" in v && "defaultSeverity" in v,
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0] as { id: string };
    expect(`${rule.id}.ts`).toBe(file);
    expect([...RULES, ...SET_RULES]).toContain(rule);
  });

  it.each([...RULES, ...SET_RULES].map((r) => [r.id, r] as const))(
    "%s says whether its fixes are safe exactly when it has fixes",
    (_id, rule) => {
      expect(rule.fixApplicability !== undefined, "fixApplicability").toBe(rule.fixAvailability !== "never");
    },
  );

  it("has as many rules as the folder has rule files", () => {
    expect(RULES.length + SET_RULES.length).toBe(files.length);
  });
});
