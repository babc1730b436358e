import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolvedPath } from "../../src/io/resolved-path.ts";

describe("resolvedPath", () => {
  it("gives what resolve() gives, for any path against any folder", () => {
    const segment = fc.constantFrom("a", "b.conf", ".", "..", ".hidden", "", "x..y", "\\", " ");
    const path = fc
      .tuple(fc.boolean(), fc.array(segment, { maxLength: 8 }), fc.boolean())
      .map(([absolute, parts, trailing]) => `${absolute ? "/" : ""}${parts.join("/")}${trailing ? "/" : ""}`);
    const cwd = fc.constantFrom("/", "/work", "/tmp/repo/host");
    fc.assert(
      fc.property(path, cwd, (p, c) => {
        expect(resolvedPath(p, c)).toBe(resolve(c, p));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves an absolute, normal path as it is and resolves a relative one", () => {
    const path = "/tmp/repo/host0001/n0-c6xx_dev0.conf";
    expect(resolvedPath(path, "/elsewhere")).toBe(path);
    expect(resolvedPath("host0001/c6xx_dev0.conf", "/tmp/repo")).toBe("/tmp/repo/host0001/c6xx_dev0.conf");
  });
});
