/** Writes the syntax diagrams from the grammars (see grammar/diagram.ts). */
import { writeFileSync } from "node:fs";
import { DIAGRAM_PATH, SYSCONFIG_DIAGRAM_PATH, syntaxDiagramHtml, sysconfigDiagramHtml } from "../grammar/diagram.ts";

for (const [path, html] of [
  [DIAGRAM_PATH, syntaxDiagramHtml()],
  [SYSCONFIG_DIAGRAM_PATH, sysconfigDiagramHtml()],
] as const) {
  writeFileSync(path, html);
  process.stdout.write(`wrote ${path}\n`);
}
