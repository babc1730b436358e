import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.ts";
import { corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";

const RULES = new Set([
  "value-too-long",
  "duplicate-section",
  "duplicate-key",
  "unknown-section",
  "unknown-key",
  "missing-required-key",
  "invalid-value",
  "deprecated-key",
  "services-enabled",
]);

/**
 * Every finding these rules may give on Intel's own files, each a true one (see the rule docs):
 * the QAT 1.6/1.7 driver warns about the deprecated keys these older samples still set, and the QAT
 * 1.5 samples write Cy<N>Accelerator, which the QAT 1.5 adf_ctl never reads (it matches the suffix
 * AcceleratorNumber).
 */
const EXPECTED = [
  /^deprecated-key (c6xx|c3xxx|dh895xcc)_dev0\.conf '(KptEnabled|StorageEnabled|PkeServiceDisabled)' is deprecated/,
  /^unknown-key (c2xxx|dh89xxcc)_qa_dev0\.conf unknown key 'Cy[0-3]Accelerator' in \[SHIM\]/,
];

describe.skipIf(!corpusAvailable)(corpusSuite("key, section and value rules on Intel's shipped files"), () => {
  const results = corpusFiles().map((f) => ({
    file: f.name.split("/").pop() as string,
    diagnostics: lint(f.text, { fileName: f.path }).diagnostics.filter((d) => RULES.has(d.ruleId)),
  }));

  it("reads the whole corpus", () => {
    expect(results.length).toBeGreaterThanOrEqual(195);
  });

  it("finds no errors in any of them", () => {
    const errors = results.flatMap((r) =>
      r.diagnostics.filter((d) => d.severity === "error").map((d) => `${r.file}: ${d.message}`),
    );
    expect(errors).toEqual([]);
  });

  it("gives only the known, justified warnings", () => {
    const unexpected = results.flatMap((r) =>
      r.diagnostics.map((d) => `${d.ruleId} ${r.file} ${d.message}`).filter((s) => !EXPECTED.some((re) => re.test(s))),
    );
    expect(unexpected).toEqual([]);
    const seen = results.flatMap((r) => r.diagnostics.map((d) => `${d.ruleId} ${r.file} ${d.message}`));
    for (const re of EXPECTED)
      expect(
        seen.some((s) => re.test(s)),
        String(re),
      ).toBe(true);
  });
});
