/**
 * fast-check generators of configuration files rich in instances: random services, kernel and user
 * sections with counts, processes and instance keys, some of them wrong in the ways people get
 * them wrong (gaps, bad IsPolled, odd CoreAffinity, missing NumProcesses).
 */
import fc from "fast-check";

const services = fc.constantFrom(
  "cy",
  "dc",
  "sym",
  "asym",
  "cy;dc",
  "dc;cy",
  "asym;dc",
  "sym;dc",
  "asym;sym",
  "sym;asym",
  "cy0;cy1",
  "bogus",
);
const poll = fc.constantFrom("0", "1", "1", "1", "2", "2", "3", "yes");
const affinity = fc.constantFrom("0", "1", "0-3", "2,5", "[0-1]", "", "7-2", "0,,1", "300");

const instanceLines = (prefix: "Cy" | "Dc", index: number): fc.Arbitrary<string[]> =>
  fc
    .record({
      name: fc.option(fc.constantFrom("A", "B", "SSL0"), { nil: undefined }),
      poll: fc.option(poll, { nil: undefined }),
      core: fc.option(affinity, { nil: undefined }),
    })
    .map((r) => [
      ...(r.name === undefined ? [] : [`${prefix}${index}Name = "${r.name}"`]),
      ...(r.poll === undefined ? [] : [`${prefix}${index}IsPolled = ${r.poll}`]),
      ...(r.core === undefined ? [] : [`${prefix}${index}CoreAffinity = ${r.core}`]),
    ]);

const section = (name: fc.Arbitrary<string>, user: boolean): fc.Arbitrary<string> =>
  fc
    .record({
      name,
      cy: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      dc: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      processes: user ? fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) : fc.constant(undefined),
      limit: fc.boolean(),
      cyIndexes: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 6 }),
      dcIndexes: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 6 }),
      seed: fc.integer(),
    })
    .chain((r) =>
      fc
        .tuple(
          fc.tuple(...r.cyIndexes.map((i) => instanceLines("Cy", i))),
          fc.tuple(...r.dcIndexes.map((i) => instanceLines("Dc", i))),
        )
        .map(([cy, dc]) =>
          [
            `[${r.name}]`,
            ...(r.cy === undefined ? [] : [`NumberCyInstances = ${r.cy}`]),
            ...(r.dc === undefined ? [] : [`NumberDcInstances = ${r.dc}`]),
            ...(r.processes === undefined ? [] : [`NumProcesses = ${r.processes}`]),
            ...(user && r.limit ? ["LimitDevAccess = 1"] : []),
            ...cy.flat(),
            ...dc.flat(),
          ].join("\n"),
        ),
    );

/** A whole file: [GENERAL] (maybe SR-IOV), kernel sections, user sections (names may repeat). */
export const instanceDocument: fc.Arbitrary<string> = fc
  .record({
    services: fc.option(services, { nil: undefined }),
    sriov: fc.boolean(),
    kernel: fc.array(section(fc.constantFrom("KERNEL", "KERNEL_QAT"), false), { maxLength: 2 }),
    user: fc.array(section(fc.constantFrom("SSL", "SHIM", "ZIP", "SSL"), true), { maxLength: 3 }),
  })
  .map((r) =>
    [
      "[GENERAL]",
      ...(r.services === undefined ? [] : [`ServicesEnabled = ${r.services}`]),
      "ConfigVersion = 2",
      ...(r.sriov ? ["SRIOV_Enabled = 1"] : []),
      ...r.kernel,
      ...r.user,
      "",
    ].join("\n"),
  );
