/**
 * Adding and removing instances of a section, in the style of the instances already there, with the
 * counts kept in step and the numbering contiguous. Every change is a whole-line insertion or
 * deletion, or a replaced key or value, so every other line of the file stays byte for byte.
 */
import { type ConfigView, driverValue, type SectionView, view } from "../config/view.ts";
import type { TextEdit } from "../diagnostics.ts";
import { replace } from "../fixes.ts";
import { parseCoreAffinity } from "../model/core-affinity.ts";
import { instanceKey, type KeyFamily } from "../model/keys.ts";
import { parse } from "../syntax/parse.ts";
import type { ConfigDocument, Line, SectionNode } from "../syntax/tree.ts";
import { setEntry } from "./entries.ts";
import {
  type InstanceBlock,
  instanceBlocks,
  nameEntry,
  nameOffset,
  renumberComment,
  splitName,
} from "./instance-blocks.ts";
import {
  chooseTemplate,
  type NewInstance,
  renderInstance,
  type Template,
  templatePolled,
} from "./instance-template.ts";
import {
  deleteLines,
  type EntryStyle,
  entryText,
  Insertions,
  lastEntry,
  newlineOf,
  quoteLike,
  replaceKey,
  replaceValue,
  sectionStyle,
} from "./layout.ts";
import { type EditResult, finish, type LintedEditOptions, refused, syntaxGate } from "./result.ts";
import { COUNT, isKernelSection, missingSection, userSections } from "./sections.ts";

/** What {@link addInstances} adds. */
export interface AddInstancesRequest {
  /**
   * The section to add to: a user process section (created when missing, with NumProcesses and
   * LimitDevAccess) or a kernel section. Default: the file's only user section, else `SSL`.
   */
  section?: string;
  /** Crypto instances to add (`Cy<N>` keys, NumberCyInstances). */
  cy?: number;
  /** Compression instances to add (`Dc<N>` keys, NumberDcInstances). */
  dc?: number;
  /** Sets NumProcesses (user sections): how many processes get a copy of the section. Default for a new section: 1. */
  processes?: number;
  /**
   * `IsPolled` of the new instances: 1 poll, 2 epoll (0 interrupt, kernel only). Default: as the
   * instance they copy (1 when it has no valid one); 0 in kernel sections.
   */
  polled?: number;
  /**
   * `CoreAffinity` of the new instances: `auto` (the default) gives them the CPUs after the highest one
   * the section's instances use, one each; any other value is written as given (a CPU, or a list the
   * processes share).
   */
  coreAffinity?: string;
  /** Names the new instances `<prefix><N>`; default: the prefix the section's names follow (`UserCY`). */
  namePrefix?: string;
}

/** What {@link removeInstances} removes. */
export interface RemoveInstancesRequest {
  /** The section to remove from. */
  section: string;
  /** Numbers of the crypto instances to remove (`Cy<N>`). */
  cy?: number[];
  /** Numbers of the compression instances to remove (`Dc<N>`). */
  dc?: number[];
}

const FAMILIES: readonly KeyFamily[] = ["Cy", "Dc"];

/**
 * Adds instances to a section. Each new instance copies the lines of one already there (comments,
 * key order, spacing, quoting) with its number, name, polling mode and core affinity; counts follow.
 * Refused when the file has syntax errors (unless `force`), when the request does not apply, when
 * the device's rings cannot hold the instances, or when the result would have new lint errors.
 */
export function addInstances(text: string, request: AddInstancesRequest, options: LintedEditOptions): EditResult {
  const doc = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const gate = syntaxGate(doc, text, options);
  if (gate.refusal) return gate.refusal;
  const config = view(doc);
  const problem = checkAddRequest(config, request);
  if (problem.error !== undefined) return refused(text, { kind: "request", message: problem.error });
  const name = problem.section;
  const section = config.section(name);
  const counts: Record<KeyFamily, number> = { Cy: request.cy ?? 0, Dc: request.dc ?? 0 };
  const starts: Record<KeyFamily, number> = { Cy: 0, Dc: 0 };
  for (const family of FAMILIES) {
    const start = section ? countOf(section, family) : 0;
    if (start === undefined) {
      return refused(text, {
        kind: "request",
        message: `${COUNT[family]} = ${section?.get(COUNT[family])} in [${name}] is not a number`,
        hint: `fix it first (qatconf set FILE ${name}.${COUNT[family]}=N)`,
      });
    }
    starts[family] = start;
    const clash = section && counts[family] > 0 ? clashing(section.node, family, start, counts[family]) : undefined;
    if (clash) {
      return refused(text, {
        kind: "request",
        message: `[${name}] already has ${family}${clash.index} keys although ${COUNT[family]} = ${start}: the new instance would take them over`,
        hint: `remove those keys, or count them in with qatconf set FILE ${name}.${COUNT[family]}=${clash.index + 1}`,
      });
    }
  }
  const edits = section ? addToSection(doc, section, request, counts, starts) : newSection(doc, name, request, counts);
  return finish(text, edits, options, { budget: true });
}

function checkAddRequest(config: ConfigView, request: AddInstancesRequest): { section: string; error?: string } {
  for (const [what, n] of [
    ["--cy", request.cy],
    ["--dc", request.dc],
  ] as const) {
    if (n !== undefined && (!Number.isSafeInteger(n) || n < 0))
      return { section: "", error: `${what} must be a whole number, not ${n}` };
  }
  if (request.processes !== undefined && (!Number.isSafeInteger(request.processes) || request.processes < 1)) {
    return { section: "", error: `--processes must be 1 or more, not ${request.processes}` };
  }
  if ((request.cy ?? 0) + (request.dc ?? 0) === 0 && request.processes === undefined) {
    return { section: "", error: "nothing to add: ask for --cy N and/or --dc N" };
  }
  if (request.section !== undefined) {
    // adf_cfg_process_section reads no instances from these two (see the device model).
    if (request.section === "GENERAL" || request.section === "INLINE") {
      return {
        section: "",
        error: `[${request.section}] holds device-wide settings: the driver reads no instances there`,
      };
    }
    return { section: request.section };
  }
  const users = userSections(config);
  if (users.length > 1) {
    const names = users.map((s) => `[${s.name}]`).join(", ");
    return { section: "", error: `the file has several user sections (${names}): choose one with --section` };
  }
  return { section: users[0]?.name ?? "SSL" };
}

/** The section's count of a family as the driver reads it (absent is 0), `undefined` when not a number. */
function countOf(section: SectionView, family: KeyFamily): number | undefined {
  if (!section.has(COUNT[family])) return 0;
  const n = section.number(COUNT[family]);
  return n === undefined || n < 0 ? undefined : n;
}

/** An instance of the section numbered where a new one would go. */
function clashing(node: SectionNode, family: KeyFamily, start: number, count: number): InstanceBlock | undefined {
  return instanceBlocks(node).find((b) => b.family === family && b.index >= start && b.index < start + count);
}

function addToSection(
  doc: ConfigDocument,
  section: SectionView,
  request: AddInstancesRequest,
  counts: Record<KeyFamily, number>,
  starts: Record<KeyFamily, number>,
): TextEdit[] {
  const node = section.node;
  const style = sectionStyle(doc, node);
  const eol = newlineOf(doc);
  const kernel = isKernelSection(section.name);
  const inserts = new Insertions();
  const edits: TextEdit[] = [];
  const push = (e: TextEdit | undefined): void => {
    if (e) edits.push(e);
  };
  for (const family of FAMILIES) {
    if (counts[family] > 0) {
      push(setEntry(section, COUNT[family], String(starts[family] + counts[family]), inserts, style, "head"));
    }
  }
  if (request.processes !== undefined && !kernel) {
    push(setEntry(section, "NumProcesses", String(request.processes), inserts, style, "head"));
  }
  const cores = coreAllocator(instanceBlocks(node), request.coreAffinity);
  const blocks = instanceBlocks(node);
  for (const family of FAMILIES) {
    if (counts[family] === 0) continue;
    const template = chooseTemplate(doc, node, family, style);
    const lines = newBlocks(template, family, starts[family], counts[family], request, kernel, cores);
    const place = insertionPoint(node, blocks, family, starts[family]);
    if (place.where === "after") inserts.after(place.line, lines);
    else inserts.before(place.line, lines);
  }
  return [...edits, ...inserts.edits(eol)];
}

function newSection(
  doc: ConfigDocument,
  name: string,
  request: AddInstancesRequest,
  counts: Record<KeyFamily, number>,
): TextEdit[] {
  const style: EntryStyle = sectionStyle(doc, undefined);
  const kernel = isKernelSection(name);
  const lines = [
    `[${name}]`,
    entryText(COUNT.Cy, String(counts.Cy), style),
    entryText(COUNT.Dc, String(counts.Dc), style),
  ];
  if (!kernel) {
    lines.push(entryText("NumProcesses", String(request.processes ?? 1), style));
    // Intel's shipped files all limit a section to its device; without it, a process with this
    // section name gets instances on every device that declares it.
    lines.push(entryText("LimitDevAccess", "1", style));
  }
  const cores = coreAllocator([], request.coreAffinity);
  for (const family of FAMILIES) {
    if (counts[family] === 0) continue;
    const template = chooseTemplate(doc, undefined, family, style);
    lines.push(...newBlocks(template, family, 0, counts[family], request, kernel, cores));
  }
  const inserts = new Insertions();
  const last = doc.lines.at(-1);
  if (last) inserts.after(last, last.kind === "blank" ? lines : ["", ...lines]);
  else inserts.atStart(lines);
  return inserts.edits(newlineOf(doc));
}

function newBlocks(
  template: Template,
  family: KeyFamily,
  start: number,
  count: number,
  request: AddInstancesRequest,
  kernel: boolean,
  cores: () => string,
): string[] {
  const names = request.namePrefix === undefined ? template.names[family] : { prefix: request.namePrefix, offset: 0 };
  const polled = request.polled === undefined ? templatePolled(template, kernel) : String(request.polled);
  const lines: string[] = [];
  for (let index = start; index < start + count; index++) {
    const target: NewInstance = {
      family,
      index,
      name: `${names.prefix}${index + names.offset}`,
      polled,
      coreAffinity: cores(),
      kernel,
    };
    for (let i = 0; i < template.separator; i++) lines.push("");
    lines.push(...renderInstance(template, target));
  }
  return lines;
}

/**
 * The CoreAffinity of each new instance in turn: the value asked for, or (`auto`) the CPU after the
 * highest one an instance of the section is bound to, so that the new instances continue the
 * section's sequence (Intel's files bind Cy0, Cy1, ... to CPUs 0, 1, ...) rather than fill a CPU
 * the user may have left free on purpose.
 */
function coreAllocator(blocks: readonly InstanceBlock[], asked: string | undefined): () => string {
  if (asked !== undefined && asked !== "auto") return () => asked;
  const used = new Set<number>();
  for (const b of blocks) {
    for (const e of b.entries) {
      if (instanceKey(e.key.text)?.suffix !== "CoreAffinity") continue;
      const list = parseCoreAffinity(driverValue(e.rawValue.text));
      if (list.ok) for (const c of list.cores) used.add(c);
    }
  }
  let next = used.size === 0 ? 0 : Math.max(...used) + 1;
  return () => String(next++);
}

/**
 * Where new instances of a family go: after the last one of that family numbered below them; else
 * compression after the last crypto instance, crypto before the first compression instance (Intel's
 * order); else after the section's last entry.
 */
function insertionPoint(
  node: SectionNode,
  blocks: readonly InstanceBlock[],
  family: KeyFamily,
  start: number,
): { where: "after" | "before"; line: Line } {
  const lastLine = (b: InstanceBlock): Line => b.span.at(-1) as Line;
  const before = blocks.filter((b) => b.family === family && b.index < start).at(-1);
  if (before) return { where: "after", line: lastLine(before) };
  if (family === "Dc") {
    const cy = blocks.filter((b) => b.family === "Cy").at(-1);
    if (cy) return { where: "after", line: lastLine(cy) };
  } else {
    const dc = blocks.find((b) => b.family === "Dc");
    if (dc) return { where: "before", line: dc.blanksBefore[0] ?? (dc.span[0] as Line) };
  }
  return { where: "after", line: lastEntry(node) ?? node.header };
}

/**
 * Removes instances from a section: their lines go (with the blank lines that separated them), the
 * instances after them are renumbered (keys, names that follow the numbers, comments that name the
 * number) so that numbering stays contiguous, and the counts follow.
 */
export function removeInstances(text: string, request: RemoveInstancesRequest, options: LintedEditOptions): EditResult {
  const doc = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const gate = syntaxGate(doc, text, options);
  if (gate.refusal) return gate.refusal;
  const config = view(doc);
  const section = config.section(request.section);
  if (!section) return refused(text, { kind: "request", message: missingSection(config, request.section) });
  const asked: Record<KeyFamily, number[]> = { Cy: unique(request.cy ?? []), Dc: unique(request.dc ?? []) };
  if (asked.Cy.length + asked.Dc.length === 0) {
    return refused(text, { kind: "request", message: "nothing to remove: name instances with --cy N and/or --dc N" });
  }
  const blocks = instanceBlocks(section.node);
  const style = sectionStyle(doc, section.node);
  const inserts = new Insertions();
  const edits: TextEdit[] = [];
  const deleted: Line[] = [];
  for (const family of FAMILIES) {
    if (asked[family].length === 0) continue;
    const count = countOf(section, family) ?? 0;
    const outside = asked[family].find((i) => i >= count || !Number.isSafeInteger(i) || i < 0);
    if (outside !== undefined) {
      const range = count === 0 ? "it declares none" : `${family}0 to ${family}${count - 1}`;
      return refused(text, {
        kind: "request",
        message: `[${section.name}] has no instance ${family}${outside}: ${COUNT[family]} = ${count} (${range})`,
      });
    }
    const removal = removeFamily(section.node, blocks, family, asked[family], count);
    edits.push(...removal.edits);
    deleted.push(...removal.deleted);
    const set = setEntry(section, COUNT[family], String(count - asked[family].length), inserts, style, "head");
    if (set) edits.push(set);
  }
  const all = [...edits, ...deleteRuns(doc, deleted), ...inserts.edits(newlineOf(doc))];
  return finish(text, all, options, { budget: true });
}

function unique(list: readonly number[]): number[] {
  return [...new Set(list)].sort((a, b) => a - b);
}

function removeFamily(
  node: SectionNode,
  blocks: readonly InstanceBlock[],
  family: KeyFamily,
  removed: readonly number[],
  count: number,
): { edits: TextEdit[]; deleted: Line[] } {
  const edits: TextEdit[] = [];
  const deleted: Line[] = [];
  const offset = nameOffset(blocks, family);
  for (const block of blocks) {
    if (block.family !== family || block.index >= count) continue;
    if (removed.includes(block.index)) {
      deleted.push(...linesOf(node, blocks, block));
      continue;
    }
    const to = block.index - removed.filter((r) => r < block.index).length;
    if (to !== block.index) edits.push(...renumber(block, to, offset));
  }
  return { edits, deleted };
}

/**
 * Deletes lines as runs of consecutive lines, one edit per run: deleting two neighbours one by one
 * would overlap where the last line of the file has no line ending (see `deleteLines`).
 */
function deleteRuns(doc: ConfigDocument, lines: readonly Line[]): TextEdit[] {
  const indexes = [...new Set(lines.map((l) => doc.lines.indexOf(l)))].sort((a, b) => a - b);
  const edits: TextEdit[] = [];
  let runStart = 0;
  indexes.forEach((index, i) => {
    if (indexes[i + 1] === index + 1) return;
    const first = doc.lines[indexes[runStart] as number] as Line;
    edits.push(deleteLines(doc, first, doc.lines[index] as Line));
    runStart = i + 1;
  });
  return edits;
}

/** The lines an instance's removal deletes: its own, and the blank lines that set it apart. */
function linesOf(node: SectionNode, blocks: readonly InstanceBlock[], block: InstanceBlock): Line[] {
  if (!block.clean) return block.entries;
  const body = node.body;
  const first = body.indexOf(block.span[0] as Line);
  const last = body.indexOf(block.span.at(-1) as Line);
  if (block.blanksBefore.length > 0) return body.slice(first - block.blanksBefore.length, last + 1);
  // The first instance, right under a comment or entry: the blank lines after it go instead, when
  // another instance follows them, so that the next one moves up into its place.
  let end = last;
  while (body[end + 1]?.kind === "blank") end++;
  const starts = (b: InstanceBlock): number => body.indexOf(b.span[0] as Line);
  const isFirst = blocks.every((b) => b === block || starts(b) > first);
  const followed = blocks.some((b) => b !== block && starts(b) === end + 1);
  return body.slice(first, (isFirst && followed ? end : last) + 1);
}

/** The edits that renumber an instance: its keys, its name when names follow numbers, its comments. */
function renumber(block: InstanceBlock, to: number, offset: number | undefined): TextEdit[] {
  const edits: TextEdit[] = [];
  const from = block.index;
  const name = nameEntry(block);
  for (const line of block.span) {
    if (line.kind === "comment") {
      const renamed = renumberComment(line.comment.text, block.family, from, to);
      if (renamed !== line.comment.text) {
        edits.push(replace(line.comment.range, renamed));
      }
    }
  }
  for (const entry of block.entries) {
    const written = entry.key.text;
    const m = /^(Cy|Dc)\d+/.exec(written);
    const key = instanceKey(written);
    const newKey = m ? `${block.family}${to}${written.slice(m[0].length)}` : `${block.family}${to}${key?.suffix ?? ""}`;
    edits.push(replaceKey(entry, newKey));
    if (entry === name && offset !== undefined) {
      const split = splitName(entry.value);
      if (split && split.number === from + offset) {
        edits.push(replaceValue(entry, quoteLike(`${split.prefix}${to + offset}`, entry.quoted)));
      }
    }
  }
  return edits;
}
