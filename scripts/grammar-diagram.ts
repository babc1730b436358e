/** Writes grammar/syntax-diagram.html from the grammar (see grammar/diagram.ts). */
import { writeFileSync } from "node:fs";
import { DIAGRAM_PATH, syntaxDiagramHtml } from "../grammar/diagram.ts";

writeFileSync(DIAGRAM_PATH, syntaxDiagramHtml());
process.stdout.write(`wrote ${DIAGRAM_PATH}\n`);
