import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BINARY_SNIFF_BYTES, decodeText, InputError } from "../../src/io/read-text.ts";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function offsetOf(bytes: Uint8Array): number | undefined {
  try {
    decodeText(bytes);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return Number(/offset (\d+)/.exec((error as Error).message)?.[1]);
  }
}

describe("decodeText", () => {
  it("keeps a byte order mark and decodes UTF-8", () => {
    expect(decodeText(new TextEncoder().encode("\ufeff[A]\nk = é😀\n"))).toBe("\ufeff[A]\nk = é😀\n");
  });

  it("refuses a NUL byte in the first 8 KiB only", () => {
    const early = new Uint8Array(BINARY_SNIFF_BYTES).fill(0x41);
    early[BINARY_SNIFF_BYTES - 1] = 0;
    expect(() => decodeText(early)).toThrow(`NUL byte at offset ${BINARY_SNIFF_BYTES - 1}`);
    const late = new Uint8Array(BINARY_SNIFF_BYTES + 1).fill(0x41);
    late[BINARY_SNIFF_BYTES] = 0;
    expect(decodeText(late)).toHaveLength(BINARY_SNIFF_BYTES + 1);
  });

  it("refuses exactly what a strict UTF-8 decoder refuses, at the start of the first bad sequence", () => {
    const bytes = fc.uint8Array({ maxLength: 24 }).map((b) => b.map((x) => (x === 0 ? 1 : x)));
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        const offset = offsetOf(b);
        expect(offset === undefined).toBe(valid);
        if (offset === undefined) return;
        // Everything before the offset is well-formed; the sequence at it is not.
        expect(() => strict.decode(b.subarray(0, offset))).not.toThrow();
        expect(() => strict.decode(b.subarray(offset))).toThrow();
      }),
    );
  });
});
