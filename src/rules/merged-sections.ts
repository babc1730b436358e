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

/** Whether any of the sections sets `key`. */
export function anyHas(sections: readonly SectionView[], key: string): boolean {
  return sections.some((s) => s.has(key));
}
