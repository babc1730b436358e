import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits } from "../../src/edit/text-edit.ts";
import { lint } from "../../src/lint/lint.ts";
import { addInstances, removeInstances } from "../../src/linted-edits.ts";
import { parse } from "../../src/syntax/parse.ts";
import type { Line } from "../../src/syntax/tree.ts";
import { instanceFile } from "./arbitrary.ts";

const PF = { fileName: "c6xx_dev0.conf" };
const VF = { fileName: "c6xxvf_dev0.conf" };

const INTEL = `[GENERAL]
ServicesEnabled = cy;dc
ConfigVersion = 2

[KERNEL]
NumberCyInstances = 0
NumberDcInstances = 0

[SHIM]
NumberCyInstances = 1
NumberDcInstances = 0
NumProcesses = 1
LimitDevAccess = 1

# Crypto - User instance #0
Cy0Name = "UserCY0"
Cy0IsPolled = 1
# List of core affinities
Cy0CoreAffinity = 0
`;

const block = (i: number, core: number | string = i, name = `UserCY${i}`, polled = 1): string =>
  `\n# Crypto - User instance #${i}\nCy${i}Name = "${name}"\nCy${i}IsPolled = ${polled}\n# List of core affinities\nCy${i}CoreAffinity = ${core}\n`;

describe("addInstances", () => {
  it("writes new instances like Intel's: comment block, key order, quoting, numbering, next CPU", () => {
    const r = addInstances(INTEL, { cy: 2 }, PF);
    expect(r.refusal).toBeUndefined();
    expect(r.text).toBe(INTEL.replace("NumberCyInstances = 1", "NumberCyInstances = 3") + block(1) + block(2));
  });

  it("copies a compact style: no spaces around '=', bare names numbered from 1, no blank lines", () => {
    const text =
      "[GENERAL]\nServicesEnabled=cy;dc\nConfigVersion=2\n[SSL]\nNumberCyInstances=2\nNumberDcInstances=0\nNumProcesses=1\nLimitDevAccess=0\nCy0Name=app1\nCy0IsPolled=2\nCy0CoreAffinity=4\nCy1Name=app2\nCy1IsPolled=2\nCy1CoreAffinity=5\n";
    const r = addInstances(text, { cy: 1 }, PF);
    expect(r.text).toBe(
      `${text.replace("NumberCyInstances=2", "NumberCyInstances=3")}Cy2Name=app3\nCy2IsPolled=2\nCy2CoreAffinity=6\n`,
    );
  });

  it("derives compression instances from crypto ones: names, comments; after the crypto instances", () => {
    const r = addInstances(INTEL, { dc: 1 }, PF);
    expect(r.text).toBe(
      INTEL.replace("NumberCyInstances = 1\nNumberDcInstances = 0", "NumberCyInstances = 1\nNumberDcInstances = 1") +
        '\n# Data Compression - User instance #0\nDc0Name = "UserDC0"\nDc0IsPolled = 1\n# List of core affinities\nDc0CoreAffinity = 1\n',
    );
  });

  it("puts crypto instances before the compression ones, as Intel's files order them", () => {
    const text = INTEL.replace(
      "NumberCyInstances = 1\nNumberDcInstances = 0",
      "NumberCyInstances = 0\nNumberDcInstances = 1",
    )
      .replaceAll("Crypto", "Data Compression")
      .replaceAll("Cy0", "Dc0")
      .replace("UserCY0", "UserDC0");
    const r = addInstances(text, { cy: 1 }, PF);
    const out = r.text;
    expect(out.indexOf("Cy0Name")).toBeGreaterThan(out.indexOf("LimitDevAccess"));
    expect(out.indexOf("Cy0Name")).toBeLessThan(out.indexOf("Dc0Name"));
    expect(out).toContain('# Crypto - User instance #0\nCy0Name = "UserCY0"');
  });

  it("honours --polled, --core-affinity, --name-prefix and --processes", () => {
    const r = addInstances(INTEL, { cy: 1, polled: 2, coreAffinity: "0-3", namePrefix: "Edge", processes: 2 }, PF);
    expect(r.text).toBe(
      INTEL.replace("NumberCyInstances = 1", "NumberCyInstances = 2").replace("NumProcesses = 1", "NumProcesses = 2") +
        block(1, "0-3", "Edge1", 2),
    );
  });

  it("creates a missing section with NumProcesses and LimitDevAccess, in Intel's layout", () => {
    const r = addInstances(INTEL, { cy: 1, section: "SSL" }, PF);
    expect(r.text).toBe(
      `${INTEL}\n[SSL]\nNumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses = 1\nLimitDevAccess = 1\n\n# Crypto - User instance #0\nCy0Name = "UserCY0"\nCy0IsPolled = 1\n# List of core affinities\nCy0CoreAffinity = 0\n`,
    );
  });

  it("adds kernel instances in interrupt mode, with no NumProcesses", () => {
    const r = addInstances(INTEL, { cy: 1, section: "KERNEL" }, PF);
    expect(r.text).toBe(
      INTEL.replace(
        "[KERNEL]\nNumberCyInstances = 0\nNumberDcInstances = 0\n",
        '[KERNEL]\nNumberCyInstances = 1\nNumberDcInstances = 0\n\n# Crypto - Kernel instance #0\nCy0Name = "UserCY0"\nCy0IsPolled = 0\n# List of core affinities\nCy0CoreAffinity = 0\n',
      ),
    );
  });

  it("adds to the only user section by default, and asks which one when there are several", () => {
    expect(addInstances(INTEL, { cy: 1 }, PF).text).toContain("Cy1Name");
    const two = `${INTEL}\n[SSL]\nNumberCyInstances = 0\nNumberDcInstances = 0\nNumProcesses = 1\n`;
    const r = addInstances(two, { cy: 1 }, PF);
    expect(r.refusal).toMatchObject({ kind: "request", message: expect.stringContaining("[SHIM], [SSL]") });
    expect(r.text).toBe(two);
  });

  it("refuses to take over keys left beyond the count", () => {
    const stray = INTEL.replace("NumberCyInstances = 1", "NumberCyInstances = 0");
    const r = addInstances(stray, { cy: 1 }, PF);
    expect(r.refusal?.kind).toBe("request");
    expect(r.refusal?.message).toContain("already has Cy0 keys although NumberCyInstances = 0");
  });

  it("refuses a request the rings cannot hold, naming the bank and the budget, and changes nothing", () => {
    const vf = INTEL.replace("[SHIM]", "[SSL]");
    const r = addInstances(vf, { cy: 2 }, VF);
    expect(r.refusal?.kind).toBe("budget");
    expect(r.refusal?.message).toBe(
      "Don't have enough rings for instance UserCY2 in process SSL_DEV0_INT_0: the c6xx VF has 1 bank of 16 rings; " +
        "ServicesEnabled = cy;dc gives 2 cy slots (2 per bank), and bank 0 holds 2 of them, all taken (1 instance left without rings)",
    );
    expect(r).toMatchObject({ text: vf, changed: false, edits: [] });
    expect(addInstances(vf, { cy: 1 }, VF).refusal).toBeUndefined();
  });

  it("notes when the ring budget cannot be checked", () => {
    expect(addInstances(INTEL, { cy: 1 }).notes).toEqual([
      "ring budget not checked: the device is unknown (name the file like c6xx_dev0.conf or pass --device)",
    ]);
    expect(addInstances(INTEL, { cy: 1 }, { device: "c6xx" }).notes).toEqual([]);
  });

  it("refuses a result with new lint errors, with those errors", () => {
    const cyOnly = INTEL.replace("ServicesEnabled = cy;dc", "ServicesEnabled = cy");
    const r = addInstances(cyOnly, { dc: 1 }, PF);
    expect(r.refusal?.kind).toBe("lint");
    expect(r.diagnostics.map((d) => d.ruleId)).toContain("service-not-enabled");
    expect(r.text).toBe(cyOnly);
  });

  it("never edits a file with syntax errors unless forced; forced, broken lines stay as written", () => {
    const broken = `${INTEL}this line is broken\n`;
    const r = addInstances(broken, { cy: 1 }, PF);
    expect(r.refusal?.kind).toBe("syntax");
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(["syntax"]);
    const forced = addInstances(broken, { cy: 1 }, { ...PF, force: true });
    expect(forced.refusal).toBeUndefined();
    expect(forced.text).toContain("Cy1Name");
    expect(forced.text).toContain("this line is broken\n");
  });

  it("keeps a file without a final line ending without one, and removal undoes it exactly", () => {
    const text = INTEL.slice(0, -1);
    const r = addInstances(text, { cy: 1 }, PF);
    expect(r.text.endsWith("Cy1CoreAffinity = 1")).toBe(true);
    expect(removeInstances(r.text, { section: "SHIM", cy: [1] }, PF).text).toBe(text);
  });

  it("keeps CRLF files CRLF", () => {
    const text = INTEL.replaceAll("\n", "\r\n");
    const r = addInstances(text, { cy: 1 }, PF);
    expect(r.text.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("rejects requests that are not whole numbers or ask for nothing", () => {
    expect(addInstances(INTEL, {}, PF).refusal?.message).toContain("nothing to add");
    expect(addInstances(INTEL, { cy: -1 }, PF).refusal?.kind).toBe("request");
    expect(addInstances(INTEL, { cy: 1, processes: 0 }, PF).refusal?.kind).toBe("request");
    expect(addInstances(INTEL, { cy: 1, section: "GENERAL" }, PF).refusal?.message).toContain(
      "reads no instances there",
    );
  });
});

describe("removeInstances", () => {
  const three = addInstances(INTEL, { cy: 2 }, PF).text;

  it("removes an instance and renumbers the rest: keys, names that follow numbers, comments, count", () => {
    const r = removeInstances(three, { section: "SHIM", cy: [0] }, PF);
    expect(r.refusal).toBeUndefined();
    expect(r.text).toBe(
      INTEL.replace("NumberCyInstances = 1", "NumberCyInstances = 2").replace(block(0), block(0, 1)) + block(1, 2),
    );
  });

  it("removes several at once", () => {
    const r = removeInstances(three, { section: "SHIM", cy: [2, 0] }, PF);
    expect(r.text).toContain("NumberCyInstances = 1");
    expect(r.text).toContain('Cy0Name = "UserCY0"\nCy0IsPolled = 1\n# List of core affinities\nCy0CoreAffinity = 1\n');
    expect(r.text).not.toContain("Cy1");
  });

  it("leaves names that do not follow the numbers, and a group comment, alone", () => {
    const text =
      '[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n[SSL]\nNumberCyInstances = 2\nNumberDcInstances = 0\nNumProcesses = 1\n\n# Crypto - User space\nCy0Name = "alpha"\nCy0IsPolled = 1\nCy0CoreAffinity = 1\n\nCy1Name = "beta"\nCy1IsPolled = 1\nCy1CoreAffinity = 2\n';
    const r = removeInstances(text, { section: "SSL", cy: [0] }, PF);
    expect(r.text).toBe(
      '[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n[SSL]\nNumberCyInstances = 1\nNumberDcInstances = 0\nNumProcesses = 1\n\n# Crypto - User space\nCy0Name = "beta"\nCy0IsPolled = 1\nCy0CoreAffinity = 2\n',
    );
  });

  it("refuses instances that are not there, and sections that are not there, with a suggestion", () => {
    expect(removeInstances(three, { section: "SHIM", cy: [3] }, PF).refusal?.message).toBe(
      "[SHIM] has no instance Cy3: NumberCyInstances = 3 (Cy0 to Cy2)",
    );
    expect(removeInstances(three, { section: "SHIN", cy: [0] }, PF).refusal?.message).toBe(
      "the file has no section [SHIN] (did you mean 'SHIM'?)",
    );
  });
});

/**
 * Original lines whose content (line ending aside) an edit replaces, deletes or inserts into. A line
 * that only loses its line ending, because the lines after it went and the file ends without one,
 * keeps its content.
 */
function touchedLines(text: string, edits: readonly { start: number; end: number }[]): Line[] {
  return parse(text).lines.filter((line) => {
    const start = line.range.start.offset;
    const end = start + line.raw.length - line.eol.length;
    return edits.some((e) => (e.end > e.start ? e.start < end && e.end > start : e.start > start && e.start < end));
  });
}

const COUNT_KEYS = new Set(["NumberCyInstances", "NumberDcInstances", "NumProcesses"]);

describe("instance editing properties", () => {
  it("add-instance then remove-instance gives back the original text exactly", () => {
    fc.assert(
      fc.property(instanceFile, fc.constantFrom("cy", "dc"), fc.integer({ min: 1, max: 3 }), (file, family, n) => {
        const added = addInstances(file.text, { [family]: n, section: "SSL" }, PF);
        expect(added.refusal).toBeUndefined();
        const start = family === "cy" ? file.cy : file.dc;
        const indexes = Array.from({ length: n }, (_, i) => start + i);
        const back = removeInstances(added.text, { section: "SSL", [family]: indexes }, PF);
        expect(back.text).toBe(file.text);
      }),
    );
  });

  it("adding touches no line but the counts: every other line stays byte for byte", () => {
    fc.assert(
      fc.property(instanceFile, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (file, cy, dc) => {
        fc.pre(cy + dc > 0);
        const r = addInstances(file.text, { cy, dc, section: "SSL" }, PF);
        for (const line of touchedLines(file.text, r.edits)) {
          expect(line.kind === "entry" && COUNT_KEYS.has(line.key.text), line.raw).toBe(true);
        }
        expect(applyEdits(file.text, r.edits).text).toBe(r.text);
      }),
    );
  });

  it("removing touches only the counts and the lines of the instances removed or renumbered", () => {
    fc.assert(
      fc.property(instanceFile, fc.nat(), (file, pick) => {
        fc.pre(file.cy > 0);
        const victim = pick % file.cy;
        const r = removeInstances(file.text, { section: "SSL", cy: [victim] }, PF);
        expect(r.refusal).toBeUndefined();
        for (const line of touchedLines(file.text, r.edits)) {
          const ok =
            line.kind === "blank" ||
            line.kind === "comment" ||
            (line.kind === "entry" && (COUNT_KEYS.has(line.key.text) || /^Cy\d+/.test(line.key.text)));
          expect(ok, line.raw).toBe(true);
        }
        expect(r.text.split(/\r?\n/).filter((l) => /^Dc\d/.test(l))).toEqual(
          file.text.split(/\r?\n/).filter((l) => /^Dc\d/.test(l)),
        );
      }),
    );
  });

  it("results lint without errors and fit the rings, or the edit is refused", () => {
    fc.assert(
      fc.property(instanceFile, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (file, cy, dc) => {
        fc.pre(cy + dc > 0);
        const r = addInstances(file.text, { cy, dc, section: "SSL" }, PF);
        if (r.refusal) {
          expect(r.refusal.kind).toBe("budget");
          expect(file.cy + cy > 32 || file.dc + dc > 32).toBe(true);
          return;
        }
        expect(lint(r.text, PF).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
