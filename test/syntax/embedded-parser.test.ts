import { describe, expect, it } from "vitest";
import { ConfigParser } from "../../grammar/parser.ts";
import { EnvFileParser } from "../../grammar/sysconfig.ts";
import { parse } from "../../src/syntax/parse.ts";
import { parseSysconfig } from "../../src/syntax/parse-sysconfig.ts";

// chevrotain's DSL methods, which its grammar recording replaces on the instance while it runs.
const DSL =
  /^(?:CONSUME|SUBRULE|OPTION|OR|MANY|MANY_SEP|AT_LEAST_ONE|AT_LEAST_ONE_SEP)\d?$|^(?:consume|subrule|option|or|many|atLeastOne|ACTION|BACKTRACK|LA)$/;

/**
 * grammar/embedded-parser.ts ends chevrotain's grammar recording by pointing the recording methods
 * back at the prototype's instead of deleting them: after construction, no call may reach a
 * recording method, or parsing would record instead of parse.
 */
describe("a parser, once built", () => {
  for (const Parser of [ConfigParser, EnvFileParser]) {
    it(`${Parser.name} calls chevrotain's own DSL methods, not the recording ones`, () => {
      const parser = new Parser() as unknown as Record<string, unknown>;
      const prototype = Object.getPrototypeOf(parser) as object;
      expect(parser.RECORDING_PHASE).toBe(false);
      const names = Object.keys(parser).filter((key) => DSL.test(key));
      // The recording put every one of them on the instance: the test sees them all.
      expect(names.length).toBeGreaterThan(80);
      for (const name of names) expect(parser[name], name).toBe(Reflect.get(prototype, name, parser));
    });
  }

  it("parses as it did: tokens, lines and errors of both languages", () => {
    const doc = parse("[GENERAL]\nServicesEnabled = cy\nbroken\n");
    expect(doc.lines.map((l) => l.kind)).toEqual(["section", "entry", "entry"]);
    expect(doc.diagnostics.map((d) => d.message)).toEqual(["expected '=' after 'broken'"]);
    const env = parseSysconfig("ServicesEnabled=asym\n# comment\n");
    expect(env.lines.map((l) => l.kind)).toEqual(["entry", "comment"]);
  });
});
