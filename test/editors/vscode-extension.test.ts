/**
 * The VS Code extension (editors/vscode), built by `npm run package:vscode`: bundled with esbuild
 * (vscode-languageclient inside, `vscode` left to the editor), packaged by Microsoft's own
 * `@vscode/vsce` into a .vsix, and the
 * package checked with Debian's `unzip`: a sound zip holding the VSIX manifest, the extension's
 * package.json with its language, grammar and entry point, and the files they name. Its TextMate
 * grammar's patterns compile and colour the parts of a line they are meant for.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.ts";
import { ensureTool } from "../support/tools.ts";

const EXTENSION = join(ROOT, "editors/vscode");
const unzip = ensureTool("unzip", "unzip");
const temp = mkdtempSync(join(tmpdir(), "qatconf-vsix-"));
const vsix = join(temp, "qatconf.vsix");
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Manifest {
  name: string;
  main: string;
  engines: { vscode: string };
  contributes: {
    languages: Array<{ id: string; filenamePatterns: string[]; configuration: string }>;
    grammars: Array<{ language: string; scopeName: string; path: string }>;
  };
}

const manifest = JSON.parse(readFileSync(join(EXTENSION, "package.json"), "utf8")) as Manifest;

function unzipText(entry: string): string {
  const r = spawnSync(unzip.path as string, ["-p", vsix, entry], { encoding: "utf8" });
  expect(r.status, `${entry}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe.skipIf(unzip.reason !== undefined)("the VS Code extension", () => {
  let packaged: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    // What `npm run package:vscode` runs: esbuild's bundle, then vsce.
    packaged = spawnSync(process.execPath, [join(ROOT, "scripts/package-vscode.ts"), "--out", vsix], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
  }, 180_000);

  it("is packaged by vsce into a sound zip with the VSIX manifest", () => {
    expect(packaged.status, `${packaged.stdout}${packaged.stderr}`).toBe(0);
    const test = spawnSync(unzip.path as string, ["-t", vsix], { encoding: "utf8" });
    expect(test.status, test.stdout).toBe(0);
    const list = spawnSync(unzip.path as string, ["-Z1", vsix], { encoding: "utf8" }).stdout.split("\n");
    for (const entry of [
      "extension.vsixmanifest",
      "[Content_Types].xml",
      "extension/package.json",
      "extension/dist/extension.js",
      "extension/syntaxes/qatconf.tmLanguage.json",
      "extension/language-configuration.json",
      "extension/readme.md",
      "extension/LICENSE.txt",
    ]) {
      expect(list, entry).toContain(entry);
    }
    expect(list.some((e) => e.startsWith("extension/src/"))).toBe(false);
    const vsixManifest = unzipText("extension.vsixmanifest");
    expect(vsixManifest).toContain('Id="qatconf"');
    expect(vsixManifest).toContain('Publisher="qatconf"');
    expect(vsixManifest).toContain(`Microsoft.VisualStudio.Code.Engine" Value="${manifest.engines.vscode}"`);
  });

  it("declares the language for QAT files, its grammar, and an entry point that starts qatconf lsp", () => {
    const packagedManifest = JSON.parse(unzipText("extension/package.json")) as Manifest;
    const language = packagedManifest.contributes.languages[0];
    expect(language?.id).toBe("qatconf");
    expect(language?.filenamePatterns).toEqual(["**/*_dev*.conf", "**/*.conf.vm", "**/sysconfig/qat"]);
    expect(packagedManifest.contributes.grammars[0]).toMatchObject({
      language: "qatconf",
      scopeName: "source.qatconf",
    });
    const main = unzipText(`extension/${packagedManifest.main.replace(/^\.\//, "")}`);
    expect(main).toContain('require("vscode")');
    expect(main).toContain('args: ["lsp"]');
    expect(main).toContain("exports");
  });
});

describe("the TextMate grammar", () => {
  const grammar = JSON.parse(readFileSync(join(EXTENSION, "syntaxes/qatconf.tmLanguage.json"), "utf8")) as {
    repository: Record<string, { match?: string; begin?: string; patterns?: Array<{ match?: string }> }>;
  };
  const regex = (source: string | undefined): RegExp => new RegExp(source ?? "(?!)");

  it("has patterns that compile", () => {
    const sources = Object.values(grammar.repository).flatMap((r) => [
      r.match,
      r.begin,
      ...(r.patterns ?? []).map((p) => p.match),
    ]);
    for (const s of sources.filter((x) => x !== undefined)) expect(() => regex(s)).not.toThrow();
  });

  it("tells sections, keys, values and directives apart", () => {
    expect(regex(grammar.repository.section?.match).exec("[SSL]")?.[2]).toBe("SSL");
    expect(regex(grammar.repository.entry?.begin).exec("Cy0IsPolled = 1")?.[1]).toBe("Cy0IsPolled");
    const directive = grammar.repository.comment?.patterns?.[0]?.match;
    expect(regex(directive).exec("# qatconf-disable-next-line unknown-key")?.[3]).toBe(" unknown-key");
  });
});
