/**
 * `lint` and `fmt` change V8 flags for long runs (src/cli/v8-flags.ts) and must leave alone a flag
 * the user chose: putting V8's default back after would undo `node --no-allocation-site-pretenuring`.
 */
import { execFileSync } from "node:child_process";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  flagsForRun,
  NO_PRETENURING,
  SMALLER_INLINING,
  SMALLER_INLINING_FROM,
  userSetsFlag,
  WORKER_FLAGS,
  withV8Flags,
} from "../../src/cli/v8-flags.ts";

describe("userSetsFlag", () => {
  it("sees a boolean flag either way, in Node's arguments or NODE_OPTIONS, with dashes or underscores", () => {
    const set = NO_PRETENURING.set;
    expect(userSetsFlag(set, ["--no-allocation-site-pretenuring"], undefined)).toBe(true);
    expect(userSetsFlag(set, ["--allocation_site_pretenuring"], undefined)).toBe(true);
    expect(userSetsFlag(set, [], "--max-old-space-size=512 --no-allocation_site-pretenuring")).toBe(true);
    expect(userSetsFlag(set, [], "  --allocation-site-pretenuring=false")).toBe(true);
  });

  it("sees a numeric flag with any value, as the user may write it", () => {
    const set = SMALLER_INLINING.set;
    expect(userSetsFlag(set, ["--max-inlined-bytecode-size=460"], undefined)).toBe(true);
    expect(userSetsFlag(set, [], "--max_inlined_bytecode_size=20")).toBe(true);
  });

  it("does not take other flags, or a flag whose name only begins the same, for it", () => {
    expect(userSetsFlag(NO_PRETENURING.set, ["--max-semi-space-size=32", "--no-opt"], "--trace-gc")).toBe(false);
    expect(userSetsFlag(NO_PRETENURING.set, ["--allocation-site-pretenuring-extra"], "")).toBe(false);
    expect(userSetsFlag(NO_PRETENURING.set, [], undefined)).toBe(false);
    expect(userSetsFlag(SMALLER_INLINING.set, ["--max-inlined-bytecode-size-cumulative=300"], undefined)).toBe(false);
  });

  it("pairs each setting with the one for the same flag", () => {
    for (const { set, reset } of [NO_PRETENURING, SMALLER_INLINING]) {
      expect(userSetsFlag(set, [reset], undefined), reset).toBe(true);
      expect(reset).not.toBe(set);
    }
  });
});

describe("the settings that put V8's defaults back", () => {
  it("are this Node's defaults: a cache written after a long run is taken by the next short one", () => {
    // V8 stamps a code cache with its flags, and rejects one stamped with others: a reset that is not
    // the default would leave every later run compiling what the cache should have held.
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    for (const { reset } of [NO_PRETENURING, SMALLER_INLINING]) {
      expect(options, reset).toContain(`default: ${reset}\n`);
    }
  });
});

describe("flagsForRun", () => {
  it("inlines less from SMALLER_INLINING_FROM files on, and changes nothing in a shorter run", () => {
    expect(flagsForRun(1)).toEqual([]);
    expect(flagsForRun(SMALLER_INLINING_FROM - 1)).toEqual([]);
    expect(flagsForRun(SMALLER_INLINING_FROM)).toEqual([SMALLER_INLINING]);
    expect(flagsForRun(10_000)).toEqual([SMALLER_INLINING]);
  });
});

describe("withV8Flags", () => {
  // V8 takes a code cache only under the flags it was made with: what the flags are, seen from JS.
  // Each script its own name, or V8 would find the source compiled already and read no cache at all.
  const source = "(function probe() { return 1; })";
  let scripts = 0;
  const script = (cachedData?: Buffer): Script =>
    new Script(source, { filename: `probe-${scripts++}.js`, ...(cachedData ? { cachedData } : {}) });
  const cacheNow = (): Buffer => script().createCachedData();
  const takes = (cache: Buffer): boolean => !script(cache).cachedDataRejected;

  it("changes the flags for the work, keeps an outer run's change through an inner one, and puts all back", async () => {
    const before = cacheNow();
    let inLongRun: Buffer | undefined;
    await withV8Flags([SMALLER_INLINING], async () => {
      expect(takes(before)).toBe(false);
      inLongRun = cacheNow();
      await withV8Flags(WORKER_FLAGS, async () => {
        expect(takes(inLongRun as Buffer)).toBe(false);
      });
      // The workers' run is over: pretenuring is back, and the long run's inlining still holds.
      expect(takes(inLongRun as Buffer)).toBe(true);
    });
    expect(takes(before)).toBe(true);
  });

  it("puts the flags back when the work fails", async () => {
    const before = cacheNow();
    await expect(withV8Flags(WORKER_FLAGS, () => Promise.reject(new Error("worker died")))).rejects.toThrow("died");
    expect(takes(before)).toBe(true);
  });
});
