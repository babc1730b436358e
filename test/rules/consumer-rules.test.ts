/** The consumer rules: programs declared with --consumer or "consumers", checked against a host's device files. */
import { describe, expect, it } from "vitest";
import { lintSet } from "../../src/lint/set.ts";
import { type Consumer, consumerOf, parseConsumer, sectionCapacity } from "../../src/model/consumers.ts";
import { parse } from "../../src/syntax/parse.ts";
import { general, kernelSection, userSection } from "../model/helpers.ts";

function consumer(spec: string): Consumer {
  const c = parseConsumer(spec);
  if (typeof c === "string") throw new Error(c);
  return c;
}

/** `rule file:line severity` for each finding of the set. */
function found(files: Record<string, string>, consumers: Consumer[]): string[] {
  const inputs = Object.entries(files).map(([fileName, text]) => ({
    document: parse(text, { fileName }),
    options: { fileName, consumers },
  }));
  return lintSet(inputs).flatMap((ds, i) =>
    ds
      .filter((d) => d.ruleId.startsWith("consumer-"))
      .map((d) => `${d.ruleId} ${inputs[i]?.options.fileName}:${d.range.start.line} ${d.severity}`),
  );
}

const shim = (processes: number, services = "cy;dc", limit = false): string =>
  general(services) +
  kernelSection(0, 0) +
  userSection("SHIM", 1, services.includes("dc") ? 1 : 0, processes).replace(
    `NumProcesses = ${processes}`,
    `NumProcesses = ${processes}${limit ? "\nLimitDevAccess = 1" : ""}`,
  );

describe("consumers", () => {
  it("parse NAME:SECTION:PROCESSES[:SERVICES], with the defaults of the programs qatconf knows", () => {
    expect(consumer("nginx:SHIM:16")).toMatchObject({ kind: "nginx", services: ["asym", "sym"], reload: true });
    expect(consumer("ceph:CEPH:8:dc")).toMatchObject({ services: ["dc"], reload: false });
    expect(parseConsumer("ceph:CEPH:8")).toContain("give its services");
    expect(parseConsumer("nginx:SHIM")).toContain("is not NAME:SECTION:PROCESSES");
    expect(consumerOf({ name: "qatzip", processes: 4 })).toMatchObject({ section: "SHIM", services: ["dc"] });
  });

  it("count a section's capacity as the driver's process table does: LimitDevAccess adds devices, spanning takes the least", () => {
    expect(
      sectionCapacity([
        { processes: 8, limitDevAccess: true },
        { processes: 8, limitDevAccess: true },
      ]),
    ).toBe(16);
    expect(
      sectionCapacity([
        { processes: 8, limitDevAccess: false },
        { processes: 4, limitDevAccess: false },
      ]),
    ).toBe(4);
  });
});

describe("consumer-processes", () => {
  it("counts nginx twice for its reload, adds programs sharing a section, and points at each NumProcesses", () => {
    const files = { "/etc/c6xx_dev0.conf": shim(16), "/etc/c6xx_dev1.conf": shim(16) };
    const line = shim(16).split("\n").indexOf("NumProcesses = 16") + 1;
    expect(found(files, [consumer("nginx:SHIM:16")])).toEqual([
      `consumer-processes /etc/c6xx_dev0.conf:${line} error`,
      `consumer-processes /etc/c6xx_dev1.conf:${line} error`,
    ]);
    expect(found(files, [consumer("nginx:SHIM:8")])).toEqual([]);
    expect(found(files, [consumer("nginx:SHIM:8"), consumer("qatzip:SHIM:1")])).toHaveLength(2);
  });

  it("adds up devices whose section is limited to one device", () => {
    const files = { "/etc/c6xx_dev0.conf": shim(16, "cy;dc", true), "/etc/c6xx_dev1.conf": shim(16, "cy;dc", true) };
    expect(found(files, [consumer("nginx:SHIM:16")])).toEqual([]);
  });
});

describe("consumer-section and consumer-services", () => {
  it("is an error when no device file has the section, a warning when one lacks it", () => {
    const none = found({ "/etc/c6xx_dev0.conf": general("cy;dc") + kernelSection(0, 0) }, [consumer("nginx:SHIM:1")]);
    expect(none).toEqual([expect.stringMatching(/^consumer-section \/etc\/c6xx_dev0.conf:\d+ error$/)]);
    const some = found(
      { "/etc/c6xx_dev0.conf": shim(4), "/etc/c6xx_dev1.conf": general("cy;dc") + kernelSection(0, 0) },
      [consumer("qatzip:SHIM:1")],
    );
    expect(some).toEqual([expect.stringMatching(/^consumer-section \/etc\/c6xx_dev1.conf:\d+ warning$/)]);
  });

  it("reports a device file whose services lack what a program of its section needs, at ServicesEnabled", () => {
    expect(found({ "/etc/c6xx_dev0.conf": shim(4, "cy") }, [consumer("qatzip:SHIM:1")])).toEqual([
      "consumer-services /etc/c6xx_dev0.conf:2 error",
    ]);
    expect(found({ "/etc/c6xx_dev0.conf": shim(4, "asym;dc") }, [consumer("nginx:SHIM:1")])).toEqual([
      "consumer-services /etc/c6xx_dev0.conf:2 error",
    ]);
    expect(
      found({ "/etc/c6xx_dev0.conf": shim(4, "cy;dc") }, [consumer("nginx:SHIM:1"), consumer("qatzip:SHIM:1")]),
    ).toEqual([]);
  });

  it("checks a guest's VF files, and leaves out the VF files a host keeps for its guests", () => {
    const vf = shim(1);
    expect(found({ "/guest/etc/c6xxvf_dev0.conf": vf }, [consumer("qatzip:ZIP:1")])).toHaveLength(1);
    expect(found({ "/etc/c6xxvf_dev0.conf.vm": vf }, [consumer("qatzip:ZIP:1")])).toEqual([]);
  });
});
