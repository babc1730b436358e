/** From qatconf's data (offsets, diagnostics, edits) to the protocol's (line/character positions). */

import {
  type CodeDescription,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, TextEdit } from "../diagnostics.ts";
import { ruleDocUrl } from "../reporters/rule-docs.ts";

/** The protocol range of two offsets (UTF-16 code units, as both sides count them). */
export function rangeOf(doc: TextDocument, start: number, end: number): LspRange {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

/** What a protocol diagnostic carries back to the server in `data`: its index in the lint result. */
export interface DiagnosticData {
  index: number;
  version: number;
}

/** A lint diagnostic as the protocol shows it: rule id as code, its page as codeDescription. */
export function toLspDiagnostic(doc: TextDocument, d: Diagnostic, index: number): LspDiagnostic {
  const codeDescription: CodeDescription = { href: ruleDocUrl(d.ruleId) };
  const data: DiagnosticData = { index, version: doc.version };
  return {
    range: rangeOf(doc, d.range.start.offset, d.range.end.offset),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription,
    source: "qatconf",
    message: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`,
    data,
  };
}

/** qatconf edits (offsets into the text) as protocol text edits. */
export function toLspEdits(doc: TextDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText }));
}
