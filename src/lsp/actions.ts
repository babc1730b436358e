/**
 * Code actions: each lint fix as a quick fix, unsafe ones too (a person picks it), a
 * `qatconf-disable-next-line` comment for any finding but a syntax error (which cannot be
 * suppressed), and "fix all" (`source.fixAll.qatconf`: what `qatconf lint --fix` would write, so
 * safe fixes only, since editors run it on save; one edit of the buffer, nothing written to disk).
 */

import { type CodeAction, CodeActionKind, type Range as LspRange } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fixText } from "../cli/fix.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { insert, replace } from "../fixes.ts";
import { findRule } from "../lint/lint.ts";
import { applicabilityOf } from "../lint/rule-fixes.ts";
import { SYNTAX_RULE } from "../syntax/parse.ts";
import type { Analysis } from "./analysis.ts";
import { toLspDiagnostic, toLspEdits } from "./convert.ts";

/** The kind of the "fix all" action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.qatconf`;

function overlaps(d: Diagnostic, start: number, end: number): boolean {
  return d.range.start.offset <= end && d.range.end.offset >= start;
}

/** The actions for a range of the document; `only` filters by kind, as the client asks. */
export function codeActions(
  analysis: Analysis,
  doc: TextDocument,
  range: LspRange,
  only?: readonly string[],
): CodeAction[] {
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const actions: CodeAction[] = [];
  const diagnostics = analysis.result.diagnostics;
  diagnostics.forEach((d, index) => {
    if (!overlaps(d, start, end)) return;
    const lsp = toLspDiagnostic(doc, d, index);
    const applicability = applicabilityOf(d, findRule(d.ruleId));
    if (d.fix && applicability !== undefined && wants(CodeActionKind.QuickFix)) {
      actions.push({
        title: `${d.fix.description} (${d.ruleId})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: true,
        edit: { changes: { [doc.uri]: toLspEdits(doc, d.fix.edits) } },
      });
    }
    if (d.ruleId !== SYNTAX_RULE && wants(CodeActionKind.QuickFix)) {
      const line = analysis.lineAt(d.range.start.offset);
      if (line) {
        const indent = /^[ \t]*/.exec(line.raw)?.[0] ?? "";
        const eol = line.eol || analysis.document.lines.find((l) => l.eol)?.eol || "\n";
        const at = line.range.start.offset;
        actions.push({
          title: `Disable ${d.ruleId} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          edit: {
            changes: {
              [doc.uri]: toLspEdits(doc, [insert(at, `${indent}# qatconf-disable-next-line ${d.ruleId}${eol}`)]),
            },
          },
        });
      }
    }
  });
  if (wants(FIX_ALL_KIND) && diagnostics.some((d) => applicabilityOf(d, findRule(d.ruleId)) === "safe")) {
    const fixed = fixText(analysis.text, analysis.options);
    if (!fixed.refused && fixed.text !== analysis.text) {
      actions.push({
        title: `Fix all qatconf findings that have a safe fix (${fixed.fixed})`,
        kind: FIX_ALL_KIND,
        edit: {
          changes: { [doc.uri]: toLspEdits(doc, [replace(0, analysis.text.length, fixed.text)]) },
        },
      });
    }
  }
  return actions;
}
