import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BINARY_SNIFF_BYTES, decodeText, InputError, MAX_TEXT_BYTES, readText } from "../../src/io/read-text.ts";

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

describe("readText", () => {
  const dir = mkdtempSync(join(tmpdir(), "qatconf-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a FIFO it was not told to read, at once instead of blocking", async () => {
    const fifo = join(dir, "fifo_dev0.conf");
    execFileSync("mkfifo", [fifo]);
    await expect(readText(fifo)).rejects.toThrow(new InputError("a FIFO, not a regular file"));
  });

  it("reads a FIFO the user named, up to the cap", async () => {
    const fifo = join(dir, "named_dev0.conf");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `printf '[A]\\nX = 1\\n' > ${fifo}`]);
    const exited = new Promise((done) => writer.on("exit", done));
    expect(await readText(fifo, { named: true })).toBe("[A]\nX = 1\n");
    await exited;
  });

  it("stops at the cap on an endless device, named or not", async () => {
    await expect(readText("/dev/zero")).rejects.toThrow("a character device, not a regular file");
    await expect(readText("/dev/zero", { named: true, maxBytes: 1024 })).rejects.toThrow(
      "larger than 1024 bytes: not a configuration file",
    );
    expect(MAX_TEXT_BYTES).toBe(16 * 1024 * 1024);
  });

  it("refuses a regular file over the cap before reading it", async () => {
    const big = join(dir, "big_dev0.conf");
    writeFileSync(big, "#".repeat(2048));
    await expect(readText(big, { maxBytes: 1024 })).rejects.toThrow("larger than 1024 bytes");
    expect(await readText(big, { maxBytes: 2048 })).toHaveLength(2048);
  });

  it("says what went wrong in words, not errno codes", async () => {
    await expect(readText(dir)).rejects.toThrow(new InputError("is a directory"));
    await expect(readText(join(dir, "missing"))).rejects.toThrow(new InputError("no such file or directory"));
    const link = join(dir, "link_dev0.conf");
    symlinkSync("big_dev0.conf", link);
    await expect(readText(link, { noFollow: true })).rejects.toThrow(
      new InputError("a symbolic link, not followed here"),
    );
  });
});
