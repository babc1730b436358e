/**
 * What a misspelt key or section name was probably meant to be, from the driver's key table: the
 * "did you mean" of `unknown-key` and `unknown-section` and the language server's quick fixes.
 */
import type { SectionView } from "../config/view.ts";
import { BoundedMemo } from "../memo.ts";
import { closest } from "../text/suggest.ts";
import { KNOWN_SECTIONS, SPECIAL_SECTION_NAMES } from "./key-table.ts";
import { BANK_SUFFIX_NAMES, EXACT_KEY_NAMES, INSTANCE_SUFFIXES, sectionKind } from "./keys.ts";

/**
 * The special section names a section name looks like a misspelling of (`GENRAL`, `Kernel`), or
 * none. An exact special name is not a misspelling.
 */
export function specialSectionSuggestions(name: string): readonly string[] {
  return sectionKind(name) === "user" ? SECTION_SUGGESTIONS.get(name, sectionSuggestions) : [];
}

// User section names repeat across files (SSL, SHIM): remember their edit distances. A host has a
// few dozen section names; 1024 leaves room for a language server session over many hosts' files.
const SECTION_SUGGESTIONS = new BoundedMemo<string, readonly string[]>(1024);

function sectionSuggestions(name: string): string[] {
  return closest(name, SPECIAL_SECTION_NAMES).filter((s) => s !== "WIRELESS" || name.toUpperCase() === "WIRELESS");
}

const LOOSE_INSTANCE_KEY = /^(cy|dc)(\d+)(.*)$/i;
const LOOSE_BANK_KEY = /^bank(\d+)(.*)$/i;

/**
 * Known keys close to an unknown one, best first: instance and bank keys are matched on their
 * suffix with the index kept (`Cy0IsPoled` -> `Cy0IsPolled`), other keys by edit distance; a key
 * that is the start of exactly one known key (`Cy0Accelerator`) suggests it.
 */
export function keySuggestions(key: string): readonly string[] {
  return KEY_SUGGESTIONS.get(key, suggestKeys);
}

// Unknown keys repeat across files too (Cy0Accelerator in every SHIM section): remember their
// suggestions, each a search by edit distance over the whole table. Unknown keys are typos, far
// fewer than known ones: 1024 of them.
const KEY_SUGGESTIONS = new BoundedMemo<string, readonly string[]>(1024);

function suggestKeys(key: string): string[] {
  const inst = LOOSE_INSTANCE_KEY.exec(key);
  if (inst) {
    const service = (inst[1] as string).toLowerCase() === "cy" ? "Cy" : "Dc";
    // The number as the driver writes it: `Cy01Name` means `Cy1Name`.
    const prefix = `${service}${canonicalNumber(inst[2] as string)}`;
    return suffixSuggestions(inst[3] as string, INSTANCE_SUFFIXES[service]).map((s) => prefix + s);
  }
  const bank = LOOSE_BANK_KEY.exec(key);
  if (bank) {
    const prefix = `Bank${canonicalNumber(bank[1] as string)}`;
    return suffixSuggestions(bank[2] as string, BANK_SUFFIX_NAMES).map((s) => prefix + s);
  }
  return suffixSuggestions(key, EXACT_KEY_NAMES);
}

/** Digits without leading zeros (`"01"` -> `"1"`, `"0"` stays), as `snprintf("%d")` writes them. */
function canonicalNumber(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

function suffixSuggestions(written: string, known: readonly string[]): string[] {
  if (known.includes(written)) return [written];
  const near = closest(written, known);
  if (near.length > 0 || written.length < 4) return near;
  const lower = written.toLowerCase();
  const extended = known.filter((k) => k.toLowerCase().startsWith(lower));
  return extended.length === 1 ? extended : [];
}

/**
 * The special sections a user-kind section was probably meant to be: [general] is surely
 * [GENERAL]; [GENRAL] likely is, unless it has NumProcesses, which makes it a user process section
 * whatever its name.
 */
export function meantSections(section: SectionView): readonly string[] {
  const name = section.name;
  if (sectionKind(name) !== "user") return [];
  const caseOnly = [...KNOWN_SECTIONS.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  if (caseOnly) return [caseOnly];
  return section.has("NumProcesses") ? [] : specialSectionSuggestions(name);
}
