/**
 * `set`: change values. An existing key gets its new value in place (the line's spacing, quoting
 * and comment kept); a missing key is added after the section's last entry in the section's style;
 * a missing section is added at the end of the file.
 */
import { view } from "../config/view.ts";
import type { TextEdit } from "../diagnostics.ts";
import { instanceKey } from "../model/keys.ts";
import { parse } from "../syntax/parse.ts";
import { setEntry } from "./entries.ts";
import { entryText, Insertions, newlineOf, quoteLike, sectionStyle } from "./layout.ts";
import { type EditResult, finish, type LintedEditOptions, refused, syntaxGate } from "./result.ts";
import { COUNT } from "./sections.ts";

/** One `SECTION.KEY=VALUE`. */
export interface Assignment {
  section: string;
  key: string;
  /** Written as given; quoted when the value it replaces was quoted (and it is not already). */
  value: string;
}

/**
 * Parses `SECTION.KEY=VALUE` (the key is after the last `.` before the first `=`, so a section name
 * may hold dots), or returns why it cannot be one.
 */
export function parseAssignment(text: string): Assignment | string {
  const eq = text.indexOf("=");
  if (eq < 0) return `'${text}' is not SECTION.KEY=VALUE: there is no '='`;
  const target = text.slice(0, eq);
  const dot = target.lastIndexOf(".");
  if (dot <= 0 || dot === target.length - 1)
    return `'${text}' is not SECTION.KEY=VALUE: write the section, a '.', then the key`;
  return { section: target.slice(0, dot), key: target.slice(dot + 1), value: text.slice(eq + 1) };
}

/** Keys that change which instances the driver creates: setting one runs the ring budget check. */
const BUDGET_KEYS: ReadonlySet<string> = new Set([
  "ServicesEnabled",
  COUNT.Cy,
  COUNT.Dc,
  "NumProcesses",
  "LimitDevAccess",
]);

/**
 * Sets values. Assignments apply in order (a key set twice takes the last value); the keys added to
 * one section come out in the order given. Refused when an assignment cannot be written as the
 * driver would read it back, and like every edit when the file has syntax errors or the result
 * would break the ring budget or have new lint errors.
 */
export function setValues(text: string, assignments: readonly Assignment[], options: LintedEditOptions): EditResult {
  const doc = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const gate = syntaxGate(doc, text, options);
  if (gate.refusal) return gate.refusal;
  for (const a of assignments) {
    const problem = invalid(a);
    if (problem) return refused(text, { kind: "request", message: `${a.section}.${a.key}: ${problem}` });
  }
  const config = view(doc);
  const last = new Map<string, Assignment>();
  for (const a of assignments) last.set(`${a.section}\u0000${a.key}`, a);
  const inserts = new Insertions();
  const edits: TextEdit[] = [];
  const created = new Map<string, string[]>();
  for (const a of last.values()) {
    const section = config.section(a.section);
    if (!section) {
      const lines = created.get(a.section) ?? [];
      lines.push(entryText(a.key, a.value, sectionStyle(doc, undefined)));
      created.set(a.section, lines);
      continue;
    }
    const quoted = section.entry(a.key)?.quoted ?? false;
    const style = sectionStyle(doc, section.node);
    const edit = setEntry(section, a.key, quoteLike(a.value, quoted), inserts, style);
    if (edit) edits.push(edit);
  }
  const end = doc.lines.at(-1);
  for (const [name, lines] of created) {
    const block = [`[${name}]`, ...lines];
    if (end) inserts.after(end, end.kind === "blank" ? block : ["", ...block]);
    else inserts.atStart(block);
  }
  const budget = [...last.values()].some((a) => BUDGET_KEYS.has(a.key) || instanceKey(a.key) !== undefined);
  return finish(text, [...edits, ...inserts.edits(newlineOf(doc))], options, { budget });
}

/**
 * Why an assignment cannot be written as the driver reads it, if it cannot: adf_ctl cuts values at
 * `#` (even in quotes), reads one line per entry, deletes blanks from keys and section names, and
 * takes `[`, `]` and `=` as syntax.
 */
function invalid(a: Assignment): string | undefined {
  if (/[\r\n]/.test(a.section + a.key + a.value)) return "a line break cannot be part of a name or value";
  if (a.section === "" || /[[\]#\s]/.test(a.section)) return `'${a.section}' is not a section name the driver can read`;
  if (a.key === "" || /[=[\]#"\s]/.test(a.key)) return `'${a.key}' is not a key the driver can read`;
  if (a.value.includes("#")) return "the driver cuts values at '#', even in quotes: the value cannot contain it";
  return undefined;
}
