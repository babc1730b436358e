import { describe, expect, it } from "vitest";
import { general, kernelSection } from "../model/helpers.ts";
import { findings, GOOD } from "./findings.ts";

const RULE = "instance-polling";

describe("instance-polling", () => {
  it("is silent on poll and epoll user instances and interrupt kernel instances", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = 2"))).toEqual([]);
    expect(findings(RULE, general("cy") + kernelSection(1, 0, 0))).toEqual([]);
  });

  it("reports a user instance with IsPolled 0 in the driver's words", () => {
    const ds = findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = 0"));
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("error");
    // The driver's words: specs/instance-polling/invalid.
    expect(ds[0]?.range.start.line).toBe(17);
  });

  it("reports a value that is not a number, in kernel sections too", () => {
    // The hints differ by section (1 or 2 for user, 0 or 1 for kernel): specs/instance-polling/invalid-not-a-number, invalid-kernel.
    expect(findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = yes"))).toMatchObject([
      { severity: "error", range: { start: { line: 17 } } },
    ]);
    const kernel = findings(RULE, general("cy") + kernelSection(1, 0).replace("Cy0IsPolled = 0", "Cy0IsPolled = on"));
    expect(kernel).toMatchObject([{ severity: "error", range: { start: { line: 8 } } }]);
  });
});
