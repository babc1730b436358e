/**
 * The one strict reader every command uses for every file it reads (configuration files, stdin,
 * `.qatconf.json`, the files `doctor` reads under `--root`, saved `dmesg` and `lspci` output):
 *
 * - only a regular file is read, unless the user named the path on purpose (`lint /dev/stdin`,
 *   `--dmesg <(dmesg)`): a FIFO found in a folder would block forever, and `/dev/zero` never ends;
 *   the open is non-blocking, so that finding out what the file is cannot hang either;
 * - at most {@link MAX_TEXT_BYTES} bytes are read, from a file or stdin: Intel's largest shipped file
 *   is under 20 KB, so a bigger input is a mistake (or `/dev/zero`) and is refused before it eats memory;
 * - the text must be text. The driver's files are ASCII (all 195 of Intel's shipped files in the
 *   corpus are valid UTF-8 without a NUL byte), so a NUL byte in the first 8 KiB means a binary file
 *   (git's and grep's test), and bytes that are not UTF-8 are refused too: their columns would be
 *   wrong, and a rewrite would put replacement characters where the original bytes were. A NUL byte
 *   further in is left to the grammar, which reports it as a `syntax` error with its position;
 * - every failure is an {@link InputError} whose message is one human line (`is a directory`, not
 *   `EISDIR`), for `qatconf: <file>: <reason>`.
 */
import { isAscii } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";

// Loaded on first use: `lint FILE` reads with the synchronous reader only, and loading
// fs/promises (with the stream modules it pulls in) is a millisecond of every start.
const fsp = (): typeof import("node:fs/promises") => process.getBuiltinModule("node:fs/promises");

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
  ENXIO: "no such device (a socket or a device without a driver)",
  EAGAIN: "nothing to read yet (a non-blocking input)",
  EEXIST: "already exists",
  ENOSPC: "no space left on the device",
  EROFS: "a read-only file system",
  EXDEV: "on another file system",
  EMFILE: "too many open files",
};

/** The reason of a failed file-system call, in words. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined) return REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The most a read takes: 16 MiB, about a thousand times Intel's largest shipped file, so no real
 * file comes near it while a run over `/dev/zero` or a runaway generator stops at once.
 */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** The path that stands for stdin. */
export const STDIN = "-";

/** Options of {@link readBytes} and {@link readText}. */
export interface ReadOptions {
  /**
   * The user named this path on purpose (a command-line argument, `--dmesg FILE`): a FIFO or a
   * character device is then read too, up to the cap. Files found by walking a folder, by a glob,
   * or by looking up `.qatconf.json` must be regular files.
   */
  named?: boolean;
  /** Refuse a symbolic link as the last component (`doctor` resolves links inside its root itself). */
  noFollow?: boolean;
  /** The cap, {@link MAX_TEXT_BYTES} unless a test says otherwise. */
  maxBytes?: number;
}

const KINDS: Array<[(s: Stats) => boolean, string]> = [
  [(s) => s.isFIFO(), "a FIFO"],
  [(s) => s.isCharacterDevice(), "a character device"],
  [(s) => s.isBlockDevice(), "a block device"],
  [(s) => s.isSocket(), "a socket"],
];

/** What a file that is not regular is, in words. */
function kindOf(stats: Stats): string {
  return KINDS.find(([is]) => is(stats))?.[1] ?? "not a regular file";
}

function tooLarge(max: number): InputError {
  return new InputError(`larger than ${formatSize(max)}: not a configuration file`);
}

function formatSize(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Reads `handle` to its end, refusing more than `max` bytes (the size `stat` gives is not trusted: /proc says 0). */
async function readCapped(handle: FileHandle, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, max + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > max) throw tooLarge(max);
  }
}

async function readStdin(max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > max) {
      process.stdin.destroy();
      throw tooLarge(max);
    }
  }
  return Buffer.concat(chunks, total);
}

const NON_BLOCKING = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** The bytes of a file, or of stdin for `-`, as the module's comment says. Throws {@link InputError}. */
export async function readBytes(file: string, options: ReadOptions = {}): Promise<Buffer> {
  const max = options.maxBytes ?? MAX_TEXT_BYTES;
  try {
    if (file === STDIN) return await readStdin(max);
    // What the path is, before opening it: opening a FIFO for reading blocks until a writer comes.
    const info = await (options.noFollow ? fsp().lstat : fsp().stat)(file);
    if (info.isSymbolicLink()) throw new InputError("a symbolic link, not followed here");
    if (info.isDirectory()) throw new InputError("is a directory");
    if (!info.isFile()) {
      if (!options.named) throw new InputError(`${kindOf(info)}, not a regular file`);
      // Named on purpose (`lint /dev/stdin`, `--dmesg <(dmesg)`): read it as `cat` would.
      const handle = await fsp().open(file, constants.O_RDONLY | constants.O_NOCTTY);
      try {
        return await readCapped(handle, max);
      } finally {
        await handle.close();
      }
    }
    // Non-blocking, in case the file was swapped for a FIFO since: the check below then refuses it.
    const handle = await fsp().open(file, NON_BLOCKING | (options.noFollow ? constants.O_NOFOLLOW : 0));
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new InputError(`${kindOf(stats)}, not a regular file`);
      if (stats.size > max) throw tooLarge(max);
      return await readCapped(handle, max);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (options.noFollow && (error as NodeJS.ErrnoException).code === "ELOOP") {
      throw new InputError("a symbolic link, not followed here");
    }
    throw new InputError(ioReason(error));
  }
}

// One decoder for every file: without `stream`, each decode starts afresh.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8 text, byte order mark kept (the parser keeps it too). Throws {@link InputError}. */
export function decodeText(bytes: Uint8Array): string {
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul !== -1) throw new InputError(`not a text file (NUL byte at offset ${nul})`);
  // The driver's files are ASCII: checking that (vectorised) and copying bytes as Latin-1 is about
  // twice as fast as a validating UTF-8 decode, and gives the same string.
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
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
export async function readText(file: string, options: ReadOptions = {}): Promise<string> {
  return decodeText(await readBytes(file, options));
}

/**
 * Reads a regular file as text, synchronously, with {@link readText}'s rules: the one read of every
 * file `lint` and `fmt` check on whichever thread. A run over a repository reads thousands of small
 * files, and a synchronous read costs a few microseconds where an awaited one costs a trip through
 * the thread pool and the event loop. It opens without blocking and refuses anything but a regular
 * file (a FIFO or device the user named is read by {@link readText} first). Throws {@link InputError}.
 *
 * @param withBytes given the bytes read before they are decoded (`lint --cache` hashes them: the
 *   same hash as the text's UTF-8, without encoding the text again), valid only during the call, and
 *   the file's stats as it was opened
 */
export function readTextFileSync(
  path: string,
  maxBytes = MAX_TEXT_BYTES,
  withBytes?: (bytes: Uint8Array, stats: Stats) => void,
): string {
  let fd: number;
  try {
    fd = openSync(path, NON_BLOCKING);
  } catch (error) {
    throw new InputError(ioReason(error));
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputError("is a directory");
    if (!stats.isFile()) throw new InputError(`${kindOf(stats)}, not a regular file`);
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    const bytes = buffer.subarray(0, readWhole(fd, maxBytes, stats.size));
    const text = decodeText(bytes);
    withBytes?.(bytes, stats);
    return text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(ioReason(error));
  } finally {
    closeSync(fd);
  }
}

// One buffer for every read, grown when a file does not fit: readFileSync allocates a buffer per
// file and asks for its size first, a third of the cost of reading a small file.
let buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads the open file into {@link buffer}, refusing more than `max` bytes; returns its length. Once
 * the `size` the file was opened with is read, the read that would say end of file is not made (as
 * readFileSync does; a file whose size says 0, as in /proc, is read to its end).
 */
function readWhole(fd: number, max: number, size: number): number {
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
    if (length > max) throw tooLarge(max);
    if (length === size) return length;
  }
}
