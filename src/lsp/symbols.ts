/** Document symbols: every section, with its instances (`Cy0 "SSL0"`) and counts as children. */

import { type DocumentSymbol, SymbolKind } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { instanceKey } from "../model/keys.ts";
import type { EntryLine, SectionNode } from "../syntax/tree.ts";
import { rangeOf } from "./convert.ts";

function instanceSymbols(doc: TextDocument, section: SectionNode): DocumentSymbol[] {
  const byLabel = new Map<string, { lines: EntryLine[]; name?: string }>();
  for (const line of section.body) {
    if (line.kind !== "entry") continue;
    const inst = instanceKey(line.key.text);
    if (!inst) continue;
    const label = `${inst.family}${inst.index}`;
    let group = byLabel.get(label);
    if (!group) {
      group = { lines: [] };
      byLabel.set(label, group);
    }
    group.lines.push(line);
    if (inst.suffix === "Name" && group.name === undefined) group.name = line.value;
  }
  return [...byLabel].map(([label, group]) => {
    const first = group.lines[0] as EntryLine;
    const last = group.lines[group.lines.length - 1] as EntryLine;
    const named = group.lines.find((l) => instanceKey(l.key.text)?.suffix === "Name") ?? first;
    return {
      name: group.name === undefined ? label : `${label} "${group.name}"`,
      detail: label.startsWith("Cy") ? "crypto instance" : "compression instance",
      kind: SymbolKind.Object,
      range: rangeOf(doc, first.range.start.offset, last.range.end.offset),
      selectionRange: rangeOf(doc, named.key.range.start.offset, named.key.range.end.offset),
    };
  });
}

/** The outline of a document. */
export function documentSymbols(doc: TextDocument, sections: readonly SectionNode[]): DocumentSymbol[] {
  return sections.map((section) => {
    const end =
      section.body.length > 0
        ? (section.body[section.body.length - 1]?.range.end.offset ?? 0)
        : section.header.range.end.offset;
    return {
      name: section.name || "(unnamed)",
      kind: SymbolKind.Namespace,
      range: rangeOf(doc, section.header.range.start.offset, end),
      selectionRange: rangeOf(
        doc,
        section.name === "" ? section.header.range.start.offset : section.header.name.range.start.offset,
        section.name === "" ? section.header.range.end.offset : section.header.name.range.end.offset,
      ),
      children: instanceSymbols(doc, section),
    };
  });
}
