/**
 * Reading a configuration file (or stdin) as text, refusing what is not text. The driver's files are
 * ASCII (all 195 of Intel's shipped files in the corpus are valid UTF-8 without a NUL byte), so:
 *
 * - a NUL byte in the first 8 KiB means a binary file (git's and grep's test), an I/O error: linting a
 *   core dump or a gzip file given by mistake should fail loudly, not list a thousand syntax errors;
 * - bytes that are not UTF-8 are an I/O error too: their columns would be wrong, and `--fix` would
 *   write back replacement characters where the original bytes were.
 *
 * A NUL byte further in is left to the grammar, which reports it as a `syntax` error with its position.
 */
import { isAscii } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { readFile } from "node:fs/promises";

/** The name stdin goes by in reports when `--stdin-filename` is not given. */
export const STDIN_NAME = "<stdin>";

/** How many leading bytes are searched for a NUL byte. */
export const BINARY_SNIFF_BYTES = 8192;

/** A file that could not be read as text, with a reason fit for `qatconf: <file>: <reason>`. */
export class InputError extends Error {
  override name = "InputError";
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a component of the path is not a directory",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
};

/** The reason of a failed file-system call, in words. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined) return REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

/** The bytes of a file, or of stdin for `-`. Throws {@link InputError}. */
export async function readBytes(file: string): Promise<Buffer> {
  try {
    if (file !== "-") return await readFile(file);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    throw new InputError(ioReason(error));
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

// One decoder for every file: without `stream`, each decode starts afresh.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8 text, byte order mark kept (the parser keeps it too). Throws {@link InputError}. */
export function decodeText(bytes: Uint8Array): string {
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul !== -1) throw new InputError(`not a text file (NUL byte at offset ${nul})`);
  // The driver's files are ASCII: checking that (vectorised) and copying bytes as Latin-1 is about
  // twice as fast as a validating UTF-8 decode, and gives the same string.
  if (isAscii(bytes)) return latin1(bytes);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new InputError(`not a text file (not valid UTF-8 at offset ${firstInvalidUtf8(bytes)})`);
  }
}

/** How many continuation bytes follow a lead byte; -1 for a byte that cannot start a sequence. */
function continuationCount(lead: number): number {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return -1;
}

/** The allowed range of the byte after `lead` (Unicode's table 3-7: narrower after E0, ED, F0 and F4). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** The length of the well-formed UTF-8 sequence at `i` (no overlong form, surrogate, or code point past U+10FFFF), or -1. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  const n = continuationCount(lead);
  if (n < 0) return -1;
  for (let k = 1; k <= n; k++) {
    const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
    const c = bytes[i + k];
    if (c === undefined || c < low || c > high) return -1;
  }
  return n + 1;
}

/** Offset of the first byte of the first ill-formed UTF-8 sequence, for the message; `bytes.length` if none. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceAt(bytes, i);
    if (length < 0) return i;
    i += length;
  }
  return bytes.length;
}

/** Reads a file or stdin as text (see the module's comment for what is refused). Throws {@link InputError}. */
export async function readText(file: string): Promise<string> {
  return decodeText(await readBytes(file));
}

/**
 * Reads a file (not stdin) as text, synchronously: the one read of every file `lint` checks. A run
 * over a repository reads thousands of small files, and a synchronous read costs a few
 * microseconds where an awaited one costs a trip through the thread pool and the event loop.
 * Throws {@link InputError}.
 */
export function readTextFileSync(path: string): string {
  let length: number;
  try {
    length = readWhole(path);
  } catch (error) {
    throw new InputError(ioReason(error));
  }
  return decodeText(buffer.subarray(0, length));
}

// One buffer for every read, grown when a file does not fit: readFileSync allocates a buffer per
// file and asks for its size first, a third of the cost of reading a small file.
let buffer = Buffer.allocUnsafe(64 * 1024);

/** Reads the file at `path` into {@link buffer}; returns its length. */
function readWhole(path: string): number {
  const fd = openSync(path, "r");
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return length;
      length += n;
    }
  } finally {
    closeSync(fd);
  }
}
