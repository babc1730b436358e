import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { DIAGRAM_PATH, syntaxDiagramHtml } from "../../grammar/diagram.ts";

it("the committed syntax diagram is the one the grammar draws (npm run grammar:diagram)", () => {
  const committed = readFileSync(resolve(import.meta.dirname, "../..", DIAGRAM_PATH), "utf8");
  const current = syntaxDiagramHtml();
  expect(committed).toBe(current);
  for (const rule of ["file", "line", "header", "entry"]) expect(current).toMatch(new RegExp(`"name": "${rule}"`));
});
