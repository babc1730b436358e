import { describe, expect, it } from "vitest";
import { parse, print } from "../../src/index.ts";
import { corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";

describe.skipIf(!corpusAvailable)(corpusSuite("shared corpus"), () => {
  const files = corpusFiles();

  it("holds the files the manifest promises", () => {
    expect(files.length).toBeGreaterThanOrEqual(195);
  });

  it.each(files.map((f) => [f.name, f] as const))("%s parses cleanly and prints back byte for byte", (_name, file) => {
    const doc = parse(file.text, { fileName: file.path });
    expect(doc.diagnostics).toEqual([]);
    expect(print(doc)).toBe(file.text);
    expect(doc.sections.map((s) => s.name)).toContain("GENERAL");
  });
});
