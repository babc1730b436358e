import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { view } from "../../src/config/view.ts";
import { parseAssignment } from "../../src/edit/set.ts";
import { setValues } from "../../src/linted-edits.ts";
import { parse } from "../../src/syntax/parse.ts";
import { documentText } from "../format/arbitrary.ts";

const TEXT = `[GENERAL]
ServicesEnabled = cy;dc   # what the device does
ConfigVersion=2

[SSL]
NumberCyInstances = 1
NumberDcInstances = 0
NumProcesses = 1
Cy0Name = "SSL0"
Cy0IsPolled = 1
Cy0CoreAffinity = 0
# end of SSL

[KERNEL]
NumberCyInstances = 0
NumberDcInstances = 0
`;
const PF = { fileName: "c6xx_dev0.conf" };

describe("parseAssignment", () => {
  it("splits SECTION.KEY=VALUE at the first '=' and the last '.' before it", () => {
    expect(parseAssignment("GENERAL.ServicesEnabled=dc")).toEqual({
      section: "GENERAL",
      key: "ServicesEnabled",
      value: "dc",
    });
    expect(parseAssignment("my.app.Cy0Name=a=b")).toEqual({ section: "my.app", key: "Cy0Name", value: "a=b" });
    expect(parseAssignment("SSL.Key=")).toEqual({ section: "SSL", key: "Key", value: "" });
  });

  it("explains what is not an assignment", () => {
    expect(parseAssignment("GENERAL.ServicesEnabled")).toContain("there is no '='");
    expect(parseAssignment("ServicesEnabled=dc")).toContain("write the section, a '.', then the key");
    expect(parseAssignment("GENERAL.=dc")).toContain("write the section");
  });
});

describe("setValues", () => {
  it("replaces a value in place, keeping the line's spacing and comment", () => {
    const r = setValues(TEXT, [{ section: "GENERAL", key: "ServicesEnabled", value: "cy" }], PF);
    expect(r.text).toBe(TEXT.replace("ServicesEnabled = cy;dc   #", "ServicesEnabled = cy   #"));
    const compact = setValues(TEXT, [{ section: "GENERAL", key: "ConfigVersion", value: "2 " }], PF);
    expect(compact.refusal).toBeUndefined();
  });

  it("keeps a quoted value quoted", () => {
    const r = setValues(TEXT, [{ section: "SSL", key: "Cy0Name", value: "edge" }], PF);
    expect(r.text).toBe(TEXT.replace('"SSL0"', '"edge"'));
    expect(setValues(TEXT, [{ section: "SSL", key: "Cy0Name", value: '"x"' }], PF).text).toContain('Cy0Name = "x"\n');
  });

  it("adds a missing key after the section's last entry, in the section's style", () => {
    const r = setValues(TEXT, [{ section: "SSL", key: "LimitDevAccess", value: "1" }], PF);
    expect(r.text).toBe(TEXT.replace("Cy0CoreAffinity = 0\n", "Cy0CoreAffinity = 0\nLimitDevAccess = 1\n"));
  });

  it("adds a missing section at the end of the file, with every key asked for, in order", () => {
    const r = setValues(
      TEXT,
      [
        { section: "WIRELESS", key: "NumProcesses", value: "0" },
        { section: "WIRELESS", key: "Foo", value: "1" },
      ],
      { ...PF, lint: { rules: { "unknown-key": "off", "unknown-section": "off" } } },
    );
    expect(r.text).toBe(`${TEXT}\n[WIRELESS]\nNumProcesses = 0\nFoo = 1\n`);
  });

  it("takes the last value of a key given twice, and changes nothing when the value is already there", () => {
    const r = setValues(
      TEXT,
      [
        { section: "SSL", key: "NumProcesses", value: "3" },
        { section: "SSL", key: "NumProcesses", value: "2" },
      ],
      PF,
    );
    expect(r.text).toBe(TEXT.replace("NumProcesses = 1", "NumProcesses = 2"));
    const same = setValues(TEXT, [{ section: "SSL", key: "NumProcesses", value: "1" }], PF);
    expect(same).toMatchObject({ text: TEXT, changed: false, edits: [] });
  });

  it("sets an empty value after one blank, and emptying it takes that blank away", () => {
    const text = "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\nstatsGeneral=\n";
    const set = setValues(text, [{ section: "GENERAL", key: "statsGeneral", value: "1" }], PF);
    expect(set.text).toContain("statsGeneral= 1\n");
    expect(setValues(set.text, [{ section: "GENERAL", key: "statsGeneral", value: "" }], PF).text).toBe(text);
  });

  it("refuses values the driver would not read back: '#', line breaks, odd keys", () => {
    const refusal = (key: string, value: string): string | undefined =>
      setValues(TEXT, [{ section: "SSL", key, value }], PF).refusal?.message;
    expect(refusal("Cy0Name", "a#b")).toContain("cuts values at '#'");
    expect(refusal("Cy0Name", "a\nb")).toContain("line break");
    expect(refusal("Cy 0Name", "a")).toContain("not a key");
  });

  it("refuses a change that breaks the ring budget, naming it", () => {
    const r = setValues(TEXT, [{ section: "SSL", key: "NumProcesses", value: "64" }], PF);
    expect(r.refusal?.kind).toBe("budget");
    expect(r.refusal?.message).toContain("the c6xx PF has 16 banks of 16 rings");
    expect(r.text).toBe(TEXT);
  });

  it("refuses a change that adds lint errors, and allows one that leaves old errors alone", () => {
    const r = setValues(TEXT, [{ section: "SSL", key: "Cy0IsPolled", value: "0" }], PF);
    expect(r.refusal?.kind).toBe("lint");
    expect(r.diagnostics.every((d) => d.severity === "error")).toBe(true);
    const broken = TEXT.replace("Cy0IsPolled = 1", "Cy0IsPolled = 0");
    expect(setValues(broken, [{ section: "GENERAL", key: "ConfigVersion", value: "2" }], PF).refusal).toBeUndefined();
    expect(setValues(broken, [{ section: "SSL", key: "Cy0IsPolled", value: "1" }], PF).text).toBe(TEXT);
  });
});

/** Every entry of a generated document, as a settable assignment. */
function entriesOf(text: string): { section: string; key: string; rawValue: string }[] {
  return view(parse(text)).sections.flatMap((s, i, all) =>
    // Only the first section of a name is edited, and only the first entry of a key.
    all.findIndex((o) => o.name === s.name) !== i
      ? []
      : s.keys().map((key) => ({ section: s.name, key, rawValue: s.entry(key)?.rawValue.text ?? "" })),
  );
}

const value = fc.stringMatching(/^[A-Za-z0-9;,._-]{1,12}$/);

describe("set properties", () => {
  it("set then set back gives back the original text, and only the key's line changes", () => {
    fc.assert(
      fc.property(documentText, fc.nat(), value, (text, pick, newValue) => {
        const entries = entriesOf(text).filter((e) => /^[A-Za-z]\w*$/.test(e.key) && !e.rawValue.includes("#"));
        fc.pre(entries.length > 0);
        const e = entries[pick % entries.length] as (typeof entries)[number];
        const there = setValues(text, [{ section: e.section, key: e.key, value: newValue }]);
        fc.pre(there.refusal === undefined);
        const before = text.split(/(?<=\n|\r(?!\n))/);
        const after = there.text.split(/(?<=\n|\r(?!\n))/);
        expect(after.length).toBe(before.length);
        expect(after.filter((line, i) => line !== before[i]).length).toBeLessThanOrEqual(1);
        const back = setValues(there.text, [{ section: e.section, key: e.key, value: e.rawValue }]);
        expect(back.text).toBe(text);
      }),
    );
  });
});
