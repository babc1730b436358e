import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/lint/lint.ts";

const DOCS = resolve(import.meta.dirname, "../../docs/rules");

describe("every rule has a doc page", () => {
  it.each(allRules().map((r) => [r.id, r] as const))("docs/rules/%s.md explains it", (id, rule) => {
    const path = resolve(DOCS, `${id}.md`);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const page = readFileSync(path, "utf8");
    expect(page.startsWith(`# \`${id}\``)).toBe(true);
    expect(page).toContain(`**Default severity:** ${rule.defaultSeverity}`);
    for (const heading of ["## What it checks", "## Why it matters", "## Bad", "## Good", "## Driver source"]) {
      expect(page, `${id}: ${heading}`).toContain(heading);
    }
    // The bad and the good example are real configuration text.
    expect(page.match(/```ini\n/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});
