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
    expect(ds[0]?.range.start.line).toBe(16);
    expect(ds[0]?.message).toBe(
      'Cy0 ("SSL0") in [SSL] has no Cy0IsPolled, Cy0CoreAffinity: the driver stops with "Failed to create rings for cy"',
    );
  });

  it("reports counted instances without any key once, on the first", () => {
    const ds = findings(
      RULE,
      GOOD.replace(
        "NumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses",
        "NumberCyInstances = 4\nNumberDcInstances = 0\nNumProcesses",
      ),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0]?.message).toBe(
      'NumberCyInstances = 4 in [SSL] asks for Cy1 to Cy3 (3), which have no keys: the driver stops with "Failed to create rings for cy"',
    );
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
