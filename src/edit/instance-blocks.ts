/**
 * The instances of a section as lines: which lines each `Cy<N>...` / `Dc<N>...` instance owns, so
 * that an editor can copy one as a template, delete one, or renumber one without touching a line
 * that belongs to anything else.
 *
 * An instance owns its entries, the comments and blank lines between them (when no other entry sits
 * there), and the comments right above its first entry when they are about it: they name its number
 * (`# Crypto - User instance #1`) or every instance of its kind has the same ones (`# List of core
 * affinities` style headers). A comment above the first instance only (`# Crypto - User space`) is
 * about the group and stays.
 */
import { instanceKey, type KeyFamily } from "../model/keys.ts";
import type { EntryLine, Line, SectionNode } from "../syntax/tree.ts";

/** One instance of a section and the lines it owns. */
export interface InstanceBlock {
  family: KeyFamily;
  index: number;
  /** Its entries, in file order. */
  entries: EntryLine[];
  /**
   * The lines it owns, consecutive in the file: owned comments above, then its first to its last
   * entry. When another entry sits among its entries (`clean` false), only its own entries.
   */
  span: Line[];
  /** Whether no entry of anything else sits between its first and last entry. */
  clean: boolean;
  /** The blank lines right above `span`: what separates it from the line before. */
  blanksBefore: Line[];
}

/** The instances of a section, in file order of their first entry. */
export function instanceBlocks(section: SectionNode): InstanceBlock[] {
  const body = section.body;
  const owner = body.map((line) => ownerOf(line));
  const groups = new Map<string, { family: KeyFamily; index: number; first: number; last: number }>();
  owner.forEach((id, i) => {
    if (id === undefined || id === OTHER) return;
    const key = instanceKey((body[i] as EntryLine).key.text) as NonNullable<ReturnType<typeof instanceKey>>;
    const g = groups.get(id);
    if (g) g.last = i;
    else groups.set(id, { family: key.family, index: key.index, first: i, last: i });
  });
  const drafts = [...groups.entries()].map(([id, g]) => {
    const clean = owner.slice(g.first, g.last + 1).every((o) => o === undefined || o === id);
    return { ...g, id, clean, lead: clean ? leadingComments(body, g.first) : [] };
  });
  const inside = (i: number): boolean => drafts.some((d) => i >= d.first && i <= d.last);
  return drafts.map((d) => {
    const lead = d.lead.filter((i) => !inside(i));
    const owned = lead.length > 0 && ownsComments(d, lead, drafts, body);
    const start = owned ? (lead[0] as number) : d.first;
    const span = d.clean ? body.slice(start, d.last + 1) : body.filter((_, i) => owner[i] === d.id);
    const entries = body.filter((_, i) => owner[i] === d.id) as EntryLine[];
    return { family: d.family, index: d.index, entries, span, clean: d.clean, blanksBefore: blanksAbove(body, start) };
  });
}

const OTHER = "";

/** `Cy3` for an instance entry, OTHER for any other entry, `undefined` for comments and blanks. */
function ownerOf(line: Line): string | undefined {
  if (line.kind === "comment" || line.kind === "blank") return undefined;
  if (line.kind !== "entry" || !line.hasEquals) return OTHER;
  const key = instanceKey(line.key.text);
  return key ? `${key.family}${key.index}` : OTHER;
}

/** Indexes of the comment lines right above body line `first`, top to bottom. */
function leadingComments(body: readonly Line[], first: number): number[] {
  const out: number[] = [];
  for (let i = first - 1; i >= 0 && body[i]?.kind === "comment"; i--) out.unshift(i);
  return out;
}

/** The blank lines right above body line `start`, top to bottom. */
function blanksAbove(body: readonly Line[], start: number): Line[] {
  const out: Line[] = [];
  for (let i = start - 1; i >= 0 && body[i]?.kind === "blank"; i--) out.unshift(body[i] as Line);
  return out;
}

interface Draft {
  family: KeyFamily;
  index: number;
  lead: number[];
}

/** Whether the comments above an instance are about it (see the module comment). */
function ownsComments(d: Draft, lead: readonly number[], all: readonly Draft[], body: readonly Line[]): boolean {
  const text = (indexes: readonly number[]): string[] => indexes.map((i) => (body[i] as Line).raw.trimEnd());
  const mine = text(lead);
  if (mine.some((t) => mentionsIndex(t, d.family, d.index))) return true;
  const shape = mine.map(withoutNumbers).join("\n");
  return all.some(
    (o) =>
      o !== d && o.family === d.family && o.lead.length > 0 && text(o.lead).map(withoutNumbers).join("\n") === shape,
  );
}

function withoutNumbers(text: string): string {
  return text.replace(/\d+/g, "#");
}

/** Whether a comment names instance `index`: `#1`, `instance 1`, `Cy1`. */
export function mentionsIndex(comment: string, family: KeyFamily, index: number): boolean {
  return indexPattern(family, index).test(comment);
}

/** Renumbers the mentions of instance `from` in a comment (see {@link mentionsIndex}) to `to`. */
export function renumberComment(comment: string, family: KeyFamily, from: number, to: number): string {
  return comment.replace(new RegExp(indexPattern(family, from).source, "g"), (_m, head: string) => `${head}${to}`);
}

function indexPattern(family: KeyFamily, index: number): RegExp {
  return new RegExp(`((?:\\S#\\s*|\\s#\\s*|\\binstance\\s+#?\\s*|\\b${family}))${index}(?!\\d)`, "i");
}

/** A name written as prefix and number: `UserCY12` is `UserCY`, 12. */
export function splitName(name: string): { prefix: string; number: number } | undefined {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? { prefix: m[1] as string, number: Number(m[2]) } : undefined;
}

/**
 * How the names of a family's instances follow their numbers: the offset of the name's number from
 * the instance number when every named instance agrees (Intel's `Cy3Name = "UserCY3"` is 0), else
 * `undefined` (names that do not follow the numbers are never renumbered).
 */
export function nameOffset(blocks: readonly InstanceBlock[], family: KeyFamily): number | undefined {
  let offset: number | undefined;
  for (const b of blocks) {
    if (b.family !== family) continue;
    const name = nameEntry(b);
    if (!name) continue;
    const split = splitName(name.value);
    if (!split) return undefined;
    const o = split.number - b.index;
    if (offset !== undefined && o !== offset) return undefined;
    offset = o;
  }
  return offset;
}

/** The instance's `Name` entry (the first, as the driver reads it). */
export function nameEntry(block: InstanceBlock): EntryLine | undefined {
  return block.entries.find((e) => instanceKey(e.key.text)?.suffix === "Name");
}
