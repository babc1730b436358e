/**
 * The sections editors add instances to, as the device model reads them (`readInstanceSections`):
 * `[KERNEL]` and `[KERNEL_QAT]` hold kernel instances; user process sections are the others that
 * declare instances. A section with NumProcesses alone (`[WIRELESS]` with `NumProcesses = 0` in QAT
 * 1.5 files) counts no instances and is no place to add them.
 */
import type { ConfigView, SectionView } from "../config/view.ts";
import { COUNT_KEY, KERNEL_SECTIONS, readInstanceSections } from "../model/instances.ts";
import { closest, didYouMean } from "../text/suggest.ts";

/** Whether a section holds kernel instances. */
export function isKernelSection(name: string): boolean {
  return KERNEL_SECTIONS.includes(name);
}

/** The user process sections that count instances, in file order (the first of each name). */
export function userSections(config: ConfigView): SectionView[] {
  return readInstanceSections(config)
    .filter((s) => !s.kernel && (s.numberCy !== undefined || s.numberDc !== undefined))
    .map((s) => config.section(s.name) as SectionView);
}

/** The count key of each key family (adf_cfg_strings.h `ADF_NUM_CY`, `ADF_NUM_DC`). */
export const COUNT: Readonly<Record<"Cy" | "Dc", string>> = { Cy: COUNT_KEY.cy, Dc: COUNT_KEY.dc };

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
