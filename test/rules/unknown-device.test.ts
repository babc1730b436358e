import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/lint.ts";
import { RULES } from "../../src/rules/index.ts";
import { findings, GOOD } from "./findings.ts";

const RULE = "unknown-device";
const NEED_DEVICE = RULES.filter((r) => r.needsDevice).map((r) => r.id);

describe("unknown-device", () => {
  it("is silent when the name, a prefixed name, a backup's name or --device tells the device", () => {
    for (const fileName of ["c6xx_dev0.conf", "web01_c6xx_dev0.conf", "web01-c6xx_dev0.conf", "c6xx_dev0.conf.orig"]) {
      expect(findings(RULE, GOOD, { fileName })).toEqual([]);
    }
    expect(findings(RULE, GOOD, { fileName: "/tmp/ansible.x8f2conf", device: "c6xx" })).toEqual([]);
  });

  it("reports once at the start of a file whose device cannot be told, naming the rules that did not run", () => {
    const [d, ...more] = findings(RULE, GOOD, { fileName: "hosts/web01/qat.conf" });
    expect(more).toEqual([]);
    expect(d?.severity).toBe("warning");
    expect(d?.range.start).toEqual({ offset: 0, line: 1, column: 1 });
    // The rules it names follow the registry; the rest of the wording (the base name 'qat.conf', the
    // hint's --device and "device" in .qatconf.json) is in specs/unknown-device/invalid.
    expect(d?.message).toContain(`${NEED_DEVICE.join(", ")} did not run`);
  });

  it("says why: an unknown --device, or no name at all", () => {
    expect(findings(RULE, GOOD, { fileName: "c6xx_dev0.conf", device: "c7xx" })[0]?.message).toContain(
      "'c7xx' is not a device family qatconf knows",
    );
    expect(findings(RULE, GOOD, {})[0]?.message).toContain("no file name or device was given");
  });

  it("leaves out the rules turned off, and the rules that need the device really do not run", () => {
    const off = { [NEED_DEVICE[0] as string]: "off" as const };
    const d = findings(RULE, GOOD, { fileName: "qat.conf", rules: off })[0];
    expect(d?.message).not.toContain(`${NEED_DEVICE[0]},`);
    // A file ring-budget would reject on a c6xx: without the device, no device rule says a word.
    const crowded = GOOD.replace("NumProcesses = 1", "NumProcesses = 64");
    const ids = new Set(lint(crowded, { fileName: "qat.conf" }).diagnostics.map((x) => x.ruleId));
    for (const id of NEED_DEVICE) expect(ids.has(id)).toBe(false);
    expect(lint(crowded, { fileName: "c6xx_dev0.conf" }).diagnostics.some((x) => x.ruleId === "ring-budget")).toBe(
      true,
    );
  });

  it("a known family before _devN, after any host prefix and before any backup suffix, names the device", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^([a-z0-9]{1,8}[_.-]){0,3}$/),
        fc.constantFrom("c6xx", "c3xxxvf", "4xxx", "dh895xcc", "200xx", "c4xxx", "vqat-adi"),
        fc.nat(9),
        fc.constantFrom(".conf", ".conf.vm"),
        fc.constantFrom("", ".orig", ".bak", "~", ".rpmnew", ".old.1"),
        (prefix, family, n, ext, backup) => {
          expect(findings(RULE, GOOD, { fileName: `${prefix}${family}_dev${n}${ext}${backup}` })).toEqual([]);
        },
      ),
    );
  });

  it("a name without _devN.conf gets the finding, whatever else it holds", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_.~-]{0,30}$/), (name) => {
        fc.pre(!/_dev\d/.test(name));
        expect(findings(RULE, GOOD, { fileName: name })).toHaveLength(1);
      }),
    );
  });
});
