import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "deprecated-key";
const WITH_KPT = GOOD.replace("statsGeneral = 1", "KptEnabled = 0\nRateLimitingEnabled = 0");

describe("deprecated-key", () => {
  it("is silent without deprecated keys", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("reports the driver's deprecated keys on QAT 1.7, with its log message", () => {
    const ds = findings(RULE, WITH_KPT);
    // The driver's log line for each: specs/deprecated-key/invalid.
    expect(ds.map((d) => [d.range.start.line, d.severity])).toEqual([
      [5, "warning"],
      [6, "warning"],
    ]);
  });

  it("follows the generation: RateLimitingEnabled is live on c4xxx, KPT on 4xxx, nothing when unknown", () => {
    expect(findings(RULE, WITH_KPT, { fileName: "c4xxx_dev0.conf" }).map((d) => d.range.start.line)).toEqual([5]);
    expect(findings(RULE, WITH_KPT, { fileName: "4xxx_dev0.conf" })).toEqual([]);
    expect(findings(RULE, WITH_KPT, {})).toEqual([]);
  });

  it("only looks in [GENERAL], where the driver looks", () => {
    expect(findings(RULE, `${GOOD}[GENERAL2]\nKptEnabled = 0\n`)).toEqual([]);
  });
});
