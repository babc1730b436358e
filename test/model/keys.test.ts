import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { driverKey } from "../../src/config/view.ts";
import { keySuggestions, specialSectionSuggestions } from "../../src/model/key-suggestions.ts";
import {
  allKeys,
  EXACT_KEY_NAMES,
  INSTANCE_SUFFIXES,
  instanceKey,
  lookupKey,
  sectionKind,
} from "../../src/model/keys.ts";
import { parse } from "../../src/syntax/parse.ts";
import { corpusAvailable, corpusFiles, corpusSuite } from "../support/corpus.ts";

describe("the key table", () => {
  it("finds exact keys case-sensitively", () => {
    expect(lookupKey("NumberCyInstances")?.spec.sections).toEqual(["kernel", "user"]);
    expect(lookupKey("numbercyinstances")).toBeUndefined();
    expect(lookupKey("DcIntermediateBufferSizeInKB")?.spec).toMatchObject({ type: "enum", values: ["32", "64"] });
  });

  it("matches instance and bank keys as patterns, keeping the number", () => {
    expect(lookupKey("Cy12IsPolled")).toMatchObject({ index: 12, spec: { name: "Cy<N>IsPolled", min: 0, max: 2 } });
    expect(lookupKey("Dc3NumConcurrentRequests")?.spec.name).toBe("Dc<N>NumConcurrentRequests");
    // Services keep their own suffixes: a compression instance has no asymmetric ring.
    expect(lookupKey("Dc0RingAsymTx")).toBeUndefined();
    expect(lookupKey("Bank7InterruptCoalescingEnabled")).toMatchObject({
      index: 7,
      spec: { sections: ["accelerator"] },
    });
    expect(instanceKey("Cy3Name")).toEqual({ family: "Cy", index: 3, suffix: "Name" });
    expect(instanceKey("CyNumConcurrentSymRequests")).toBeUndefined();
    // The driver builds instance keys with "%d": a leading zero is a key it never reads.
    expect(instanceKey("Cy01Name")).toBeUndefined();
    expect(instanceKey("Cy0")).toBeUndefined();
    // One vocabulary for the linter and the editors: a key as written reads as adf_ctl reads it
    // (blanks deleted), and `Cy0_Name` is nobody's key (the driver builds `Cy%dName`).
    expect(instanceKey("Cy3 Na me")).toEqual({ family: "Cy", index: 3, suffix: "Name" });
    expect(instanceKey("Cy0_Name")).toBeUndefined();
    expect(lookupKey("Cy01Name")).toBeUndefined();
    expect(keySuggestions("Cy01Name")).toEqual(["Cy1Name"]);
    expect(keySuggestions("Dc00IsPolled")).toEqual(["Dc0IsPolled"]);
  });

  it("marks the driver's deprecated keys per generation", () => {
    for (const k of ["KptEnabled", "StorageEnabled", "PkeServiceDisabled"]) {
      expect(lookupKey(k)?.spec.deprecatedIn).toEqual(["1.6", "1.7", "1.8"]);
    }
    expect(lookupKey("RateLimitingEnabled")?.spec.deprecatedIn).toEqual(["1.6", "1.7"]);
  });

  it("gives every key a description, a source, and consistent bounds and values", () => {
    for (const spec of allKeys()) {
      expect(spec.description.length, spec.name).toBeGreaterThan(5);
      expect(spec.source.length, spec.name).toBeGreaterThan(5);
      if (spec.type === "enum") expect(spec.values?.length, spec.name).toBeGreaterThan(0);
      if (spec.min !== undefined && spec.max !== undefined) expect(spec.min).toBeLessThanOrEqual(spec.max);
    }
  });

  it("tells special sections from user process sections, case-sensitively", () => {
    expect(
      ["GENERAL", "KERNEL", "KERNEL_QAT", "INLINE", "SIOV", "Accelerator0", "SSL", "general"].map(sectionKind),
    ).toEqual(["general", "kernel", "kernel", "inline", "siov", "accelerator", "user", "user"]);
    expect(specialSectionSuggestions("GENRAL")).toEqual(["GENERAL"]);
    expect(specialSectionSuggestions("GENERAL")).toEqual([]);
    expect(specialSectionSuggestions("SSL")).toEqual([]);
  });

  it("suggests keys the way a typist errs", () => {
    expect(keySuggestions("NumberCyInstance")).toEqual(["NumberCyInstances"]);
    expect(keySuggestions("numprocesses")).toEqual(["NumProcesses"]);
    expect(keySuggestions("dc2corEaffinity")).toEqual(["Dc2CoreAffinity"]);
    expect(keySuggestions("Cy0Accelerator")).toEqual(["Cy0AcceleratorNumber"]);
    expect(keySuggestions("Zzzzzzzzzzzz")).toEqual([]);
  });

  it("never throws on any key or section name, and only suggests known keys", () => {
    const known = (k: string) => lookupKey(k) !== undefined;
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (key) => {
        lookupKey(key);
        instanceKey(key);
        sectionKind(key);
        specialSectionSuggestions(key);
        for (const s of keySuggestions(key)) expect(known(s), s).toBe(true);
      }),
    );
  });

  it("finds every instance key for any number and known suffix", () => {
    const service = fc.constantFrom<"Cy" | "Dc">("Cy", "Dc");
    fc.assert(
      fc.property(service, fc.nat({ max: 1_000_000 }), fc.nat(), (s, n, pick) => {
        const suffixes = INSTANCE_SUFFIXES[s];
        const suffix = suffixes[pick % suffixes.length] as string;
        expect(lookupKey(`${s}${n}${suffix}`)).toMatchObject({ index: n, spec: { name: `${s}<N>${suffix}` } });
      }),
    );
  });

  it("has every exact name once", () => {
    expect(new Set(EXACT_KEY_NAMES).size).toBe(EXACT_KEY_NAMES.length);
  });
});

describe.skipIf(!corpusAvailable)(corpusSuite("the key table against Intel's shipped files"), () => {
  it("knows every key Intel's files set, except the QAT 1.5 samples' Cy<N>Accelerator", () => {
    const unknown = new Set<string>();
    for (const f of corpusFiles()) {
      for (const section of parse(f.text).sections) {
        for (const line of section.body) {
          if (line.kind !== "entry" || !line.hasEquals) continue;
          const key = driverKey(line.key.text);
          if (!lookupKey(key)) unknown.add(key.replace(/\d+/, "<N>"));
        }
      }
    }
    expect([...unknown]).toEqual(["Cy<N>Accelerator"]);
  });
});
