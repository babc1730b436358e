import { describe, expect, it } from "vitest";
import { shouldColor } from "../../src/cli/color.ts";

describe("shouldColor", () => {
  it("colours a terminal, not a pipe or a dumb terminal", () => {
    expect(shouldColor({}, true)).toBe(true);
    expect(shouldColor({}, false)).toBe(false);
    expect(shouldColor({}, undefined)).toBe(false);
    expect(shouldColor({ TERM: "dumb" }, true)).toBe(false);
  });

  it("obeys NO_COLOR when set to anything non-empty (no-color.org)", () => {
    expect(shouldColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: "" }, true)).toBe(true);
  });

  it("obeys FORCE_COLOR, over NO_COLOR and without a terminal, unless it is 0 or false", () => {
    expect(shouldColor({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(shouldColor({ FORCE_COLOR: "false" }, true)).toBe(false);
  });
});
