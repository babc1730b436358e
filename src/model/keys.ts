/**
 * Lookups over the driver's key table (`key-table.ts`, `instance-key-table.ts`): the kind of a
 * section, the table entry of a key as written, the parts of an instance key. Precomputed at module
 * load (maps and three compiled patterns), so that linting a key costs one map lookup.
 *
 * Instance keys (`Cy3Name`, `Dc0IsPolled`) are a prefix (`Cy`/`Dc`), an index and a suffix, as the
 * driver builds them with `ADF_CY "%d" ...` formats.
 */
import { driverKey } from "../config/view.ts";
import { BoundedMemo } from "../memo.ts";
import { BANK_KEY_SUFFIXES, CY_KEY_SUFFIXES, DC_KEY_SUFFIXES } from "./instance-key-table.ts";
import { EXACT_KEYS, type KeySpec, KNOWN_SECTIONS, PROFILE_SERVICES, type SectionKind } from "./key-table.ts";
import type { Generation } from "./types.ts";

/** A key of the table matched against a key as written. */
export interface KeyMatch {
  spec: KeySpec;
  /** The instance or bank number of a pattern key (`3` in `Cy3Name`). */
  index?: number;
}

/** The key families of instances: `Cy<N>...` and `Dc<N>...` (adf_cfg_strings.h `ADF_CY`, `ADF_DC`). */
export type KeyFamily = "Cy" | "Dc";

/** A key of an instance, split: `Cy12CoreAffinity` is Cy, 12, CoreAffinity. */
export interface InstanceKey {
  family: KeyFamily;
  index: number;
  suffix: string;
}

const ACCELERATOR_SECTION = /^Accelerator\d*$/;
/**
 * `Cy<N><Suffix>`, N in decimal as the driver's `snprintf("%d")` writes it: the driver builds every
 * key it reads that way, so `Cy01Name` is nobody's key (nor `Bank01...`).
 */
const INSTANCE_KEY = /^(Cy|Dc)(0|[1-9]\d*)([A-Za-z]\w*)$/;
const BANK_KEY = /^Bank(0|[1-9]\d*)(.*)$/;

const EXACT_MATCH = new Map<string, KeyMatch>(EXACT_KEYS.map((k) => [k.name, { spec: k }]));
const CY_BY_SUFFIX = new Map<string, KeySpec>(CY_KEY_SUFFIXES.map((k) => [k.name, displayed(k, "Cy")]));
const DC_BY_SUFFIX = new Map<string, KeySpec>(DC_KEY_SUFFIXES.map((k) => [k.name, displayed(k, "Dc")]));
const BANK_BY_SUFFIX = new Map<string, KeySpec>(BANK_KEY_SUFFIXES.map((k) => [k.name, displayed(k, "Bank")]));

/** The pattern spec as messages show it (`Cy<N>Name`), keeping the suffix for lookups. */
function displayed(spec: KeySpec, prefix: string): KeySpec {
  return { ...spec, name: `${prefix}<N>${spec.name}` };
}

/** Every exact key name, for "did you mean" over exact keys. */
export const EXACT_KEY_NAMES: readonly string[] = EXACT_KEYS.map((k) => k.name);
/** Instance key suffixes per service, for "did you mean" over instance keys. */
export const INSTANCE_SUFFIXES: Readonly<Record<KeyFamily, readonly string[]>> = {
  Cy: [...CY_BY_SUFFIX.keys()],
  Dc: [...DC_BY_SUFFIX.keys()],
};
/** `Bank<N>` key suffixes. */
export const BANK_SUFFIX_NAMES: readonly string[] = [...BANK_BY_SUFFIX.keys()];

/** The kind of a section, by its name as the driver reads it (case-sensitive). */
export function sectionKind(name: string): SectionKind {
  return KNOWN_SECTIONS.get(name) ?? (ACCELERATOR_SECTION.test(name) ? "accelerator" : "user");
}

/**
 * Splits an instance key (`Cy3IsPolled`) into family, index and suffix; `undefined` for other keys,
 * including ones the driver never builds (`Cy01Name`, `Cy0_Name`). The suffix is not checked against
 * the table. The one definition of an instance key: the linter, the editors and the language server
 * ask it, with the key as the driver reads it or as written (blanks are deleted first, as adf_ctl does).
 */
export function instanceKey(key: string): InstanceKey | undefined {
  const m = INSTANCE_KEY.exec(BLANK.test(key) ? driverKey(key) : key);
  if (!m) return undefined;
  const index = Number(m[2]);
  if (!Number.isSafeInteger(index)) return undefined;
  return { family: m[1] as KeyFamily, index, suffix: m[3] as string };
}

const BLANK = /[\s]/;

// Keys repeat across files (Cy0Name, Cy1IsPolled): remembering pattern matches saves the regular
// expressions on most lookups. 4096 keys hold every instance and bank key of 64 instances of each
// family (a few thousand, where Intel's shipped files use 44), at some 100 bytes each.
const PATTERN_MATCHES = new BoundedMemo<string, KeyMatch | undefined>(4096);

/** The table entry of a key as the driver reads it (exact, case-sensitive), or `undefined`. */
export function lookupKey(key: string): Readonly<KeyMatch> | undefined {
  return EXACT_MATCH.get(key) ?? PATTERN_MATCHES.get(key, lookupPattern);
}

function lookupPattern(key: string): KeyMatch | undefined {
  const inst = instanceKey(key);
  if (inst) {
    const spec = (inst.family === "Cy" ? CY_BY_SUFFIX : DC_BY_SUFFIX).get(inst.suffix);
    return spec ? { spec, index: inst.index } : undefined;
  }
  const bank = BANK_KEY.exec(key);
  if (bank) {
    const spec = BANK_BY_SUFFIX.get(bank[2] as string);
    const index = Number(bank[1]);
    return spec && Number.isSafeInteger(index) ? { spec, index } : undefined;
  }
  return undefined;
}

/** Whether the driver reads this key in a section of this kind. */
export function readIn(spec: KeySpec, kind: SectionKind): boolean {
  return spec.sections.includes(kind);
}

/** Whether the key exists for this generation (keys without a generation list exist in all). */
export function existsIn(spec: KeySpec, generation: Generation): boolean {
  return spec.generations === undefined || spec.generations.includes(generation);
}

/** Every key of the table (instance and bank keys as patterns), for docs and `qatconf keys`. */
export function allKeys(): readonly KeySpec[] {
  return [...EXACT_KEYS, ...CY_BY_SUFFIX.values(), ...DC_BY_SUFFIX.values(), ...BANK_BY_SUFFIX.values()];
}

/** The services a ServicesProfile accepts, given the family's DEFAULT list. */
export function servicesForProfile(profile: string, defaults: readonly string[]): readonly string[] {
  return PROFILE_SERVICES.get(profile) ?? defaults;
}
