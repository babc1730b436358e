import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { driverValue, parse, parseInteger, view } from "../../src/index.ts";

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
