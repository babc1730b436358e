/**
 * fast-check generators of configuration text: arbitrary strings biased towards the characters
 * that matter to the grammar, and well-formed documents built from sections, entries, comments,
 * odd whitespace and every kind of line end.
 */
import fc from "fast-check";

/** Strings made of the grammar's special characters, words and control characters, in any order. */
export const grammarSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom("[", "]", "=", "#", '"', " ", "\t", "\r", "\n", "\r\n", "\uFEFF", "\0", "\f", ";", "\\"),
      fc.constantFrom("GENERAL", "SSL", "Cy0Name", "NumberCyInstances", "cy;dc", "0x1F", "é", "\u{1F600}", "\ud800"),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

/** Any string at all: arbitrary UTF-16 code units, lone surrogates included. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "binary-ascii", maxLength: 200 }),
  grammarSoup,
);

const eol = fc.constantFrom("\n", "\r\n", "\r");
const blanks = fc.constantFrom("", " ", "  ", "\t", " \t ");
const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/);
const plainValue = fc.stringMatching(/^[A-Za-z0-9_;,.:/-]{1,16}$/);
const quotedValue = fc.stringMatching(/^[A-Za-z0-9 _=;.-]{0,12}$/).map((v) => `"${v}"`);

/** A well-formed entry line and the key and value it holds. */
export interface GeneratedEntry {
  kind: "entry";
  key: string;
  rawValue: string;
  text: string;
}

/** One generated line of a section body. */
export type GeneratedLine = GeneratedEntry | { kind: "comment" | "blank"; text: string };

export interface GeneratedSection {
  name: string;
  header: string;
  lines: GeneratedLine[];
}

/** A well-formed document and its structure, to check what the parser makes of it. */
export interface GeneratedDocument {
  text: string;
  bom: boolean;
  preamble: string[];
  sections: GeneratedSection[];
}

const entryLine: fc.Arbitrary<GeneratedEntry> = fc
  .record({
    indent: blanks,
    key: word,
    before: blanks,
    after: blanks,
    rawValue: fc.oneof(plainValue, quotedValue),
    trailing: blanks,
    comment: fc.option(
      fc.stringMatching(/^[^\r\n]{0,20}$/).map((c) => `# ${c}`),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    kind: "entry" as const,
    key: r.key,
    rawValue: r.rawValue,
    text: `${r.indent}${r.key}${r.before}=${r.after}${r.rawValue}${r.trailing}${r.comment ? ` ${r.comment}` : ""}`,
  }));

const commentLine = fc
  .tuple(blanks, fc.stringMatching(/^[^\r\n]{0,40}$/))
  .map(([indent, c]) => ({ kind: "comment" as const, text: `${indent}#${c}` }));

const blankLine = blanks.map((b) => ({ kind: "blank" as const, text: b }));

const section: fc.Arbitrary<GeneratedSection> = fc
  .record({
    name: word,
    inner: blanks,
    trailing: blanks,
    lines: fc.array(fc.oneof({ weight: 4, arbitrary: entryLine }, commentLine, blankLine), { maxLength: 12 }),
  })
  .map((r) => ({ name: r.name, header: `[${r.inner}${r.name}${r.inner}]${r.trailing}`, lines: r.lines }));

/** Well-formed configuration documents with their structure. */
export const configDocument: fc.Arbitrary<GeneratedDocument> = fc
  .record({
    bom: fc.boolean(),
    preamble: fc.array(fc.oneof(commentLine, blankLine), { maxLength: 3 }),
    sections: fc.array(section, { maxLength: 6 }),
    eols: fc.array(eol, { minLength: 1, maxLength: 3 }),
    finalEol: fc.boolean(),
  })
  .map((r) => {
    const lines = [
      ...r.preamble.map((l) => l.text),
      ...r.sections.flatMap((s) => [s.header, ...s.lines.map((l) => l.text)]),
    ];
    let text = r.bom ? "\uFEFF" : "";
    lines.forEach((l, i) => {
      const last = i === lines.length - 1;
      text += l + (last && !r.finalEol ? "" : (r.eols[i % r.eols.length] as string));
    });
    return { text, bom: r.bom, preamble: r.preamble.map((l) => l.text), sections: r.sections };
  });
