import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allHostChecks } from "../../src/host/doctor.ts";

const DOCS = resolve(import.meta.dirname, "../../docs/doctor");

describe("every doctor check has a doc page", () => {
  it.each(allHostChecks().map((c) => [c.id, c] as const))("docs/doctor/%s.md explains it", (id, check) => {
    const path = resolve(DOCS, `${id}.md`);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const page = readFileSync(path, "utf8");
    expect(page.startsWith(`# \`${id}\``)).toBe(true);
    expect(page).toContain(`**Default severity:** ${check.defaultSeverity}`);
    for (const heading of [
      "## What it checks",
      "## Why it matters",
      "## Bad",
      "## Good",
      "## Driver and kernel behaviour",
    ]) {
      expect(page, `${id}: ${heading}`).toContain(heading);
    }
    // The bad and the good example are real text (commands, files or output).
    expect(page.match(/```(?:text|ini)\n/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it("the index lists every check, and nothing else", () => {
    const index = readFileSync(resolve(DOCS, "README.md"), "utf8");
    const listed = [...index.matchAll(/\| \[`([\w-]+)`\]\(\1\.md\)/g)].map((m) => m[1]);
    expect(listed).toEqual(allHostChecks().map((c) => c.id));
  });

  it("check ids are unique and do not collide with lint rule ids", async () => {
    const { allRules } = await import("../../src/lint/lint.ts");
    const ids = allHostChecks().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rules = new Set(allRules().map((r) => r.id));
    expect(ids.filter((id) => rules.has(id))).toEqual([]);
  });
});
