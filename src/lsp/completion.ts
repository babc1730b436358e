/**
 * Completion: section names after `[`; before `=`, the keys the driver reads in this kind of
 * section for this device's generation (instance keys for the instances the section declares and
 * the next one), leaving out keys already set; after `=`, the values the key takes
 * (`ServicesEnabled` from the device family's list, `IsPolled` by section kind, enums, 0/1 flags).
 */
import { type CompletionItem, CompletionItemKind, MarkupKind } from "vscode-languageserver/node";
import { driverKey } from "../config/view.ts";
import { allFamilies } from "../model/devices.ts";
import { type KeySpec, KNOWN_SECTIONS, type SectionKind } from "../model/key-table.ts";
import { allKeys, existsIn, INSTANCE_SUFFIXES, instanceKey, lookupKey, readIn, sectionKind } from "../model/keys.ts";
import type { SectionNode } from "../syntax/tree.ts";
import type { Analysis } from "./analysis.ts";

/** What the cursor is in: a section name, a key, or the value of `key`. */
type Place =
  | { kind: "section" }
  | { kind: "key"; section?: SectionNode }
  | { kind: "value"; key: string; section?: SectionNode };

function placeAt(analysis: Analysis, offset: number): Place | undefined {
  const line = analysis.lineAt(offset);
  const sections = analysis.document.sections;
  // Past the line ending of the last line: a new, empty line at the end of the last section.
  if (!line || offset > line.range.end.offset) {
    const last = sections[sections.length - 1];
    return last ? { kind: "key", section: last } : { kind: "key" };
  }
  const before = analysis.text.slice(line.range.start.offset, offset);
  if (before.includes("#")) return undefined;
  if (/^\s*\[/.test(before)) return { kind: "section" };
  const section = analysis.sectionOf(line);
  const equals = before.indexOf("=");
  const at = section ? { section } : {};
  if (equals < 0) return { kind: "key", ...at };
  return { kind: "value", key: driverKey(before.slice(0, equals)), ...at };
}

/** The completion items at `offset`. */
export function completionsAt(analysis: Analysis, offset: number): CompletionItem[] {
  const place = placeAt(analysis, offset);
  if (!place) return [];
  if (place.kind === "section") return sectionItems(analysis);
  if (place.kind === "key") return place.section ? keyItems(analysis, place.section) : [];
  return valueItems(analysis, place.key, place.section ? sectionKind(place.section.name) : "user");
}

function sectionItems(analysis: Analysis): CompletionItem[] {
  const present = new Set(analysis.document.sections.map((s) => s.name));
  return [...KNOWN_SECTIONS.keys()]
    .filter((name) => !present.has(name))
    .map((name) => ({ label: name, kind: CompletionItemKind.Module, detail: `${KNOWN_SECTIONS.get(name)} section` }));
}

function documentation(spec: KeySpec): { kind: typeof MarkupKind.Markdown; value: string } {
  const range = spec.min !== undefined || spec.max !== undefined ? ` (${spec.min ?? "…"}–${spec.max ?? "…"})` : "";
  const def = spec.default === undefined ? "" : `, default \`${spec.default}\``;
  return {
    kind: MarkupKind.Markdown,
    value: `${spec.description}: ${spec.type}${range}${def}\n\nSource: ${spec.source}`,
  };
}

function readable(analysis: Analysis, spec: KeySpec, kind: SectionKind): boolean {
  return readIn(spec, kind) && (!analysis.family || existsIn(spec, analysis.family.generation));
}

/** Keys set in the section, and the instance numbers to offer keys for (each one set, and the next). */
function sectionKeys(section: SectionNode): { present: Set<string>; indices: Record<"Cy" | "Dc", Set<number>> } {
  const present = new Set<string>();
  const indices = { Cy: new Set<number>([0]), Dc: new Set<number>([0]) };
  for (const line of section.body) {
    if (line.kind !== "entry") continue;
    const key = driverKey(line.key.text);
    present.add(key);
    const inst = instanceKey(key);
    if (inst) {
      indices[inst.family].add(inst.index);
      indices[inst.family].add(inst.index + 1);
    }
  }
  return { present, indices };
}

function keyItems(analysis: Analysis, section: SectionNode): CompletionItem[] {
  const kind = sectionKind(section.name);
  const { present, indices } = sectionKeys(section);
  const items: CompletionItem[] = [];
  const add = (label: string, spec: KeySpec): void => {
    if (present.has(label)) return;
    items.push({
      label,
      kind: CompletionItemKind.Property,
      detail: spec.type,
      documentation: documentation(spec),
      insertText: `${label} = `,
      ...(spec.deprecatedIn && analysis.family && spec.deprecatedIn.includes(analysis.family.generation)
        ? { tags: [1] }
        : {}),
    });
  };
  for (const spec of allKeys()) {
    if (!spec.name.includes("<N>") && readable(analysis, spec, kind)) add(spec.name, spec);
  }
  if (kind === "kernel" || kind === "user") {
    for (const service of ["Cy", "Dc"] as const) {
      for (const index of [...indices[service]].sort((a, b) => a - b)) {
        for (const suffix of INSTANCE_SUFFIXES[service]) {
          const key = `${service}${index}${suffix}`;
          const spec = lookupKey(key)?.spec;
          if (spec && readable(analysis, spec, kind)) add(key, spec);
        }
      }
    }
  }
  return items;
}

const POLL_MODES = [
  { value: "0", doc: "interrupt: kernel instances only (user instances need 1 or 2)", kernel: true, user: false },
  { value: "1", doc: "poll: the application polls for responses", kernel: true, user: true },
  { value: "2", doc: "epoll: the application waits on a file descriptor (user instances)", kernel: false, user: true },
];

function valueItems(analysis: Analysis, key: string, kind: SectionKind): CompletionItem[] {
  const value = (label: string, detail?: string, doc?: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    ...(detail === undefined ? {} : { detail }),
    ...(doc === undefined ? {} : { documentation: doc }),
  });
  if (key === "ServicesEnabled") {
    const family = analysis.family;
    const values = family ? family.servicesEnabled : [...new Set(allFamilies().flatMap((f) => f.servicesEnabled))];
    const detail = family ? `accepted by the ${family.id} driver` : "accepted by some QAT driver";
    return values.map((v) => value(v, detail));
  }
  const inst = instanceKey(key);
  if (inst?.suffix === "IsPolled") {
    return POLL_MODES.filter((m) => (kind === "kernel" ? m.kernel : m.user)).map((m) =>
      value(m.value, "IsPolled", m.doc),
    );
  }
  const spec = lookupKey(key)?.spec;
  if (!spec) return [];
  if (spec.type === "enum") return (spec.values ?? []).map((v) => value(v, key));
  if (spec.type === "boolean") return [value("0", "off"), value("1", "on")];
  if (spec.default !== undefined) return [value(spec.default, "the driver's default")];
  return [];
}
