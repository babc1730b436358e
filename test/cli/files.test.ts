/**
 * The walk of `lint DIR` and `fmt DIR`: the files of a folder are named as join(DIR, their path
 * inside it) however DIR was spelt (`./`, `a//b/`, `x/..`), and resolved once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverSync } from "../../src/cli/files.ts";

let root: string;
let cwd: string;
const INSIDE = [join("b", "c6xx_dev0.conf"), join("b", "d", "4xxx_dev1.conf"), "c6xxvf_dev0.conf.vm"];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "qatconf-walk-"));
  cwd = join(root, "w");
  for (const file of INSIDE) {
    mkdirSync(join(cwd, "a", file, ".."), { recursive: true });
    writeFileSync(join(cwd, "a", file), "[GENERAL]\n");
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Spellings of the folder `a` (or of the working directory, which holds only `a`). */
const spelling = fc
  .tuple(
    fc.array(fc.constantFrom(".", "a/..", "x/..", ""), { maxLength: 2 }),
    fc.constantFrom("a", ".", "../w/a", "../w"),
    fc.constantFrom("", "/", "//", "/."),
  )
  .map(([before, folder, after]) => [...before, folder].join("/") + after)
  .filter((arg) => !arg.startsWith("/"));

describe("discoverSync", () => {
  it("names each file of a folder as join(folder, its path inside), however the folder is spelt", () => {
    fc.assert(
      fc.property(spelling, (arg) => {
        const { files, absolute, errors } = discoverSync([arg], cwd);
        expect(errors).toEqual([]);
        const prefix = resolve(cwd, arg) === cwd ? "a" : "";
        const expected = INSIDE.map((f) => join(arg, prefix, f)).sort();
        expect([...files].sort()).toEqual(expected);
        expect(absolute).toEqual(files.map((f) => resolve(cwd, f)));
      }),
      { numRuns: 200 },
    );
  });
});
