/**
 * How many cores other work uses, as the thread count of `lint` and `fmt` judges it: the lagging
 * load average and the threads runnable now, the smaller of the two.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coresInUse, runningThreads, threadState } from "../../src/cli/pool.ts";

describe("coresInUse", () => {
  it("does not count the work of a run that has just ended (the average still does)", () => {
    expect(coresInUse(1.1, 0)).toBe(0);
  });

  it("does not count a process seen running once on an idle machine (the average does not)", () => {
    expect(coresInUse(0.05, 3)).toBe(0);
  });

  it("counts work that both show", () => {
    expect(coresInUse(3.9, 4)).toBe(4);
    expect(coresInUse(2.2, 5)).toBe(2);
  });

  it("falls back on the average where the system gives no running count", () => {
    expect(coresInUse(2.6, undefined)).toBe(3);
  });

  it("is never more than either reading", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 512, noNaN: true }), fc.nat(512), (average, runnable) => {
        const used = coresInUse(average, runnable);
        expect(used).toBeLessThanOrEqual(runnable);
        expect(used).toBeLessThanOrEqual(Math.round(average));
      }),
    );
  });
});

describe("runningThreads", () => {
  it("reads the running count of a /proc/loadavg line", () => {
    expect(runningThreads("0.84 0.66 0.31 2/180 1234\n")).toBe(2);
    expect(runningThreads("12.00 8.50 4.25 17/2048 99999\n")).toBe(17);
  });

  it("gives undefined for a line of another shape", () => {
    expect(runningThreads("")).toBeUndefined();
    expect(runningThreads("0.84 0.66 0.31\n")).toBeUndefined();
  });
});

describe("threadState", () => {
  it("reads the state after the command name, whatever the name holds", () => {
    expect(threadState("4242 (node) R 1 4242 4242 0 -1")).toBe("R");
    expect(threadState("4243 (V8 Dfl) S) R 1 4242")).toBe("R");
    expect(threadState("4244 (a b) S 1 4242")).toBe("S");
  });

  it("gives undefined for a line without a command name", () => {
    expect(threadState("garbage")).toBeUndefined();
  });
});
