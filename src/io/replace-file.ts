/**
 * Replacing a cache file whole or not at all: written beside it under a name of its own, then
 * renamed over it, so that another run reading it meanwhile sees the old file or the new one,
 * never half of one.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";

/** Writes `data` to `path` (mode 600), whole or not at all; `false` when it could not. */
export function replaceFileSync(path: string, data: string | Uint8Array): boolean {
  // The process id, and a random part for another thread of the same process.
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600, flag: "wx" });
    renameSync(temp, path);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}
