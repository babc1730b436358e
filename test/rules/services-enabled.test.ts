import { describe, expect, it } from "vitest";
import { findings, fixed, GOOD } from "./findings.ts";

const RULE = "services-enabled";
const withServices = (value: string, extra = "") =>
  GOOD.replace("ServicesEnabled = cy;dc", `ServicesEnabled = ${value}${extra}`);

describe("services-enabled", () => {
  it("accepts each generation's own values", () => {
    expect(findings(RULE, GOOD)).toEqual([]);
    expect(findings(RULE, withServices("asym;sym"), { fileName: "4xxx_dev0.conf" })).toEqual([]);
    expect(findings(RULE, withServices("cy0;cy1"), { fileName: "dh89xxcc_qa_dev0.conf" })).toEqual([]);
    expect(findings(RULE, withServices("dc;cy0"), { fileName: "dh89xxcc_qa_dev0.conf" })).toEqual([]);
  });

  it("reports cy on QAT 2.0 with the driver's message and fixes it to asym;sym", () => {
    const text = withServices("cy");
    const [d] = findings(RULE, text, { fileName: "4xxx_dev0.conf" });
    // The driver's message, as QAT 2.0 L.1.1.50's get_ring_to_svc_map words it (adf_4xxx_hw_data.c),
    // and the accepted values: specs/services-enabled/invalid-4xxx-cy.
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 2, column: 19 } } });
    expect(fixed(text, d)).toBe(withServices("asym;sym"));
  });

  it("accepts the inline IPsec values on c4xxx only, as the driver Intel's c4xxx files are written for", () => {
    for (const value of ["cy;inline", "inline", "dc;cy;inline", "inline;asym"]) {
      expect(findings(RULE, withServices(value), { fileName: "c4xxx_dev0.conf" }), value).toEqual([]);
      expect(findings(RULE, withServices(value)), value).toHaveLength(1);
      expect(findings(RULE, withServices(value), { fileName: "4xxx_dev0.conf" }), value).toHaveLength(1);
    }
  });

  it("gives inline values the rings that driver maps them to, so the ring budget is checked", () => {
    const c4 = { fileName: "c4xxx_dev0.conf" };
    expect(findings("ring-budget", withServices("cy;inline"), c4)).toEqual([]);
    // `inline` alone maps no ring to any service: the file's crypto instance is not created.
    // On [SSL]'s Cy count: specs/service-not-enabled/invalid-c4xxx-inline.
    expect(findings("service-not-enabled", withServices("inline"), c4)).toMatchObject([
      { severity: "warning", range: { start: { line: 12 } } },
    ]);
  });

  it("suggests the closest accepted value for a typo", () => {
    const [d] = findings(RULE, withServices("cy,dc"));
    // Said in the hint: specs/services-enabled/invalid-typo.
    expect(fixed(withServices("cy,dc"), d)).toBe(GOOD);
  });

  it("narrows the accepted values by ServicesProfile, on a PF only", () => {
    const text = withServices("cy;dc", "\nServicesProfile = CRYPTO");
    // cy;dc, accepted without a profile, is refused with it; the driver's words
    // ("for ServicesProfile: 1"): specs/services-enabled/invalid-profile.
    expect(findings(RULE, GOOD)).toEqual([]);
    const [d] = findings(RULE, text);
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 2, column: 19 } } });
    expect(d?.fix).toBeUndefined();
    expect(findings(RULE, text, { fileName: "c6xxvf_dev0.conf.vm" })).toEqual([]);
  });

  it("when the device is unknown, reports only values no generation accepts", () => {
    expect(findings(RULE, withServices("asym;sym"), {})).toEqual([]);
    expect(findings(RULE, withServices("crypto"), {})).toHaveLength(1);
  });

  it("warns about tokens QAT 1.5 does not know", () => {
    const [d] = findings(RULE, withServices("cy0;sym"), { fileName: "c2xxx_qa_dev0.conf" });
    // Naming 'sym': specs/services-enabled/invalid-qat15.
    expect(d).toMatchObject({ severity: "warning", range: { start: { line: 2, column: 19 } } });
  });
});
