/**
 * adf_ctl (QAT 1.7 and later, `ini_config.cpp` `config::read_ini`) merges sections of the same
 * name into one and keeps the first value of a key set more than once. These helpers answer
 * questions about a file the way the driver sees it after that merge, for the rules that need it.
 */
import type { ConfigView, SectionView } from "../config/view.ts";
import type { EntryLine } from "../syntax/tree.ts";

/** The entry the driver uses for `key` in every section named `section`: the first one in the file. */
export function mergedEntry(view: ConfigView, section: string, key: string): EntryLine | undefined {
  for (const s of view.sections) {
    if (s.name !== section) continue;
    const e = s.entry(key);
    if (e) return e;
  }
  return undefined;
}

// Several rules ask for the groups of the same view: build them once per view.
const GROUPS = new WeakMap<ConfigView, ReadonlyMap<string, readonly SectionView[]>>();

/** Sections grouped by the name the driver reads, in order of first appearance. */
export function sectionsByName(view: ConfigView): ReadonlyMap<string, readonly SectionView[]> {
  let groups = GROUPS.get(view);
  if (!groups) {
    groups = group(view);
    GROUPS.set(view, groups);
  }
  return groups;
}

function group(view: ConfigView): Map<string, SectionView[]> {
  const groups = new Map<string, SectionView[]>();
  for (const s of view.sections) {
    const list = groups.get(s.name);
    if (list) list.push(s);
    else groups.set(s.name, [s]);
  }
  return groups;
}

/** Whether any of the sections sets `key`. */
export function anyHas(sections: readonly SectionView[], key: string): boolean {
  return sections.some((s) => s.has(key));
}
