/**
 * fast-check generators of configuration files: well-formed documents written with random spacing,
 * blank-line runs and line endings, for the formatter's and the editors' properties.
 */
import fc from "fast-check";

const ws = fc.constantFrom("", "", " ", "  ", "\t", " \t ");
const eol = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");
const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
const sectionName = fc.constantFrom("GENERAL", "KERNEL", "SHIM", "SSL", "User_1", "KERNEL_QAT");
const value = fc.oneof(
  fc.constantFrom("", "0", "1", "cy;dc", "0x1F", "0, 1, 2", "/lib/firmware/x.bin"),
  fc.nat({ max: 99999 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9 ]{0,10}$/).map((s) => `"${s}"`),
);
const commentText = fc.stringMatching(/^[ -~]{0,20}$/).map((s) => `#${s}`);

/** One line's content, without its line ending; `entries` are allowed only after a header. */
const contentLine = (entries: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: ws, weight: 2 },
    { arbitrary: fc.tuple(ws, commentText, ws).map(([a, c, b]) => a + c + b), weight: 2 },
    {
      arbitrary: fc
        .tuple(ws, sectionName, ws, fc.option(commentText), ws)
        .map(([a, n, b, c, d]) => `${a}[${n}]${b}${c ? ` ${c}` : ""}${d}`),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(ws, key, ws, ws, value, ws, fc.option(commentText))
        .map(([a, k, b, c, v, d, m]) => `${a}${k}${b}=${c}${v}${d}${m ? ` ${m}` : ""}`),
      weight: entries ? 5 : 0,
    },
  );

/** A well-formed document (no syntax errors) with random layout. */
export const documentText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(contentLine(false), eol), { maxLength: 3 }),
    fc.array(
      fc.tuple(
        fc.tuple(ws, sectionName).map(([a, n]) => `${a}[${n}]`),
        eol,
        fc.array(fc.tuple(contentLine(true), eol), { maxLength: 8 }),
      ),
      { maxLength: 4 },
    ),
    fc.boolean(),
  )
  .map(([preamble, sections, finalEol]) => {
    let text = preamble.map(([l, e]) => l + e).join("");
    for (const [header, e, body] of sections) text += header + e + body.map(([l, le]) => l + le).join("");
    return finalEol ? text : text.replace(/(\r\n|\r|\n)$/, "");
  });

/** Any text over the characters that matter to the grammar: most of it is malformed. */
export const anyText: fc.Arbitrary<string> = fc
  .array(fc.constantFrom("[", "]", "=", "#", '"', " ", "\t", "\r", "\n", "a", "B", "0", "\uFEFF", "\0"), {
    maxLength: 60,
  })
  .map((cs) => cs.join(""));
