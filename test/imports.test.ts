/**
 * The direction of imports (the developers' guide: data flows text → tokens → tree → view → model
 * → diagnostics → output): the model and the editors import nothing of the linter, the rules, the
 * CLI, the host checks, the language server or the reporters; the syntax layer imports nothing above
 * it; no rule imports another. Imports are read from the source by a plain scan, so that a layer
 * crossed by a type-only or a lazy `import()` fails too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = resolve(ROOT, "src");

/** Every `.ts` file below a folder of src/, as paths relative to the repository. */
function sources(folder: string): string[] {
  return readdirSync(resolve(SRC, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => relative(ROOT, resolve(SRC, folder, f)))
    .sort();
}

// `import ... from "x"`, `export ... from "x"`, `import "x"` and `import("x")`, on one line or several.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)"([^"]+)"/gm;

/** The files a source file imports by relative path, relative to the repository; packages are left out. */
function importsOf(file: string, text = readFileSync(resolve(ROOT, file), "utf8")): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SPECIFIER)) {
    const specifier = m[1] as string;
    if (specifier.startsWith(".")) found.add(relative(ROOT, resolve(ROOT, dirname(file), specifier)));
  }
  return [...found].sort();
}

/** `file imports target` for every import of the files that `forbidden` says no to. */
function crossings(files: readonly string[], forbidden: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((t) => forbidden(t, file))
      .map((t) => `${file} imports ${t}`),
  );
}

const under = (path: string, ...folders: string[]): boolean => folders.some((f) => path.startsWith(`src/${f}/`));

// What sits above the model and the editors: what lints, reports, runs and serves.
const ABOVE_MODEL = ["lint", "rules", "cli", "host", "lsp", "reporters", "render"];
const ENTRY_POINTS = ["src/index.ts", "src/cli.ts", "src/sea.ts", "src/linted-edits.ts"];

describe("the direction of imports", () => {
  it("reads every form of import, multi-line and lazy ones too, and leaves packages out", () => {
    const text = [
      'import type { A } from "../lint/types.ts";',
      "import {",
      "  b,",
      '} from "./b.ts";',
      'export { c } from "../c.ts";',
      'import "./side-effect.ts";',
      'const d = await import("../../d.ts");',
      'import fc from "fast-check";',
    ].join("\n");
    expect(importsOf("src/edit/x.ts", text)).toEqual([
      "d.ts",
      "src/c.ts",
      "src/edit/b.ts",
      "src/edit/side-effect.ts",
      "src/lint/types.ts",
    ]);
    // The scan sees the real tree: the package root imports the linter.
    expect(importsOf("src/index.ts")).toContain("src/lint/lint.ts");
  });

  it("keeps src/model/ and src/edit/ free of the linter, the rules, the CLI, the host, the server and the reporters", () => {
    const files = [...sources("model"), ...sources("edit")];
    expect(files.length).toBeGreaterThan(10);
    expect(crossings(files, (t) => under(t, ...ABOVE_MODEL) || ENTRY_POINTS.includes(t))).toEqual([]);
  });

  it("keeps src/syntax/ on its own: it imports only itself, the grammar and the diagnostic types", () => {
    const files = sources("syntax");
    expect(files.length).toBeGreaterThan(2);
    const allowed = (t: string): boolean =>
      under(t, "syntax") || t.startsWith("grammar/") || t === "src/diagnostics.ts";
    expect(crossings(files, (t) => !allowed(t))).toEqual([]);
  });

  it("has no rule importing anything of src/rules/ (another rule or the registry): shared helpers live outside it", () => {
    const rules = sources("rules").filter((path) => !path.endsWith("/index.ts"));
    expect(rules.length).toBeGreaterThan(10);
    expect(crossings(rules, (t) => under(t, "rules"))).toEqual([]);
  });
});
