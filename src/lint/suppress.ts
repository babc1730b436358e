/**
 * Inline suppressions, written as comments so that the driver ignores them:
 *
 * - `# qatconf-disable-next-line RULE[, RULE]` silences the rules on the next line;
 * - `... # qatconf-disable-line RULE` silences them on its own line;
 * - `# qatconf-disable-file RULE` silences them in the whole file.
 *
 * Without rule ids a directive silences every rule. Text after `--` is a reason, for the reader.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { ConfigDocument, Piece } from "../syntax/tree.ts";

/** One suppression comment. */
export interface Directive {
  kind: "next-line" | "line" | "file";
  /** Rule ids named, each with where it stands; empty means every rule. */
  rules: Piece[];
  /** The line (1-based) it silences; 0 for a whole-file directive. */
  targetLine: number;
  /** The comment holding the directive. */
  comment: Piece;
}

/** The suppressions of a document and a filter that applies them. */
export interface Suppressions {
  directives: Directive[];
  /** Keeps the diagnostics no directive silences. Syntax errors are never silenced. */
  filter(diagnostics: Diagnostic[]): Diagnostic[];
}

const MARK = "qatconf-disable";
const DIRECTIVE = /^#\s*qatconf-disable(-next-line|-line|-file)\b(.*)$/;

// The engine and the unknown-rule rule ask for the same document one after the other: the last
// answer is kept. One entry only, not a WeakMap keyed by documents: V8's young-generation collector
// keeps every value of a WeakMap alive, which made each file's tree outlive its lint run.
let last: { document: ConfigDocument; found: Suppressions } | undefined;

/** Reads the suppression directives of a document. */
export function suppressions(document: ConfigDocument): Suppressions {
  if (last?.document !== document) last = { document, found: read(document) };
  return last.found;
}

function read(document: ConfigDocument): Suppressions {
  const directives: Directive[] = [];
  for (const line of document.lines) {
    const comment = line.comment;
    // A substring test first: most comments are not directives, and it is cheaper than the pattern.
    if (!comment?.text.includes(MARK)) continue;
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const kind = (m[1] as string).slice(1) as Directive["kind"];
    const lineNumber = line.range.start.line;
    const targetLine = kind === "file" ? 0 : kind === "line" ? lineNumber : lineNumber + 1;
    directives.push({ kind, rules: ruleIds(comment, m[2] as string), targetLine, comment });
  }
  return {
    directives,
    filter: (diagnostics) =>
      directives.length === 0 ? diagnostics : diagnostics.filter((d) => !silenced(directives, d)),
  };
}

/** The rule ids of a directive, each as a piece of the comment (for diagnostics about them). */
function ruleIds(comment: Piece, rest: string): Piece[] {
  const list = rest.split("--")[0] as string;
  const offset = comment.text.length - rest.length;
  const out: Piece[] = [];
  for (const m of list.matchAll(/[^\s,]+/g)) {
    const start = offset + (m.index as number);
    const at = (delta: number) => ({
      offset: comment.range.start.offset + delta,
      line: comment.range.start.line,
      column: comment.range.start.column + delta,
    });
    out.push({ text: m[0], range: { start: at(start), end: at(start + m[0].length) } });
  }
  return out;
}

function silenced(directives: readonly Directive[], d: Diagnostic): boolean {
  // A syntax error means the file is not what it looks like: it is never hidden.
  if (d.ruleId === "syntax" && d.severity === "error") return false;
  return directives.some(
    (dir) =>
      (dir.targetLine === 0 || dir.targetLine === d.range.start.line) &&
      (dir.rules.length === 0 || dir.rules.some((r) => r.text === d.ruleId)),
  );
}
