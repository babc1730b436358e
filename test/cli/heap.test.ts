/**
 * The npm CLI turns V8's pretenuring off while workers run, and must leave it alone when the user
 * chose it: turning it back on after would undo `node --no-allocation-site-pretenuring`.
 */
import { describe, expect, it } from "vitest";
import { userSetsPretenuring } from "../../src/cli/heap.ts";

describe("userSetsPretenuring", () => {
  it("sees the flag either way, in Node's arguments or NODE_OPTIONS, with dashes or underscores", () => {
    expect(userSetsPretenuring(["--no-allocation-site-pretenuring"], undefined)).toBe(true);
    expect(userSetsPretenuring(["--allocation_site_pretenuring"], undefined)).toBe(true);
    expect(userSetsPretenuring([], "--max-old-space-size=512 --no-allocation_site-pretenuring")).toBe(true);
    expect(userSetsPretenuring([], "  --allocation-site-pretenuring=false")).toBe(true);
  });

  it("does not take other flags, or a flag whose name only begins the same, for it", () => {
    expect(userSetsPretenuring(["--max-semi-space-size=32", "--no-opt"], "--trace-gc")).toBe(false);
    expect(userSetsPretenuring(["--allocation-site-pretenuring-extra"], "")).toBe(false);
    expect(userSetsPretenuring([], undefined)).toBe(false);
  });
});
