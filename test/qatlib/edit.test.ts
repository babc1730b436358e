import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEnvAssignment } from "../../src/edit/set-sysconfig.ts";
import { format } from "../../src/format/format.ts";
import { lint } from "../../src/lint/lint.ts";
import { setEnvValues } from "../../src/linted-edits.ts";
import { awkServices, environment } from "../../src/qatlib/sysconfig.ts";
import { parseSysconfig } from "../../src/syntax/parse-sysconfig.ts";
import { anyString } from "../support/arbitraries.ts";

const FILE = "/etc/sysconfig/qat";

/** Lines of a qatlib file as people write them, well and badly. */
const envLine = fc.oneof(
  fc.constantFrom(
    "POLICY=2",
    "  POLICY = 2  ",
    'POLICY="0"',
    "ServicesEnabled=sym;dc",
    "ServicesEnabled = dc",
    "#ServicesEnabled=dc",
    "# ServicesEnabled=",
    "   # a comment   ",
    "; another",
    "VFIO_DRIVER = vfio-pci",
    "",
    "  ",
    "ServicesEnabled= asym;sym",
  ),
);
const envFile = fc
  .tuple(fc.array(envLine, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, eol, final]) => lines.join(eol) + (final && lines.length > 0 ? eol : ""));

describe("fmt on /etc/sysconfig/qat", () => {
  it("lays entries out as KEY=VALUE, comments flush left, one final line end", () => {
    const result = format("  POLICY = 2  \n\n\n   # two VFs   \nVFIO_DRIVER =vfio-pci", { fileName: FILE });
    expect(result.text).toBe("POLICY=2\n\n# two VFs\nVFIO_DRIVER=vfio-pci\n");
  });

  it("leaves every line holding 'ServicesEnabled=' as written: the awk reads its text as it stands", () => {
    const text = "ServicesEnabled= dc \r\n  #ServicesEnabled=sym\nPOLICY = 1\n";
    const out = format(text, { fileName: FILE }).text;
    expect(out).toBe("ServicesEnabled= dc \r\n  #ServicesEnabled=sym\nPOLICY=1\n");
  });

  it("never throws, and never changes what either reader takes from any text it formats (property)", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const once = format(text, { fileName: FILE, force: true });
        expect(awkServices(once.text).value).toBe(awkServices(text).value);
        expect([...environment(parseSysconfig(once.text))]).toEqual([...environment(parseSysconfig(text))]);
      }),
    );
  });

  it("never changes what qat_init.sh or systemd read, and is idempotent (property)", () => {
    fc.assert(
      fc.property(envFile, (text) => {
        const once = format(text, { fileName: FILE });
        if (once.diagnostics.length > 0) return;
        expect(awkServices(once.text).value).toBe(awkServices(text).value);
        expect([...environment(parseSysconfig(once.text))]).toEqual([...environment(parseSysconfig(text))]);
        expect(format(once.text, { fileName: FILE }).text).toBe(once.text);
      }),
    );
  });
});

describe("set on /etc/sysconfig/qat", () => {
  it("parses KEY=VALUE and refuses a section", () => {
    expect(parseEnvAssignment("POLICY=2")).toEqual({ key: "POLICY", value: "2" });
    expect(parseEnvAssignment("GENERAL.ServicesEnabled=dc")).toContain("write ServicesEnabled=dc");
  });

  it("rewrites the line systemd keeps and adds a missing one, as qat_init.sh reads it", () => {
    const text = "# qatlib\nServicesEnabled = dc\r\nPOLICY=1\r\n";
    const result = setEnvValues(
      text,
      [
        { key: "ServicesEnabled", value: "sym;dc" },
        { key: "VFIO_DRIVER", value: "qat_vfio_pci" },
      ],
      {
        fileName: FILE,
      },
    );
    expect(result.refusal).toBeUndefined();
    expect(result.text).toBe("# qatlib\nServicesEnabled=sym;dc\nPOLICY=1\r\nVFIO_DRIVER=qat_vfio_pci\r\n");
    expect(awkServices(result.text)).toMatchObject({ value: "sym;dc", applied: true });
  });

  it("adds ServicesEnabled to the shipped sample, after its commented empty line", () => {
    const sample = "# sample\n#POLICY=\n\n#ServicesEnabled=\n";
    const result = setEnvValues(
      sample,
      [
        { key: "ServicesEnabled", value: "dc" },
        { key: "POLICY", value: "2" },
      ],
      {
        fileName: FILE,
      },
    );
    expect(result.text).toBe(`${sample}ServicesEnabled=dc\nPOLICY=2\n`);
    expect(lint(result.text, { fileName: FILE }).diagnostics).toEqual([]);
  });

  it.each([
    [[{ key: "ServicesEnabled", value: "asym;sym" }], "write ServicesEnabled=sym;asym"],
    [[{ key: "POLICY", value: "0x10" }], "qatmgr refuses this POLICY"],
    [[{ key: "ServiceEnabled", value: "dc" }], "did you mean 'ServicesEnabled'?"],
    [[{ key: "VFIO_DRIVER", value: '"vfio-pci"' }], "without blanks, quotes"],
  ])("refuses what qatlib would not take: %j", (list, message) => {
    const result = setEnvValues("POLICY=0\n", list, { fileName: FILE });
    expect(result.refusal?.kind).toBe("request");
    expect(result.refusal?.message).toContain(message);
    expect(result.text).toBe("POLICY=0\n");
  });

  it("leaves qat_init.sh reading exactly the value it set, or refuses (property)", () => {
    const services = fc.constantFrom("sym", "dc", "sym;asym", "asym;dc", "sym;asym;dc", "");
    fc.assert(
      fc.property(envFile, services, (text, value) => {
        const result = setEnvValues(text, [{ key: "ServicesEnabled", value }], { fileName: FILE });
        if (result.refusal) {
          expect(result.text).toBe(text);
          return;
        }
        expect(awkServices(result.text).value).toBe(value);
      }),
    );
  });

  it("refuses when a comment holding 'ServicesEnabled=' would still be read with the new value", () => {
    const result = setEnvValues(
      "#ServicesEnabled=dc\nServicesEnabled=sym\n",
      [{ key: "ServicesEnabled", value: "sym;dc" }],
      {
        fileName: FILE,
      },
    );
    expect(result.refusal?.message).toContain("line 1, 2");
  });
});
