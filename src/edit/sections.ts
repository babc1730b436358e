/**
 * Which sections declare instances, as the driver tells them apart (spec: "Sections and instance
 * keys"): `[KERNEL]` and `[KERNEL_QAT]` hold kernel instances; every other section with
 * NumberCyInstances or NumberDcInstances is a user process section.
 */
import type { ConfigView, SectionView } from "../config/view.ts";
import { closest, didYouMean } from "../lint/suggest.ts";

/** The sections of kernel instances (adf_cfg_strings.h `ADF_KERNEL_SEC`, and the QAT 1.x `KERNEL_QAT`). */
export const KERNEL_SECTIONS: readonly string[] = ["KERNEL", "KERNEL_QAT"];

/** The section of device-wide keys (`ADF_GENERAL_SEC`). */
export const GENERAL = "GENERAL";

/** Whether a section holds kernel instances. */
export function isKernelSection(name: string): boolean {
  return KERNEL_SECTIONS.includes(name);
}

/** The user process sections of a file, in file order (first of each name). */
export function userSections(config: ConfigView): SectionView[] {
  return config.sections.filter(
    (s, i) =>
      config.sections.findIndex((o) => o.name === s.name) === i &&
      !isKernelSection(s.name) &&
      s.name !== GENERAL &&
      (s.has("NumberCyInstances") || s.has("NumberDcInstances")),
  );
}

/** "no section [X] (did you mean [Y]?)" for a section that is not there. */
export function missingSection(config: ConfigView, name: string): string {
  const hint = didYouMean(
    closest(
      name,
      config.sections.map((s) => s.name),
    ),
  );
  return `the file has no section [${name}]${hint ? ` (${hint})` : ""}`;
}
