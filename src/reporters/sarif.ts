/**
 * SARIF 2.1.0, as GitHub code scanning ingests it (`github/codeql-action/upload-sarif`): one run,
 * the rule table in `tool.driver.rules`, and results located relative to the checkout
 * (`%SRCROOT%`, the working directory).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Applicability, Diagnostic, Severity } from "../diagnostics.ts";
import type { FixAvailability } from "../lint/types.ts";
import { relativeToCwd, wellFormed } from "./location.ts";
import { HOMEPAGE, ruleDocUrl } from "./rule-docs.ts";
import type { FileReport, Reporter, RuleMeta } from "./types.ts";

type Level = "error" | "warning" | "note";
const LEVEL: Record<Severity, Level> = { error: "error", warning: "warning", info: "note" };
const SRCROOT = "%SRCROOT%";

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { fixAvailability: FixAvailability; fixApplicability?: Applicability };
}

/** Renders one SARIF log with a single run. */
export const sarif: Reporter = (results, options) => {
  const rules = ruleTable(options.rules, results);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "qatconf", version: options.version, informationUri: HOMEPAGE, rules },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((file) =>
          file.diagnostics.map((d) => result(d, artifactLocation(file.filePath, options.cwd), index)),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** The registry's rules, then any rule a diagnostic names that the registry lacks, so every `ruleIndex` resolves. */
function ruleTable(registry: readonly RuleMeta[], results: readonly FileReport[]): SarifRule[] {
  const metas = new Map(registry.map((r) => [r.id, r]));
  for (const file of results) {
    for (const d of file.diagnostics) {
      if (!metas.has(d.ruleId)) {
        metas.set(d.ruleId, {
          id: d.ruleId,
          defaultSeverity: d.severity,
          description: d.ruleId,
          fixAvailability: "never",
        });
      }
    }
  }
  return [...metas.values()].map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties: {
      fixAvailability: r.fixAvailability,
      ...(r.fixApplicability === undefined ? {} : { fixApplicability: r.fixApplicability }),
    },
  }));
}

function directoryUri(cwd: string): string {
  const href = pathToFileURL(resolve(cwd)).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** A path inside the checkout relative to `%SRCROOT%`; anything else as an absolute `file:` URI. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relativeToCwd(filePath, cwd);
  if (rel === undefined) return { uri: pathToFileURL(resolve(cwd, wellFormed(filePath))).href };
  return { uri: wellFormed(rel).split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function result(d: Diagnostic, location: { uri: string; uriBaseId?: string }, index: Map<string, number>) {
  const { start, end } = d.range;
  return {
    ruleId: d.ruleId,
    ruleIndex: index.get(d.ruleId) ?? -1,
    level: LEVEL[d.severity],
    message: { text: d.hint === undefined ? d.message : `${d.message}\nHint: ${d.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location,
          // SARIF positions are 1-based with an exclusive end column, as ours are.
          region: {
            startLine: atLeastOne(start.line),
            startColumn: atLeastOne(start.column),
            endLine: atLeastOne(end.line),
            endColumn: atLeastOne(end.column),
          },
        },
      },
    ],
  };
}

function atLeastOne(n: number): number {
  return Number.isInteger(n) && n > 0 ? n : 1;
}
