import { resolve } from "node:path";
import { describe, it } from "vitest";
import { allRules } from "../../src/lint/lint.ts";
import { expectDocPage } from "../support/doc-page.ts";

const LAYOUT = {
  dir: resolve(import.meta.dirname, "../../docs/rules"),
  sourceHeading: "## Driver source",
  exampleFences: ["ini", "sh"],
};

describe("every rule has a doc page", () => {
  it.each(allRules().map((r) => [r.id, r] as const))("docs/rules/%s.md explains it", (id, rule) => {
    expectDocPage(LAYOUT, id, rule.defaultSeverity);
  });
});
