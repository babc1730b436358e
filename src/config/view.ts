/**
 * The semantic view of a parsed file: what the driver's reader (adf_ctl, QAT 1.7 and later) makes of
 * it. Sections in order and entries by key, with keys, names and values as the driver sees them and
 * numbers typed. It reads the tree and never changes it.
 *
 * adf_ctl (`ini_config.cpp` `config::read_ini`, `utils.cpp` `sanitize_string`) cuts every key and
 * value at the first `#`, even inside quotes, deletes every space, tab and CR (not only at the ends),
 * strips one pair of enclosing double quotes from a value, and keeps the FIRST of duplicate keys.
 */
import type { ConfigDocument, EntryLine, SectionNode } from "../syntax/tree.ts";
import { type FileNameInfo, parseFileName } from "./file-name.ts";

/** What every keyed view of a section answers: the entry the driver uses for a key, and its value. */
abstract class KeyedSection {
  /** The section name as the driver reads it (blanks deleted). */
  abstract readonly name: string;

  /** The entry the driver uses for a key written more than once: the first one. */
  abstract entry(key: string): EntryLine | undefined;

  /** Keys in first-appearance order. */
  abstract keys(): string[];

  has(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  /** The value the driver reads for a key (see {@link driverValue}), or `undefined` when absent. */
  get(key: string): string | undefined {
    const e = this.entry(key);
    return e === undefined ? undefined : driverValue(e.rawValue.text);
  }

  /**
   * The value of a key as an integer, as the driver reads it (decimal, or hex with `0x`), or
   * `undefined` when absent or not an integer.
   */
  number(key: string): number | undefined {
    const v = this.get(key);
    return v === undefined ? undefined : parseInteger(v);
  }
}

/** One section of the view, as written: one header and the lines under it. */
export class SectionView extends KeyedSection {
  /** The section as the tree holds it. */
  readonly node: SectionNode;
  /** The section name as the driver reads it (blanks deleted). */
  readonly name: string;
  /** Well-formed entries (`Key = Value`) in order, duplicates kept. */
  readonly entries: EntryLine[];
  private readonly byKey = new Map<string, EntryLine[]>();

  constructor(node: SectionNode) {
    super();
    this.node = node;
    this.name = driverKey(node.name);
    this.entries = [];
    for (const line of node.body) {
      if (line.kind !== "entry" || !line.hasEquals) continue;
      const key = driverKey(line.key.text);
      if (key === "") continue;
      this.entries.push(line);
      const list = this.byKey.get(key);
      if (list) list.push(line);
      else this.byKey.set(key, [line]);
    }
  }

  /** Every entry with this key as the driver reads it (case-sensitive, blanks deleted). */
  all(key: string): EntryLine[] {
    return this.byKey.get(key) ?? [];
  }

  entry(key: string): EntryLine | undefined {
    return this.byKey.get(key)?.[0];
  }

  override has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }
}

/**
 * A section as the driver reads it: adf_ctl (`config::read_ini`) merges every section of one name
 * into one, and the first value of a key set in several of them wins.
 */
export class MergedSectionView extends KeyedSection {
  readonly name: string;
  /** The sections merged, in file order (one for a name written once). */
  readonly parts: readonly SectionView[];
  #keys: string[] | undefined;

  constructor(parts: readonly SectionView[]) {
    super();
    this.parts = parts;
    this.name = (parts[0] as SectionView).name;
  }

  entry(key: string): EntryLine | undefined {
    for (const part of this.parts) {
      const e = part.entry(key);
      if (e) return e;
    }
    return undefined;
  }

  keys(): string[] {
    if (!this.#keys) {
      if (this.parts.length === 1) this.#keys = (this.parts[0] as SectionView).keys();
      else this.#keys = [...new Set(this.parts.flatMap((p) => p.keys()))];
    }
    return [...this.#keys];
  }
}

/** The semantic view of a whole file. */
export class ConfigView {
  readonly document: ConfigDocument;
  /** Sections in file order, duplicates kept. */
  readonly sections: SectionView[];
  /** What the file name says, when it follows the driver's naming. */
  readonly file: FileNameInfo | undefined;
  // Kept here rather than in a module-level WeakMap keyed by the view: V8's young-generation
  // collector keeps every value of a WeakMap alive, so such a cache made each file's tree survive
  // into the old generation and linting spend a third of its time collecting garbage.
  #byName: Map<string, SectionView[]> | undefined;
  #merged: Map<string, MergedSectionView> | undefined;

  constructor(document: ConfigDocument) {
    this.document = document;
    this.sections = document.sections.map((s) => new SectionView(s));
    this.file = document.fileName === undefined ? undefined : parseFileName(document.fileName);
  }

  /**
   * Sections grouped by the name the driver reads, in order of first appearance: adf_ctl merges
   * each group into one section. Built on first use and kept with the view (several rules ask).
   */
  sectionsByName(): ReadonlyMap<string, readonly SectionView[]> {
    if (!this.#byName) {
      this.#byName = new Map();
      for (const s of this.sections) {
        const list = this.#byName.get(s.name);
        if (list) list.push(s);
        else this.#byName.set(s.name, [s]);
      }
    }
    return this.#byName;
  }

  /**
   * Every section name once, as the driver reads the file after merging same-named sections, in
   * order of first appearance. Built on first use and kept with the view.
   */
  mergedSections(): MergedSectionView[] {
    if (!this.#merged) {
      this.#merged = new Map();
      for (const [name, parts] of this.sectionsByName()) this.#merged.set(name, new MergedSectionView(parts));
    }
    return [...this.#merged.values()];
  }

  /** The section of this name as the driver reads it (all sections of that name merged), if any. */
  merged(name: string): MergedSectionView | undefined {
    if (!this.#merged) this.mergedSections();
    return this.#merged?.get(name);
  }

  /** The first section with this exact name. */
  section(name: string): SectionView | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** Every section with this exact name (more than one is a mistake, reported by the linter). */
  sectionsNamed(name: string): SectionView[] {
    return this.sections.filter((s) => s.name === name);
  }
}

/** A key or section name as adf_ctl reads it: every space, tab and CR deleted. */
export function driverKey(text: string): string {
  return deleteBlanks(text);
}

/**
 * A value as adf_ctl reads it from the text after `=`: cut at the first `#` (quotes do not protect
 * it), every space, tab and CR deleted, then one pair of enclosing double quotes stripped.
 */
export function driverValue(rawValue: string): string {
  const hash = rawValue.indexOf("#");
  const v = deleteBlanks(hash >= 0 ? rawValue.slice(0, hash) : rawValue);
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

const BLANKS = /[ \t\r]/g;
const HAS_BLANK = /[ \t\r]/;

function deleteBlanks(text: string): string {
  // Most keys and values have no blank inside: testing first spares building a copy of each.
  return HAS_BLANK.test(text) ? text.replace(BLANKS, "") : text;
}

/** Builds the semantic view of a parsed document. */
export function view(document: ConfigDocument): ConfigView {
  return new ConfigView(document);
}

const INTEGER = /^(?:0[xX][0-9a-fA-F]+|[+-]?\d+)$/;

/** Parses a whole-string integer, decimal or `0x` hex; anything else gives `undefined`. */
export function parseInteger(text: string): number | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = t.startsWith("0x") || t.startsWith("0X") ? Number.parseInt(t.slice(2), 16) : Number.parseInt(t, 10);
  return Number.isSafeInteger(n) ? n : undefined;
}
