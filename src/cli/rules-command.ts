/** What `qatconf rules` prints: the rule list, or a rule's doc page from the installed package. */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { allRules, findRule } from "../lint/lint.ts";
import { fixableLabel } from "../lint/rule-fixes.ts";
import { ruleDocUrl } from "../reporters/rule-docs.ts";
import { closest, didYouMean } from "../text/suggest.ts";
import { EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { table } from "./table.ts";

/** Runs `qatconf rules [id]` and returns the exit code. */
export async function rules(id: string | undefined, format: "table" | "json"): Promise<number> {
  if (id === undefined) {
    process.stdout.write(format === "json" ? listJson() : listTable());
    return EXIT_OK;
  }
  const rule = findRule(id);
  if (!rule) {
    const hint = didYouMean(
      closest(
        id,
        allRules().map((r) => r.id),
      ),
    );
    process.stderr.write(
      `qatconf: unknown rule '${id}'${hint ? `: ${hint}` : ""} (run 'qatconf rules' for the list)\n`,
    );
    return EXIT_USAGE;
  }
  const page = await docPage(rule.id);
  if (page !== undefined) {
    process.stdout.write(page.endsWith("\n") ? page : `${page}\n`);
  } else {
    // A copy without docs/ (the single executable): the same page is on the web.
    process.stdout.write(`${rule.id}: ${rule.description}\n\nDocumentation: ${ruleDocUrl(rule.id)}\n`);
  }
  return EXIT_OK;
}

function listTable(): string {
  const rows = allRules().map((r) => [r.id, r.defaultSeverity, fixableLabel(r), r.description]);
  return table([["RULE", "SEVERITY", "FIXABLE", "DESCRIPTION"], ...rows]);
}

function listJson(): string {
  const list = allRules().map((r) => ({
    id: r.id,
    defaultSeverity: r.defaultSeverity,
    fixAvailability: r.fixAvailability,
    ...(r.fixApplicability === undefined ? {} : { fixApplicability: r.fixApplicability }),
    description: r.description,
    docs: ruleDocUrl(r.id),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/**
 * The text of `docs/rules/<id>.md` in the installed package: found from the running script
 * (`bin/qatconf.js`) upwards, at the folder whose package.json is qatconf's.
 */
async function docPage(id: string): Promise<string | undefined> {
  const root = packageRoot();
  if (root === undefined) return undefined;
  try {
    return await readFile(join(root, "docs", "rules", `${id}.md`), "utf8");
  } catch {
    return undefined;
  }
}

function packageRoot(): string | undefined {
  const script = process.argv[1];
  if (script === undefined) return undefined;
  let dir: string;
  try {
    dir = dirname(realpathSync(script));
  } catch {
    return undefined;
  }
  for (;;) {
    if (isQatconfPackage(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isQatconfPackage(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name === "qatconf";
  } catch {
    return false;
  }
}
