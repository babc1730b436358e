/** The structural invariants of a lossless tree, for the round-trip tests of both grammars. */
import { expect } from "vitest";
import type { ConfigDocument } from "../../src/index.ts";

/** Structural invariants every parse result must keep, whatever the input. */
export function checkTreeInvariants(text: string, doc: ConfigDocument): void {
  let offset = doc.bom.length;
  doc.lines.forEach((line, i) => {
    expect(line.range.start.offset).toBe(offset);
    expect(line.range.start.line).toBe(i + 1);
    expect(line.raw).toBe(text.slice(offset, offset + line.raw.length));
    // The tokens spell the line exactly, in order.
    expect(line.tokens.map((t) => t.text).join("")).toBe(line.raw);
    let tokenOffset = offset;
    for (const t of line.tokens) {
      expect(t.offset).toBe(tokenOffset);
      tokenOffset += t.text.length;
    }
    expect(line.raw.endsWith(line.eol)).toBe(true);
    offset += line.raw.length;
  });
  expect(offset).toBe(text.length);
  for (const d of doc.diagnostics) {
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    expect(d.range.start.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}
