/**
 * The language server stays out of every other command's start-up: the npm package's CLI bundle
 * holds none of the protocol libraries, `lint` never loads dist/lsp.cjs, and `lsp` loads it from
 * beside the bundle.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.ts";

const CLI = resolve(ROOT, "dist/cli.cjs");
const LSP = resolve(ROOT, "dist/lsp.cjs");

describe("dist/lsp.cjs", () => {
  it("holds the protocol libraries, and the CLI bundle does not", () => {
    // The bundles are minified: their source maps say which modules went into each.
    const sources = (bundle: string): string[] =>
      (JSON.parse(readFileSync(`${bundle}.map`, "utf8")) as { sources: string[] }).sources;
    expect(sources(LSP).some((s) => s.includes("node_modules/vscode-jsonrpc/"))).toBe(true);
    expect(sources(CLI).some((s) => s.includes("node_modules/vscode-jsonrpc/"))).toBe(false);
    expect(sources(CLI).some((s) => s.includes("node_modules/chevrotain/"))).toBe(true);
  });

  it("is loaded by `lsp` only", () => {
    // Which files were loaded, written when the process exits (the server exits when stdin ends).
    const probe = (args: string[]) =>
      `process.on("exit", () => process.stderr.write("\\nloaded:" + Object.keys(require.cache).some((f) => f.endsWith("lsp.cjs"))));
       require(${JSON.stringify(CLI)}).run(${JSON.stringify(args)});`;
    const loaded = (args: string[]): string => {
      const r = spawnSync(process.execPath, ["-e", probe(args)], { encoding: "utf8", input: "" });
      return /loaded:(\w+)$/.exec(r.stderr)?.[1] ?? r.stderr;
    };
    expect(loaded(["lint", resolve(ROOT, "samples/c6xx_dev0.conf")])).toBe("false");
    expect(loaded(["explain", resolve(ROOT, "samples/c6xx_dev0.conf"), "--format", "html"])).toBe("false");
    expect(loaded(["lsp"])).toBe("true");
  });
});
