/**
 * The README's promises about bytes, checked where bytes come in and go out (issue 15 found fmt
 * replacing a Latin-1 byte with U+FFFD and exiting 0): "only whitespace changes" (fmt) and
 * "nothing is lost" (every read and every rewrite keeps every byte it does not mean to change).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { format } from "../../src/format/format.ts";
import { decodeText, InputError } from "../../src/io/read-text.ts";
import { runCli } from "../support/cli.ts";

/** Bytes as configuration files might hold them: mostly ASCII of the grammar, some anything. */
const bytes = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'[]=#" \t\r\nabcXY019;,'.split("").map((c) => c.charCodeAt(0))) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
  ),
  { maxLength: 200 },
);

const ASCII_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const withoutWhitespace = (b: Uint8Array): number[] => [...b].filter((x) => !ASCII_WHITESPACE.has(x));

/** What `fmt` reads, or `undefined` where it refuses the file (exit 2). */
function accepted(b: Uint8Array): string | undefined {
  try {
    return decodeText(b);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return undefined;
  }
}

describe("the README's promises, byte for byte", () => {
  it("nothing is lost reading: every file accepted gives back exactly its bytes", () => {
    fc.assert(
      fc.property(
        bytes.map((a) => Uint8Array.from(a)),
        (b) => {
          const text = accepted(b);
          if (text !== undefined) expect(Buffer.from(text, "utf8").equals(Buffer.from(b))).toBe(true);
        },
      ),
    );
  });

  it("fmt changes whitespace only: the bytes written differ from the bytes read in whitespace alone", () => {
    fc.assert(
      fc.property(
        bytes.map((a) => Uint8Array.from(a)),
        (b) => {
          const text = accepted(b);
          if (text === undefined) return;
          const written = Buffer.from(format(text, { force: true }).text, "utf8");
          expect(withoutWhitespace(written)).toEqual(withoutWhitespace(b));
        },
      ),
    );
  });

  describe("through the CLI", () => {
    const dir = mkdtempSync(join(tmpdir(), "qatconf-promises-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ["a byte order mark and CRLF line endings", Buffer.from("\ufeff[GENERAL]\r\nX=1\r\n# é 😀\r\n", "utf8")],
      [
        "a NUL byte after the first 8 KiB",
        Buffer.concat([Buffer.from(`[A]\n#${"x".repeat(9000)}\n`), Buffer.from([0]), Buffer.from("\nX=1\n")]),
      ],
      ["U+FEFF inside the text", Buffer.from("\n\ufeffX=1\n[A]\nY=2\n", "utf8")],
      ["a Latin-1 byte in a comment (it became U+FFFD)", Buffer.from("[A]\n# caf\xe9\nX=1\n", "latin1")],
    ])("fmt --write on a file with %s changes whitespace only, or refuses and keeps every byte", (_name, input) => {
      const file = join(dir, "c6xx_dev0.conf");
      writeFileSync(file, input);
      const r = runCli(["fmt", "--write", "--force", file]);
      const after = readFileSync(file);
      if (r.status === 0) expect(withoutWhitespace(after)).toEqual(withoutWhitespace(input));
      else expect(after.equals(input)).toBe(true);
      expect(r.status === 0 || r.status === 2).toBe(true);
    });
  });
});
