import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deviceConfig, driverValue, findFamily, parse, parseInteger, view } from "../../src/index.ts";
import { configDocument } from "../support/arbitraries.ts";

describe("the semantic view reads what adf_ctl reads", () => {
  const v = view(
    parse(
      [
        "[GENERAL]",
        "ServicesEnabled = cy ; dc",
        "ConfigVersion = 2",
        "ConfigVersion = 3",
        "[ S S L ]",
        'Cy0 Name = "User CY0"',
        'Cy1Name = "a#b"',
        "NumberCyInstances = 0x2 # two",
        "NumProcesses = many",
        "[GENERAL]",
        "Extra = 1",
      ].join("\n"),
      { fileName: "/etc/c6xx_dev0.conf" },
    ),
  );

  it("keeps sections in order, duplicates included", () => {
    expect(v.sections.map((s) => s.name)).toEqual(["GENERAL", "SSL", "GENERAL"]);
    expect(v.sectionsNamed("GENERAL")).toHaveLength(2);
    expect(v.section("GENERAL")?.has("Extra")).toBe(false);
  });

  it("deletes blanks from keys, names and values", () => {
    const ssl = v.section("SSL");
    expect(ssl?.keys()).toEqual(["Cy0Name", "Cy1Name", "NumberCyInstances", "NumProcesses"]);
    expect(ssl?.get("Cy0Name")).toBe("UserCY0");
    expect(v.section("GENERAL")?.get("ServicesEnabled")).toBe("cy;dc");
  });

  it("cuts values at '#', even inside quotes", () => {
    expect(v.section("SSL")?.get("Cy1Name")).toBe('"a');
  });

  it("keeps every duplicate but answers with the first, as the driver does", () => {
    const general = v.section("GENERAL");
    expect(general?.all("ConfigVersion").map((e) => e.value)).toEqual(["2", "3"]);
    expect(general?.number("ConfigVersion")).toBe(2);
  });

  it("types numbers: decimal and hex, nothing else", () => {
    expect(v.section("SSL")?.number("NumberCyInstances")).toBe(2);
    expect(v.section("SSL")?.number("NumProcesses")).toBeUndefined();
    expect(v.section("SSL")?.number("Missing")).toBeUndefined();
  });

  it("reads the device from the file name", () => {
    expect(v.file).toMatchObject({ family: "c6xx", isVf: false, index: 0 });
  });
});

describe("parseInteger", () => {
  it.each([
    ["0", 0],
    ["64", 64],
    ["0x1F", 31],
    ["0X10", 16],
    [" 7 ", 7],
    ["-1", -1],
    ["1.5", undefined],
    ["", undefined],
    ["0x", undefined],
    ["12abc", undefined],
    ["99999999999999999999", undefined],
  ])("%j -> %j", (text, expected) => {
    expect(parseInteger(text)).toBe(expected);
  });

  it("reads back every safe integer it is given", () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => parseInteger(String(n)) === n));
  });
});

describe("driverValue", () => {
  it("never keeps a blank or a '#'", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = driverValue(s);
        expect(v).not.toMatch(/[ \t\r#]/);
      }),
    );
  });
});

describe("merged sections: the file as the driver reads it after merging same-named sections", () => {
  const v = view(parse("[GENERAL]\nA = 1\n[SSL]\nX = 1\n[GENERAL]\nA = 2\nB = 3\n[ G E N E R A L ]\nC = 4\n"));

  it("gives each name once, in order of first appearance, with its parts in file order", () => {
    expect(v.mergedSections().map((s) => [s.name, s.parts.length])).toEqual([
      ["GENERAL", 3],
      ["SSL", 1],
    ]);
  });

  it("answers with the first value of a key over every part, and every key once", () => {
    const general = v.merged("GENERAL");
    expect(general?.get("A")).toBe("1");
    expect(general?.number("B")).toBe(3);
    expect(general?.has("C")).toBe(true);
    expect(general?.keys()).toEqual(["A", "B", "C"]);
    expect(v.merged("KERNEL")).toBeUndefined();
  });

  it("agrees with the parts for any generated file: a key's merged entry is its first entry in file order", () => {
    fc.assert(
      fc.property(configDocument, (d) => {
        const sv = view(parse(d.text));
        for (const merged of sv.mergedSections()) {
          for (const key of merged.keys()) {
            const first = sv.sections.filter((s) => s.name === merged.name).find((s) => s.has(key));
            expect(merged.entry(key)).toBe(first?.entry(key));
          }
        }
      }),
    );
  });
});

describe("the device model reads merged sections too", () => {
  it("takes ServicesEnabled from a second [GENERAL], as the driver does", () => {
    const text = "[GENERAL]\nConfigVersion = 2\n[KERNEL]\nNumberCyInstances = 0\n[GENERAL]\nServicesEnabled = dc\n";
    const config = deviceConfig(view(parse(text)), findFamily("c6xx") ?? expect.unreachable(), false);
    expect(config.servicesEnabled).toBe("dc");
    expect(config.servicesEnabledEntry?.range.start.line).toBe(6);
  });
});
