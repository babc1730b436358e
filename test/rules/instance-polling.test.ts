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
    expect(ds[0]?.range.start.line).toBe(17);
    expect(ds[0]?.message).toBe(
      'Cy0 ("SSL0") in [SSL] has IsPolled = 0: the driver stops with "User instance SSL0 needs to be configured with IsPolled 1 or 2 for poll and epoll mode, respectively"',
    );
  });

  it("reports a value that is not a number, in kernel sections too", () => {
    expect(findings(RULE, GOOD.replace("Cy0IsPolled = 1", "Cy0IsPolled = yes"))[0]?.message).toContain(
      "is not a number",
    );
    const kernel = findings(RULE, general("cy") + kernelSection(1, 0).replace("Cy0IsPolled = 0", "Cy0IsPolled = on"));
    expect(kernel[0]?.hint).toBe("use 0 (interrupts) or 1 (poll)");
  });
});
