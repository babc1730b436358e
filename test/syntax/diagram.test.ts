import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import {
  DIAGRAM_PATH,
  SYSCONFIG_DIAGRAM_PATH,
  syntaxDiagramHtml,
  sysconfigDiagramHtml,
} from "../../grammar/diagram.ts";

it("the committed syntax diagram is the one the grammar draws (npm run grammar:diagram)", () => {
  const committed = readFileSync(resolve(import.meta.dirname, "../..", DIAGRAM_PATH), "utf8");
  const current = syntaxDiagramHtml();
  expect(committed).toBe(current);
  for (const rule of ["file", "line", "header", "entry"]) expect(current).toMatch(new RegExp(`"name": "${rule}"`));
});

it("the committed /etc/sysconfig/qat diagram is the one its grammar draws (npm run grammar:diagram)", () => {
  const committed = readFileSync(resolve(import.meta.dirname, "../..", SYSCONFIG_DIAGRAM_PATH), "utf8");
  const current = sysconfigDiagramHtml();
  expect(committed).toBe(current);
  for (const rule of ["file", "entry"]) expect(current).toMatch(new RegExp(`"name": "${rule}"`));
});
