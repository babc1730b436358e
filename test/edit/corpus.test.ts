/**
 * The editors on Intel's shipped files: what they write there (small expected diffs written here,
 * never copies of the corpus), and on every file: add then remove gives the file back, the rings
 * are checked, enable-sriov is idempotent and adds no lint error.
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.ts";
import { addInstances, enableSriov, removeInstances } from "../../src/linted-edits.ts";
import { type CorpusFile, corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";

function corpusFile(name: string): CorpusFile {
  const file = corpusFiles().find((f) => f.name === name);
  if (!file) throw new Error(`corpus file ${name} is missing`);
  return file;
}

const errorsByRule = (text: string, fileName: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of lint(text, { fileName }).diagnostics)
    if (d.severity === "error") out[d.ruleId] = (out[d.ruleId] ?? 0) + 1;
  return out;
};

describe.skipIf(!corpusAvailable)(corpusSuite("editors on the corpus"), () => {
  it("adds a crypto instance to Intel's c6xx SHIM section in its own style", () => {
    const file = corpusFile("QAT_Engine/qat_hw_config/c6xx/multi_process/d10057d6/c6xx_dev0.conf");
    const r = addInstances(file.text, { cy: 1 }, { fileName: "c6xx_dev0.conf" });
    expect(r.refusal).toBeUndefined();
    expect(r.text).toBe(
      `${file.text.replace("[SHIM]\nNumberCyInstances = 1\n", "[SHIM]\nNumberCyInstances = 2\n")}\n` +
        '# Crypto - User instance #1\nCy1Name = "UserCY1"\nCy1IsPolled = 1\n# List of core affinities\nCy1CoreAffinity = 1\n',
    );
  });

  it("copies QAT 1.5's AcceleratorNumber lines, notes that QAT 1.5 rings are not simulated", () => {
    const file = corpusFiles().find(
      (f) => f.name.includes("dh89xxcc/multi_process_optimized") && basename(f.name) === "dh89xxcc_qa_dev0.conf",
    );
    if (!file) throw new Error("no dh89xxcc multi-process file in the corpus");
    const r = addInstances(file.text, { cy: 1, section: "SHIM" }, { fileName: "dh89xxcc_qa_dev0.conf" });
    expect(r.text.slice(file.text.length - 1)).toMatch(
      /^\n\nCy4Name = "UserCY4"\nCy4AcceleratorNumber = [0-9,]+\nCy4IsPolled = 1\nCy4CoreAffinity = 4\n$/,
    );
    expect(r.notes).toEqual([
      "ring budget not checked: QAT 1.5 devices assign rings per accelerator; qatconf does not simulate them",
    ]);
  });

  it("refuses one more instance on a 4xxx file that fills the device, naming the banks", () => {
    const file = corpusFiles().find((f) => f.name.startsWith("QAT_Engine/qat_hw_config/4xxx/multi_process/"));
    if (!file) throw new Error("no 4xxx multi-process file in the corpus");
    const r = addInstances(file.text, { cy: 1 }, { fileName: "4xxx_dev0.conf" });
    expect(r.refusal?.kind).toBe("budget");
    expect(r.refusal?.message).toContain(
      "the 4xxx PF has 64 banks of 2 rings; ServicesEnabled = asym;sym gives 32 sym slots (on 32 of the 64 banks), and banks 0-63 hold 32 of them, all taken",
    );
  });

  it("on every file: add then remove gives the file back byte for byte, or the rings refuse it", () => {
    let added = 0;
    for (const file of corpusFiles()) {
      const fileName = basename(file.name);
      const r = addInstances(file.text, { cy: 1, section: "SHIM" }, { fileName });
      if (r.refusal) {
        // Intel's multi-process files fill the device exactly; the c4xxx ones keep Cy1 keys past the count.
        expect(["budget", "request"], file.name).toContain(r.refusal.kind);
        continue;
      }
      added++;
      expect(errorsByRule(r.text, fileName), file.name).toEqual(errorsByRule(file.text, fileName));
      const count = Number(/\[SHIM\][^[]*?NumberCyInstances = (\d+)/.exec(r.text)?.[1]);
      const back = removeInstances(r.text, { section: "SHIM", cy: [count - 1] }, { fileName });
      expect(back.text, file.name).toBe(file.text);
    }
    expect(added).toBeGreaterThan(100);
  });

  it("on every PF file: enable-sriov adds no lint error and is idempotent", () => {
    for (const file of corpusFiles()) {
      const fileName = basename(file.name);
      const once = enableSriov(file.text, { fileName });
      expect(once.refusal, file.name).toBeUndefined();
      expect(once.text, file.name).toMatch(/SRIOV_Enabled = 1/);
      expect(enableSriov(once.text, { fileName }).changed, file.name).toBe(false);
      const errors = errorsByRule(once.text, fileName);
      for (const [rule, n] of Object.entries(errors))
        expect(n, `${file.name} ${rule}`).toBeLessThanOrEqual(errorsByRule(file.text, fileName)[rule] ?? 0);
    }
  });
});
