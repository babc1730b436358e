import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../../src/edit/text-edit.ts";
import { lint } from "../../src/lint/lint.ts";
import type { LintOptions } from "../../src/lint/types.ts";
import { acceptedSpelling, awkServices, SERVICES_LIST } from "../../src/qatlib/sysconfig.ts";
import { findings, fixed } from "../rules/findings.ts";

const QATLIB: LintOptions = { fileName: "/etc/sysconfig/qat" };
const rule = (id: string, text: string, options: LintOptions = QATLIB) => findings(id, text, options);

describe("qat_init.sh's reading of ServicesEnabled (awk -F'ServicesEnabled=' | grep '\\S')", () => {
  it("takes the text after the mark on every line, comments included, joined by LF", () => {
    expect(awkServices("ServicesEnabled=dc\n").value).toBe("dc");
    expect(awkServices("#ServicesEnabled=dc\n").value).toBe("dc");
    expect(awkServices("#ServicesEnabled=\nServicesEnabled=sym\n").value).toBe("sym");
    expect(awkServices("#ServicesEnabled=dc\nServicesEnabled=sym\n").value).toBe("dc\nsym");
    expect(awkServices("ServicesEnabled = dc\n").records).toEqual([]);
    expect(awkServices("ServicesEnabled=dc\r\n").value).toBe("dc\r");
    expect(awkServices("ServicesEnabled=dcServicesEnabled=sym").value).toBe("dc");
  });

  it("applies exactly the spellings of SERVICES_LIST", () => {
    for (const s of SERVICES_LIST) expect(awkServices(`ServicesEnabled=${s}\n`).applied).toBe(true);
    for (const s of ["asym;sym", "dc;sym", "cy", "sym;asym ", '"dc"', "dc;dcc"])
      expect(awkServices(`ServicesEnabled=${s}\n`).applied).toBe(false);
  });

  it("finds the accepted spelling of what a value means, when there is one", () => {
    expect(acceptedSpelling("asym;sym")).toBe("sym;asym");
    expect(acceptedSpelling(' "dc;sym" ')).toBe("sym;dc");
    expect(acceptedSpelling("cy")).toBe("sym;asym");
    expect(acceptedSpelling("dc # compression\r")).toBe("dc");
    expect(acceptedSpelling("dc;dcc")).toBeUndefined();
    expect(acceptedSpelling("sym;sym")).toBeUndefined();
    expect(acceptedSpelling("crypto")).toBeUndefined();
  });
});

describe("qatlib-services-ignored", () => {
  const ID = "qatlib-services-ignored";

  it("is silent on accepted values, on the sample, and on an empty value", () => {
    for (const s of SERVICES_LIST) expect(rule(ID, `ServicesEnabled=${s}\n`)).toEqual([]);
    expect(rule(ID, "#ServicesEnabled=\n")).toEqual([]);
    expect(rule(ID, "ServicesEnabled=\n")).toEqual([]);
  });

  // Each with the reason in its message: test/rules/specs/qatlib-services-ignored/invalid-<case>.
  it.each([
    ["another order", "order", "ServicesEnabled=asym;sym\n", "ServicesEnabled=sym;asym\n"],
    ["blanks around '='", "blanks", "ServicesEnabled = dc\n", "ServicesEnabled=dc\n"],
    ["a blank after '='", "blank-after", "ServicesEnabled= dc\n", "ServicesEnabled=dc\n"],
    ["quotes", "quotes", 'ServicesEnabled="sym;dc"\n', "ServicesEnabled=sym;dc\n"],
    ["a trailing comment", "comment", "ServicesEnabled=dc # zip\n", "ServicesEnabled=dc\n"],
    ["a CRLF line end", "crlf", "ServicesEnabled=dc\r\nPOLICY=0\r\n", "ServicesEnabled=dc\nPOLICY=0\r\n"],
  ])("reports %s and fixes it to the accepted spelling (spec invalid-%s)", (_what, _spec, text, good) => {
    const [d, ...rest] = rule(ID, text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", range: { start: { line: 1, column: 1 } } });
    const after = fixed(text, d);
    expect(after).toBe(good);
    expect(awkServices(after).applied).toBe(true);
    expect(rule(ID, after)).toEqual([]);
  });

  it("reports two lines holding the mark, naming the other line, without a fix", () => {
    const [d] = rule(ID, "#ServicesEnabled=dc\nServicesEnabled=sym\n");
    // "also reads line 1": specs/qatlib-services-ignored/invalid-two-lines.
    expect(d?.range.start.line).toBe(2);
    expect(d?.fix).toBeUndefined();
  });

  it("offers no fix for values with no accepted spelling, or one the kernel would refuse", () => {
    const [dcc] = rule(ID, "ServicesEnabled=dc;dcc\n");
    // Naming dcc: specs/qatlib-services-ignored/invalid-no-spelling.
    expect(dcc).toMatchObject({ severity: "error", range: { start: { line: 1 } } });
    expect(dcc?.fix).toBeUndefined();
    const [cy] = rule(ID, "ServicesEnabled=cy;dc\n");
    expect(cy?.fix).toBeUndefined();
    expect(rule(ID, "ServicesEnabled=cy;dc\n", { ...QATLIB, device: "6xxx" })[0]?.fix?.edits[0]?.newText).toBe(
      "ServicesEnabled=sym;asym;dc",
    );
  });

  it("every fix it offers makes qat_init.sh apply the value (property)", () => {
    const words = fc.constantFrom("sym", "asym", "dc", "decomp", "dcc", "cy", "Sym");
    const value = fc
      .tuple(fc.array(words, { minLength: 1, maxLength: 3 }), fc.constantFrom(";", ","), fc.constantFrom("", " ", '"'))
      .map(([w, sep, wrap]) => `${wrap}${w.join(sep)}${wrap}`);
    const line = fc
      .tuple(
        fc.constantFrom("ServicesEnabled=", "ServicesEnabled = ", "ServicesEnabled= "),
        value,
        fc.constantFrom("\n", "\r\n", ""),
      )
      .map(([head, v, eol]) => `${head}${v}${eol}`);
    fc.assert(
      fc.property(line, (text) => {
        for (const d of rule(ID, text, { ...QATLIB, device: "6xxx" })) {
          if (!d.fix) continue;
          const after = applyEdits(text, d.fix.edits).text;
          expect(awkServices(after).applied).toBe(true);
        }
      }),
    );
  });
});

describe("qatlib-commented-services", () => {
  const ID = "qatlib-commented-services";

  it("warns that a commented value is applied", () => {
    const ds = rule(ID, "#ServicesEnabled=dc\n");
    // The value it applies: specs/qatlib-commented-services/invalid.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 1, column: 1 } } }]);
  });

  it("warns that prose naming the mark breaks the real line", () => {
    const ds = rule(ID, "# set ServicesEnabled=dc for compression\nServicesEnabled=sym;asym\n");
    // Wording: specs/qatlib-commented-services/invalid-prose.
    expect(ds).toMatchObject([{ severity: "warning", range: { start: { line: 1 } } }]);
  });

  it("is silent on the shipped sample's empty commented line", () => {
    expect(rule(ID, "#ServicesEnabled=\n#POLICY=\n")).toEqual([]);
  });
});

describe("qatlib-services-unsupported", () => {
  const ID = "qatlib-services-unsupported";

  it("refuses three services and decomp on GEN4, as adf_gen4_services_supported does", () => {
    for (const v of ["sym;asym;dc", "sym;dc;decomp", "decomp", "sym;decomp"]) {
      const [d] = rule(ID, `ServicesEnabled=${v}\n`, { ...QATLIB, device: "4xxx" });
      expect(d?.severity, v).toBe("error");
      expect(d?.range.start.column).toBe(17);
    }
    expect(rule(ID, "ServicesEnabled=sym;dc\n", { ...QATLIB, device: "420xx" })).toEqual([]);
  });

  it("accepts them on 6xxx, and warns when the device is not known", () => {
    expect(rule(ID, "ServicesEnabled=sym;asym;dc\n", { ...QATLIB, device: "6xxx" })).toEqual([]);
    expect(rule(ID, "ServicesEnabled=sym;asym;dc\n")[0]?.severity).toBe("warning");
  });
});

describe("qatlib-policy", () => {
  const ID = "qatlib-policy";

  it("accepts what qatmgr's parse_and_validate_arg accepts", () => {
    for (const p of ["0", "1", "2", "4096", " 16 ", '"2"', "+3"]) expect(rule(ID, `POLICY=${p}\n`), p).toEqual([]);
  });

  it.each(["", "0x10", "-1", "4097", "2 # two VFs", "two"])("refuses POLICY=%s: qat.service fails", (p) => {
    const [d] = rule(ID, `POLICY=${p}\n`);
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("Invalid policy");
  });

  it("warns that an earlier POLICY is overridden by the last", () => {
    const ds = rule(ID, "POLICY=2\nPOLICY=0\n");
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: "warning", range: { start: { line: 1 } } });
  });
});

describe("qatlib-policy-services", () => {
  const ID = "qatlib-policy-services";

  it("warns of POLICY=1 with the default services only", () => {
    expect(rule(ID, "POLICY=1\n")).toHaveLength(1);
    expect(rule(ID, "POLICY=1\nServicesEnabled=asym;sym\n")).toHaveLength(1);
    expect(rule(ID, "POLICY=1\nServicesEnabled=sym;dc\n")).toEqual([]);
    expect(rule(ID, "POLICY=2\n")).toEqual([]);
  });
});

describe("qatlib-unknown-variable", () => {
  const ID = "qatlib-unknown-variable";

  it("knows qatlib's variables and suggests the meant one", () => {
    expect(
      rule(ID, "POLICY=0\nServicesEnabled=dc\nVFIO_DRIVER=qat_vfio_pci\nQAT_USER_GROUP=qat\nLKCF_LIST=\n"),
    ).toEqual([]);
    const text = "policy=2\nServiceEnabled=dc\nFOO=1\n";
    const [a, b, c] = rule(ID, text);
    expect(fixed(text, a)).toBe("POLICY=2\nServiceEnabled=dc\nFOO=1\n");
    expect(fixed(text, b)).toBe("policy=2\nServicesEnabled=dc\nFOO=1\n");
    expect(c?.fix).toBeUndefined();
  });
});

describe("the kind of file", () => {
  it("is qatlib for a path ending in sysconfig/qat, or with kind: qatlib", () => {
    expect(lint("POLICY=x\n", QATLIB).document.kind).toBe("qatlib");
    expect(lint("POLICY=x\n", { kind: "qatlib" }).document.kind).toBe("qatlib");
    expect(lint("POLICY=x\n", { fileName: "qat" }).document.kind).toBeUndefined();
  });

  it("runs no driver rule on qatlib's file and no qatlib rule on the driver's", () => {
    const ids = lint("ServicesEnabled=cy\nPOLICY=1\n", QATLIB).diagnostics.map((d) => d.ruleId);
    expect(ids.every((id) => id.startsWith("qatlib-"))).toBe(true);
    const driver = lint("[GENERAL]\nServicesEnabled = asym;sym\n", { fileName: "4xxx_dev0.conf" });
    expect(driver.diagnostics.some((d) => d.ruleId.startsWith("qatlib-"))).toBe(false);
  });

  it("lints the shipped sample clean, and never throws on any text", () => {
    const sample = "# /etc/sysconfig/qat\n#POLICY=\n\n#ServicesEnabled=\n";
    expect(lint(sample, QATLIB).diagnostics).toEqual([]);
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 120 }), (s) => void lint(s, QATLIB)));
  });
});
