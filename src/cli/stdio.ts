/**
 * Writing the report to stdout and stderr without `process.stdout`: creating that stream loads
 * Node's stream modules, a few milliseconds of a one-file `lint` whose output is one write. The
 * text is written synchronously, in order, to the file descriptor; where the descriptor would
 * block (a non-blocking pipe that is full), the rest goes through Node's stream, and so does every
 * later write to it, so that the order holds. A reader that went away (`qatconf lint | head`)
 * ends the writing, as it ends any Unix filter's.
 */
import { fstatSync, statSync, writeSync } from "node:fs";

const streamed = new Set<number>();
const closed = new Set<number>();

/**
 * Whether every write so far went straight to its file descriptor: then nothing waits in a
 * stream's buffer, and the process may exit at once.
 */
export function nothingStreamed(): boolean {
  return streamed.size === 0;
}

/** Writes `text` to fd 1 (stdout) or 2 (stderr). */
export function writeFd(fd: 1 | 2, text: string): void {
  if (text === "" || closed.has(fd)) return;
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  if (streamed.has(fd)) {
    stream().write(text);
    return;
  }
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") {
        closed.add(fd);
        return;
      }
      if (code !== "EAGAIN") throw error;
      streamed.add(fd);
      stream().write(bytes.subarray(offset));
      return;
    }
  }
}

/**
 * Whether fd 1 or 2 is a terminal (for colours), asking `process.stdout` only about a character
 * device other than /dev/null: a file, a pipe or /dev/null (CI logs, editors, benchmarks) is
 * answered without creating the stream.
 */
export function isTerminal(fd: 1 | 2): boolean {
  let stats: ReturnType<typeof fstatSync>;
  try {
    stats = fstatSync(fd);
  } catch {
    return false;
  }
  if (!stats.isCharacterDevice()) return false;
  const nul = statSync("/dev/null", { throwIfNoEntry: false });
  if (nul && nul.dev === stats.dev && nul.ino === stats.ino) return false;
  return (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}
