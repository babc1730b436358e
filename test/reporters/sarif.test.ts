import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.ts";
import { HOMEPAGE } from "../../src/reporters/rule-docs.ts";
import { sarif } from "../../src/reporters/sarif.ts";
import { OPTIONS, RESULTS, RULES } from "./fixture.ts";
import { parseValidSarif } from "./sarif-schema.ts";

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }>;
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }>;
    }>;
  }>;
}

function render(...args: Parameters<typeof sarif>): SarifLog {
  return parseValidSarif(sarif(...args)) as SarifLog;
}

describe("the sarif reporter", () => {
  it("is valid against the SARIF 2.1.0 schema", () => {
    expect(render(RESULTS, OPTIONS).version).toBe("2.1.0");
    expect(render([], OPTIONS).runs[0]?.results).toEqual([]);
    // The validator is not a rubber stamp: a region starting on line 0 is refused.
    const bad = sarif(RESULTS, OPTIONS).replace('"startLine": 3', '"startLine": 0');
    expect(() => parseValidSarif(bad)).toThrow(/minimum/);
  });

  it("is valid for the linter's real output", () => {
    const text = "[GENERAL]\nbroken\n# qatconf-disable-next-line syntx\n[A] x\n";
    const diagnostics = lint(text, { fileName: "c6xx_dev0.conf" }).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(2);
    const log = render([{ filePath: "c6xx_dev0.conf", source: text, diagnostics }], OPTIONS);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(diagnostics.map((d) => d.ruleId));
  });

  it("describes the tool and every rule, with its doc page and default level", () => {
    const driver = render(RESULTS, OPTIONS).runs[0]?.tool.driver;
    expect(driver).toMatchObject({ name: "qatconf", version: "1.2.3" });
    expect(new URL(driver?.informationUri ?? "").protocol).toBe("https:");
    expect(driver?.rules.map((r) => [r.id, r.defaultConfiguration.level])).toEqual([
      ["syntax", "error"],
      ["misspelt-key", "error"],
      ["style-note", "note"],
    ]);
    for (const rule of driver?.rules ?? []) {
      expect(new URL(rule.helpUri).pathname.endsWith(`/docs/rules/${rule.id}.md`)).toBe(true);
    }
  });

  it("locates results relative to %SRCROOT% (the working directory) with 1-based regions", () => {
    const run = render(RESULTS, OPTIONS).runs[0];
    expect(run?.originalUriBaseIds["%SRCROOT%"]?.uri).toBe("file:///work/project/");
    expect(run?.results[0]).toEqual({
      ruleId: "misspelt-key",
      ruleIndex: 1,
      level: "error",
      message: { text: "unknown key 'NumberCyInstacnes'\nHint: did you mean 'NumberCyInstances'?" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "conf/c6xx_dev0.conf", uriBaseId: "%SRCROOT%" },
            region: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 19 },
          },
        },
      ],
    });
    expect(run?.results.map((r) => [r.ruleIndex, r.level])).toEqual([
      [1, "error"],
      [0, "warning"],
      [2, "note"],
    ]);
  });

  it("gives a file outside the working directory an absolute file URI, and encodes odd names", () => {
    const diagnostics = RESULTS[0]?.diagnostics.slice(0, 1) ?? [];
    const log = render(
      [
        { filePath: "/etc/c6xx_dev0.conf", source: "", diagnostics },
        { filePath: "my dir/<stdin>", source: "", diagnostics },
      ],
      OPTIONS,
    );
    const locations = log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation);
    expect(locations).toEqual([
      { uri: "file:///etc/c6xx_dev0.conf" },
      { uri: "my%20dir/%3Cstdin%3E", uriBaseId: "%SRCROOT%" },
    ]);
    for (const l of locations ?? []) expect(() => new URL(l?.uri ?? "", "file:///base/")).not.toThrow();
  });

  it("adds rules the registry lacks, so that every ruleIndex resolves", () => {
    const diagnostics = [{ ...(RESULTS[0]?.diagnostics[0] as (typeof RESULTS)[0]["diagnostics"][0]), ruleId: "gone" }];
    const log = render([{ filePath: "a", source: "", diagnostics }], { ...OPTIONS, rules: RULES.slice(0, 1) });
    const run = log.runs[0];
    expect(run?.results[0]?.ruleIndex).toBe(1);
    expect(run?.tool.driver.rules[1]?.id).toBe("gone");
  });
});

describe("the project's home", () => {
  it("is the one package.json declares, so rule links follow the package when it moves", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      homepage: string;
    };
    expect(HOMEPAGE).toBe(pkg.homepage);
  });
});
