/**
 * fast-check generators of files with instances, written in the styles real files use: spacing
 * around '=', quoted or bare names, Intel's comment blocks or none, blank lines between instances
 * or none, any line ending, with or without a final one.
 */
import fc from "fast-check";

/** How a generated file writes its instances. */
export interface InstanceStyle {
  between: string;
  quoted: boolean;
  comments: boolean;
  separator: number;
  affinityComment: boolean;
  prefix: string;
  offset: number;
}

const style: fc.Arbitrary<InstanceStyle> = fc.record({
  between: fc.constantFrom(" = ", "=", " =  ", "\t=\t"),
  quoted: fc.boolean(),
  comments: fc.boolean(),
  separator: fc.integer({ min: 0, max: 2 }),
  affinityComment: fc.boolean(),
  prefix: fc.constantFrom("UserCY", "SSL", "ssl_cy", "Crypto-"),
  offset: fc.constantFrom(0, 0, 1),
});

/** A c6xx PF file with a user section [SSL] of `cy` Cy and `dc` Dc instances in a random style. */
export interface InstanceFile {
  text: string;
  cy: number;
  dc: number;
  style: InstanceStyle;
}

function render(cy: number, dc: number, s: InstanceStyle, eol: string, finalEol: boolean, tail: boolean): string {
  const e = (k: string, v: string): string => `${k}${s.between}${v}`;
  const lines = [
    "# generated",
    "[GENERAL]",
    e("ServicesEnabled", "cy;dc"),
    e("ConfigVersion", "2"),
    "",
    "[KERNEL]",
    e("NumberCyInstances", "0"),
    e("NumberDcInstances", "0"),
    "",
    "[SSL]",
    e("NumberCyInstances", String(cy)),
    e("NumberDcInstances", String(dc)),
    e("NumProcesses", "1"),
    e("LimitDevAccess", "1"),
  ];
  const block = (family: "Cy" | "Dc", i: number, core: number): void => {
    for (let k = 0; k < s.separator; k++) lines.push("");
    if (s.comments) lines.push(`# ${family === "Cy" ? "Crypto" : "Data Compression"} - User instance #${i}`);
    const prefix = family === "Cy" ? s.prefix : `${s.prefix}_DC`;
    const name = `${prefix}${i + s.offset}`;
    lines.push(e(`${family}${i}Name`, s.quoted ? `"${name}"` : name));
    lines.push(e(`${family}${i}IsPolled`, "1"));
    if (s.affinityComment) lines.push("# List of core affinities");
    lines.push(e(`${family}${i}CoreAffinity`, String(core)));
  };
  for (let i = 0; i < cy; i++) block("Cy", i, i);
  for (let i = 0; i < dc; i++) block("Dc", i, cy + i);
  if (tail)
    lines.push(
      "",
      "# trailing comment",
      "[OTHER_APP]",
      e("NumberCyInstances", "0"),
      e("NumberDcInstances", "0"),
      e("NumProcesses", "0"),
    );
  const text = lines.join(eol);
  return finalEol ? text + eol : text;
}

/** Files with 0-8 Cy and 0-8 Dc instances (within a c6xx PF's 32 + 32 slots). */
export const instanceFile: fc.Arbitrary<InstanceFile> = fc
  .tuple(
    fc.integer({ min: 0, max: 8 }),
    fc.integer({ min: 0, max: 8 }),
    style,
    fc.constantFrom("\n", "\n", "\r\n"),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([cy, dc, s, eol, finalEol, tail]) => ({ text: render(cy, dc, s, eol, finalEol, tail), cy, dc, style: s }));
