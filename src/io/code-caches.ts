/**
 * Writing V8 code caches into the user's cache folder, and keeping it small without making two
 * installed copies of qatconf fight: the npm CLI (bin/start.js, through the bundle's exports) and
 * the single executable (src/sea-asset.ts) each keep caches named after their build, and a new
 * build leaves the old build's behind.
 *
 * Removing every other build's cache at once would be simplest, but two copies run in turn (a
 * project's and a global one, two checkouts, two executables) would then delete each other's and
 * both start cold every time. So another build's cache goes once it has not been written for a
 * day, or when more than {@link KEPT} of them are there (the oldest first).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { replaceFileSync } from "./replace-file.ts";

/** How many caches of other builds stay, however recent. */
export const KEPT = 32;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes a code cache whole or not at all (other runs, and other threads of this one, may be
 * reading or writing it), then prunes other builds' caches of its `family` beside it, `current`
 * being this build's prefix. A failure only costs the next run some speed.
 */
export function saveCodeCache(file: string, data: Uint8Array, family: string, current: string): void {
  if (replaceFileSync(file, data)) pruneCodeCaches(dirname(file), family, current);
}

/**
 * Removes from `dir` the stale code caches of other builds: files named `<family>….v8cache` that
 * do not begin with `current`, this build's prefix. Failures only leave a file behind.
 */
export function pruneCodeCaches(dir: string, family: string, current: string, now = Date.now()): void {
  const others: Array<{ file: string; written: number }> = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(family) || !name.endsWith(".v8cache") || name.startsWith(current)) continue;
    const file = join(dir, name);
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (written !== undefined) others.push({ file, written });
  }
  others.sort((a, b) => b.written - a.written);
  others.forEach(({ file, written }, i) => {
    if (written < now - DAY_MS || i >= KEPT) removeOrLeave(file);
  });
}

/** Removes a file; one that cannot be removed (a folder of that name, a read-only disk) is left, not thrown. */
function removeOrLeave(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // The run that wanted it gone has done its work; a stale file costs only disk space.
  }
}
