import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allHostChecks } from "../../src/host/doctor.ts";
import { expectDocPage } from "../support/doc-page.ts";

const DOCS = resolve(import.meta.dirname, "../../docs/doctor");
const LAYOUT = { dir: DOCS, sourceHeading: "## Driver and kernel behaviour", exampleFences: ["text", "ini"] };

describe("every doctor check has a doc page", () => {
  it.each(allHostChecks().map((c) => [c.id, c] as const))("docs/doctor/%s.md explains it", (id, check) => {
    expectDocPage(LAYOUT, id, check.defaultSeverity);
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
