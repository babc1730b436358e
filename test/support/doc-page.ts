/**
 * The layout every finding's doc page follows (lint rules under docs/rules/, doctor checks under
 * docs/doctor/), checked the same way for both: a page per id, shellcheck-wiki style.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "vitest";

/** What differs between the two kinds of page. */
export interface DocPageLayout {
  /** The folder of the pages. */
  dir: string;
  /** The heading that cites the behaviour behind the finding. */
  sourceHeading: string;
  /** The fence languages the bad and good examples may use. */
  exampleFences: readonly string[];
}

/** Asserts that `<dir>/<id>.md` exists and explains a finding with this id and default severity. */
export function expectDocPage(layout: DocPageLayout, id: string, defaultSeverity: string): void {
  const path = resolve(layout.dir, `${id}.md`);
  expect(existsSync(path), `${path} is missing`).toBe(true);
  const page = readFileSync(path, "utf8");
  expect(page.startsWith(`# \`${id}\``)).toBe(true);
  expect(page).toContain(`**Default severity:** ${defaultSeverity}`);
  for (const heading of ["## What it checks", "## Why it matters", "## Bad", "## Good", layout.sourceHeading]) {
    expect(page, `${id}: ${heading}`).toContain(heading);
  }
  // The bad and the good example are real text: configuration, commands or output.
  // A fence may name its file after the language (`ini c6xxvf_dev0.conf`): the examples test reads it.
  const fence = new RegExp(`\`\`\`(?:${layout.exampleFences.join("|")})(?: [^\\n]*)?\\n`, "g");
  expect(page.match(fence)?.length ?? 0).toBeGreaterThanOrEqual(2);
}
