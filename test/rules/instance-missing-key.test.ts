import { describe, expect, it } from "vitest";
import { findings, GOOD } from "./findings.ts";

const RULE = "instance-missing-key";

describe("instance-missing-key", () => {
  it("is silent when every created instance has its keys", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
  });

  it("names the missing keys of an instance, on its Name line", () => {
    const ds = findings(RULE, GOOD.replace("Cy0CoreAffinity = 0\n", "").replace("Cy0IsPolled = 1\n", ""));
    expect(ds).toHaveLength(1);
    expect(ds[0]?.severity).toBe("error");
    // The keys it names: specs/instance-missing-key/invalid.
    expect(ds[0]?.range.start.line).toBe(16);
  });

  it("reports counted instances without any key once, on the first", () => {
    const ds = findings(
      RULE,
      GOOD.replace(
        "NumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses",
        "NumberCyInstances = 4\nNumberDcInstances = 0\nNumProcesses",
      ),
    );
    // On the count's line, naming Cy1 to Cy3 (3): specs/instance-missing-key/invalid-counted.
    expect(ds).toMatchObject([{ severity: "error", range: { start: { line: 12, column: 1 } } }]);
  });

  it("ignores sections without processes and services ServicesEnabled leaves out", () => {
    expect(
      findings(RULE, GOOD.replace("NumProcesses = 1", "NumProcesses = 0").replace('Cy0Name = "SSL0"\n', "")),
    ).toEqual([]);
    const dc = GOOD.replace("cy;dc", "asym;sym").replace(
      "NumberDcInstances = 0\nNumProcesses",
      "NumberDcInstances = 2\nNumProcesses",
    );
    expect(findings(RULE, dc, { fileName: "4xxx_dev0.conf" })).toEqual([]);
  });
});
