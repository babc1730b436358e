/**
 * New instances written like the ones already there: an existing instance is the template, and each
 * new one copies its lines (comments, key order, spacing, quoting, blank lines) with the number,
 * name, polling mode and core affinity changed. A file without instances gets Intel's layout.
 */
import { driverValue } from "../config/view.ts";
import { instanceKey, type KeyFamily } from "../model/keys.ts";
import { parse } from "../syntax/parse.ts";
import { type ConfigDocument, type EntryLine, lineContent, type SectionNode } from "../syntax/tree.ts";
import {
  type InstanceBlock,
  instanceBlocks,
  nameEntry,
  nameOffset,
  renumberComment,
  splitName,
} from "./instance-blocks.ts";
import { type EntryStyle, entryText, quoteLike, styleOf } from "./layout.ts";

/** An instance to copy, and how the copies follow it. */
export interface Template {
  block: InstanceBlock;
  /** Blank lines written before each new instance. */
  separator: number;
  /** The name of instance N is `namePrefix` + (N + `nameOffset`), per family. */
  names: Record<KeyFamily, { prefix: string; offset: number }>;
}

/** What one new instance gets. */
export interface NewInstance {
  family: KeyFamily;
  index: number;
  name: string;
  polled: string;
  coreAffinity: string;
  /** Whether it goes to a kernel section (its comments then say "Kernel instance"). */
  kernel: boolean;
}

/** The keys every new instance has, in the order of a file that has none: Intel's. */
const REQUIRED = ["Name", "IsPolled", "CoreAffinity"] as const;

/**
 * Picks the instance new `family` instances of `section` are copied from: the last of that family
 * in the section, else the last of the other family there, else the same in the file's other
 * sections, else Intel's layout written in the file's style.
 */
export function chooseTemplate(
  doc: ConfigDocument,
  section: SectionNode | undefined,
  family: KeyFamily,
  style: EntryStyle,
): Template {
  const others = doc.sections.filter((s) => s !== section);
  for (const candidates of [section ? [section] : [], others]) {
    const blocks = candidates.flatMap((s) => instanceBlocks(s).map((b) => ({ s, b })));
    const pick =
      lastOf(blocks, (x) => x.b.clean && x.b.family === family) ??
      lastOf(blocks, (x) => x.b.clean) ??
      lastOf(blocks, (x) => x.b.family === family) ??
      blocks.at(-1);
    if (pick) return templateFrom(pick.b, instanceBlocks(pick.s));
  }
  const fallback = defaultBlocks(style, family);
  return templateFrom(fallback, [fallback]);
}

function lastOf<T>(list: readonly T[], test: (x: T) => boolean): T | undefined {
  return list.filter(test).at(-1);
}

function templateFrom(block: InstanceBlock, siblings: readonly InstanceBlock[]): Template {
  const own = nameOf(block, siblings);
  const other: KeyFamily = block.family === "Cy" ? "Dc" : "Cy";
  const otherBlocks = siblings.filter((b) => b.family === other);
  const otherName = otherBlocks.length > 0 ? nameOf(otherBlocks.at(-1) as InstanceBlock, siblings) : undefined;
  const names = {
    [block.family]: own,
    [other]: otherName ?? { prefix: swapFamily(own.prefix, block.family), offset: own.offset },
  } as Record<KeyFamily, { prefix: string; offset: number }>;
  return { block, separator: block.blanksBefore.length, names };
}

function nameOf(block: InstanceBlock, siblings: readonly InstanceBlock[]): { prefix: string; offset: number } {
  const entry = nameEntry(block);
  const fallback = { prefix: block.family === "Cy" ? "UserCY" : "UserDC", offset: 0 };
  if (!entry) return fallback;
  const split = splitName(entry.value);
  if (!split) return { prefix: entry.value, offset: 0 };
  return { prefix: split.prefix, offset: nameOffset(siblings, block.family) ?? split.number - block.index };
}

/** `UserCY` becomes `UserDC` (and back); a prefix without the family in it gets it appended. */
function swapFamily(prefix: string, from: KeyFamily): string {
  const [a, b] = from === "Cy" ? ["cy", "dc"] : ["dc", "cy"];
  const at = prefix.toLowerCase().lastIndexOf(a);
  if (at < 0) return `${prefix}${/[A-Za-z0-9]$/.test(prefix) ? "_" : ""}${b.toUpperCase()}`;
  const found = prefix.slice(at, at + 2);
  const swapped = [...b].map((c, i) => (found[i] === found[i]?.toUpperCase() ? c.toUpperCase() : c)).join("");
  return prefix.slice(0, at) + swapped + prefix.slice(at + 2);
}

/** Intel's instance layout (QAT_Engine's shipped files), in the file's entry style. */
function defaultBlocks(style: EntryStyle, family: KeyFamily): InstanceBlock {
  const what = family === "Cy" ? "Crypto" : "Data Compression";
  const text = [
    "[X]",
    "",
    `# ${what} - User instance #0`,
    entryText(`${family}0Name`, `"User${family.toUpperCase()}0"`, style),
    entryText(`${family}0IsPolled`, "1", style),
    "# List of core affinities",
    entryText(`${family}0CoreAffinity`, "0", style),
    "",
  ].join("\n");
  return instanceBlocks(parse(text).sections[0] as SectionNode)[0] as InstanceBlock;
}

/** The lines (without line endings) of a new instance copied from the template. */
export function renderInstance(template: Template, target: NewInstance): string[] {
  const { block } = template;
  const out: string[] = [];
  const seen = new Set<string>();
  let style: EntryStyle | undefined;
  for (const line of block.span) {
    const content = lineContent(line);
    if (line.kind === "entry") {
      const key = instanceKey(line.key.text);
      if (!key) continue;
      seen.add(key.suffix);
      style = styleOf(line) ?? style;
      out.push(renderEntry(line, content, key.suffix, target));
    } else if (line.kind === "comment") {
      out.push(renderComment(content, block, target));
    } else {
      out.push(content);
    }
  }
  for (const suffix of REQUIRED) {
    if (!seen.has(suffix)) {
      out.push(
        entryText(
          `${target.family}${target.index}${suffix}`,
          valueFor(suffix, target, '""'),
          style ?? { indent: "", between: " = " },
        ),
      );
    }
  }
  return out;
}

function renderEntry(entry: EntryLine, content: string, suffix: string, target: NewInstance): string {
  const start = entry.range.start.offset;
  const keyStart = entry.key.range.start.offset - start;
  const keyEnd = entry.key.range.end.offset - start;
  const valueStart = entry.rawValue.range.start.offset - start;
  const valueEnd = entry.rawValue.range.end.offset - start;
  const written = entry.key.text;
  const m = /^(Cy|Dc)\d+/.exec(written);
  const key = m
    ? `${target.family}${target.index}${written.slice(m[0].length)}`
    : `${target.family}${target.index}${suffix}`;
  const value = valueFor(suffix, target, entry.rawValue.text, entry.quoted);
  return content.slice(0, keyStart) + key + content.slice(keyEnd, valueStart) + value + content.slice(valueEnd);
}

function valueFor(suffix: string, target: NewInstance, templateValue: string, quoted = true): string {
  switch (suffix) {
    case "Name":
      return quoteLike(target.name, quoted);
    case "IsPolled":
      return target.polled;
    case "CoreAffinity":
      return target.coreAffinity;
    default:
      return templateValue;
  }
}

function renderComment(content: string, block: InstanceBlock, target: NewInstance): string {
  let text = renumberComment(content, block.family, block.index, target.index);
  if (target.family !== block.family) {
    text =
      block.family === "Cy"
        ? text.replace(/\bCrypto\b/g, "Data Compression").replace(/\bCy(?=\d)/g, "Dc")
        : text.replace(/\bData Compression\b/g, "Crypto").replace(/\bDc(?=\d)/g, "Cy");
  }
  return target.kernel
    ? text.replace(/\bUser instance\b/g, "Kernel instance")
    : text.replace(/\bKernel instance\b/g, "User instance");
}

/**
 * The polling mode a new instance gets when none is asked for: the template's when it is valid for
 * a user instance (1 poll, 2 epoll); kernel instances get 0 (interrupt), as in Intel's [KERNEL] sections.
 */
export function templatePolled(template: Template, kernel: boolean): string {
  if (kernel) return "0";
  const entry = template.block.entries.find((e) => instanceKey(e.key.text)?.suffix === "IsPolled");
  const value = entry ? driverValue(entry.rawValue.text) : undefined;
  return value === "1" || value === "2" ? value : "1";
}
