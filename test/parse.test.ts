import { describe, expect, it } from "vitest";
import { parse, print } from "../src/index.ts";

describe("parse", () => {
  it("keeps every byte of a small file", () => {
    const text = "\uFEFF[GENERAL]\r\nServicesEnabled = cy;dc\n# end";
    expect(print(parse(text))).toBe(text);
  });
});
