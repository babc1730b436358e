/** The language server's view of a document: the line under any offset, on any text. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Analysis } from "../../src/lsp/analysis.ts";
import { documentName } from "../../src/lsp/settings.ts";
import { anyString, configDocument } from "../support/arbitraries.ts";

const texts = fc.oneof(
  anyString,
  configDocument.map((d) => d.text),
);

describe("Analysis.lineAt", () => {
  it("finds the line whose text or line ending holds the offset (the BOM belongs to the first)", () => {
    fc.assert(
      fc.property(texts, fc.nat(), (text, n) => {
        const analysis = new Analysis(text, { fileName: "c6xx_dev0.conf" });
        const lines = analysis.document.lines;
        const offset = n % (text.length + 1);
        const line = analysis.lineAt(offset);
        if (lines.length === 0) {
          expect(line).toBeUndefined();
          return;
        }
        if (!line) throw new Error(`no line at ${offset}`);
        const index = lines.indexOf(line);
        const next = lines[index + 1];
        if (index > 0) expect(line.range.start.offset).toBeLessThanOrEqual(offset);
        if (next) expect(offset).toBeLessThan(next.range.start.offset);
      }),
    );
  });
});

describe("documentName", () => {
  it("names a document by its path, or by the last segment of any other URI, whatever the URI", () => {
    expect(documentName("file:///etc/c6xx_dev0.conf")).toBe("/etc/c6xx_dev0.conf");
    expect(documentName("untitled:c6xx%5Fdev0.conf")).toBe("c6xx_dev0.conf");
    expect(documentName("untitled:bad%zz")).toBe("bad%zz");
    fc.assert(
      fc.property(anyString, (uri) => {
        expect(typeof documentName(uri)).toBe("string");
      }),
    );
  });
});
