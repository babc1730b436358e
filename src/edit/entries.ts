/**
 * Setting one key of a section: the value of the entry the driver reads (the first) is replaced in
 * place, keeping the line's spacing and comment; a missing key gets a new line in the section's
 * style. Shared by `set`, the instance editors (counts) and `enable-sriov`.
 */
import type { SectionView } from "../config/view.ts";
import type { TextEdit } from "../diagnostics.ts";
import { instanceKey } from "../model/keys.ts";
import type { Line } from "../syntax/tree.ts";
import { type EntryStyle, entryText, type Insertions, lastEntry, replaceValue } from "./layout.ts";

/**
 * Where a new key goes: `end`, after the section's last entry (what `set` does); `head`, after the
 * last entry before the first instance key, where Intel's files keep counts such as NumProcesses.
 */
export type KeyPlace = "end" | "head";

/**
 * Sets `key` to `value` (written as given) in a section. Returns the edit that replaces an existing
 * value (none when it already has this value as written), or queues the new line on `inserts`.
 */
export function setEntry(
  section: SectionView,
  key: string,
  value: string,
  inserts: Insertions,
  style: EntryStyle,
  place: KeyPlace = "end",
): TextEdit | undefined {
  const entry = section.entry(key);
  if (entry) return entry.rawValue.text === value ? undefined : replaceValue(entry, value);
  inserts.after(anchor(section, place), [entryText(key, value, style)]);
  return undefined;
}

/** The line a new key of the section goes after (see {@link KeyPlace}). */
export function anchor(section: SectionView, place: KeyPlace): Line {
  const node = section.node;
  if (place === "end") return lastEntry(node) ?? node.header;
  let last: Line = node.header;
  for (const line of node.body) {
    if (line.kind !== "entry" || !line.hasEquals) continue;
    if (instanceKey(line.key.text)) break;
    last = line;
  }
  return last;
}
