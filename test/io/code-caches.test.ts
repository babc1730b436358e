/**
 * The one rule by which the npm CLI and the single executable remove other builds' code caches:
 * written over a day ago, or beyond the newest {@link KEPT}; never this build's, another family's,
 * or other files.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { KEPT, pruneCodeCaches } from "../../src/io/code-caches.ts";

const temp = mkdtempSync(join(tmpdir(), "qatconf-prune-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const NOW = Date.parse("2026-12-03T12:00:00Z");
const HOUR = 60 * 60 * 1000;
let folders = 0;

/** A fresh folder with these files, each written `hoursAgo` before {@link NOW}. */
function folderWith(files: Record<string, number>): string {
  const dir = join(temp, String(folders++));
  mkdirSync(dir);
  for (const [name, hoursAgo] of Object.entries(files)) {
    writeFileSync(join(dir, name), name);
    const at = new Date(NOW - hoursAgo * HOUR);
    utimesSync(join(dir, name), at, at);
  }
  return dir;
}

describe("pruneCodeCaches", () => {
  it("removes another build's cache a day old, and keeps a recent one (a second copy run in turn)", () => {
    const dir = folderWith({
      "sea-1-1-1-cli.cjs-rules.v8cache": 30,
      "sea-2-2-2-cli.cjs-rules.v8cache": 2,
      "sea-9-9-9-cli.cjs-rules.v8cache": 500,
      "cli-1-2-3-v22.0.0-x64-lint.v8cache": 500,
      "sea-1-1-1-notes.txt": 500,
    });
    pruneCodeCaches(dir, "sea-", "sea-9-9-9-", NOW);
    expect(readdirSync(dir).sort()).toEqual([
      "cli-1-2-3-v22.0.0-x64-lint.v8cache",
      "sea-1-1-1-notes.txt",
      "sea-2-2-2-cli.cjs-rules.v8cache",
      "sea-9-9-9-cli.cjs-rules.v8cache",
    ]);
  });

  it("keeps no more than the newest KEPT of other builds, however recent", () => {
    const files = Object.fromEntries(
      Array.from({ length: KEPT + 3 }, (_, i) => [`cli-${i}-x-lint.v8cache`, i / 10] as const),
    );
    const dir = folderWith(files);
    pruneCodeCaches(dir, "cli-", "cli-current-", NOW);
    const left = readdirSync(dir);
    expect(left.length).toBe(KEPT);
    for (const gone of [KEPT, KEPT + 1, KEPT + 2]) expect(left).not.toContain(`cli-${gone}-x-lint.v8cache`);
  });

  it("never removes this build's caches, and leaves a folder it cannot read alone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100), { maxLength: 40 }),
        fc.array(fc.nat(100), { maxLength: 40 }),
        (mine, others) => {
          const files: Record<string, number> = {};
          mine.forEach((hours, i) => {
            files[`sea-me-${i}.v8cache`] = hours;
          });
          others.forEach((hours, i) => {
            files[`sea-other${i}-${i}.v8cache`] = hours;
          });
          const dir = folderWith(files);
          pruneCodeCaches(dir, "sea-", "sea-me-", NOW);
          const left = new Set(readdirSync(dir));
          for (const name of Object.keys(files).filter((n) => n.startsWith("sea-me-")))
            expect(left.has(name)).toBe(true);
          const keptOthers = [...left].filter((n) => !n.startsWith("sea-me-"));
          expect(keptOthers.length).toBeLessThanOrEqual(KEPT);
          for (const name of keptOthers) expect(files[name]).toBeLessThanOrEqual(24);
          // Every recent one is kept while there is room.
          const recent = others.filter((h) => h <= 24).length;
          expect(keptOthers.length).toBe(Math.min(recent, KEPT));
        },
      ),
      { numRuns: 30 },
    );
    expect(() => pruneCodeCaches(join(temp, "no-such-folder"), "sea-", "sea-me-", NOW)).not.toThrow();
  });

  it("leaves what it cannot remove, and goes on with the rest", () => {
    const dir = folderWith({ "sea-old-b.v8cache": 50 });
    // A folder under a cache's name, holding a file: rm without `recursive` refuses it.
    mkdirSync(join(dir, "sea-old-a.v8cache"));
    writeFileSync(join(dir, "sea-old-a.v8cache", "inside"), "");
    const old = new Date(NOW - 100 * HOUR);
    utimesSync(join(dir, "sea-old-a.v8cache"), old, old);
    expect(() => pruneCodeCaches(dir, "sea-", "sea-me-", NOW)).not.toThrow();
    expect(readdirSync(dir)).toEqual(["sea-old-a.v8cache"]);
  });
});
