/**
 * The PF's ServicesEnabled for VF files linted or planned together with their PF's file: a QAT 1.x
 * VF gets its ring map from its PF (`adf_pf_vf_ring_to_svc_init`), so the PF file beside it says
 * more than the assumed `cy;dc`. Files of one device type are one PF family; when its PF files
 * disagree, none of them is taken (which PF a VF belongs to is not in a file name).
 */
import type { ConfigView } from "../config/view.ts";
import { familyForFileName } from "./devices.ts";

/** What the PF files of one family say: one value and the file it came from, or a disagreement. */
export type PfServicesFound = { value: string; source: string } | { conflict: string[] };

/**
 * The ServicesEnabled of the PF files among `files`, by family id. A family whose PF files set
 * different values maps to the files that disagree.
 */
export function pfServicesByFamily(files: Iterable<{ name: string; view: ConfigView }>): Map<string, PfServicesFound> {
  const seen = new Map<string, Array<{ value: string; source: string }>>();
  for (const { name, view } of files) {
    const device = familyForFileName(name);
    if (!device || device.isVf) continue;
    const value = view.merged("GENERAL")?.get("ServicesEnabled");
    if (value === undefined) continue;
    const list = seen.get(device.family.id) ?? [];
    list.push({ value, source: name });
    seen.set(device.family.id, list);
  }
  const out = new Map<string, PfServicesFound>();
  for (const [family, list] of seen) {
    const values = new Set(list.map((f) => f.value));
    out.set(
      family,
      values.size === 1 ? (list[0] as { value: string; source: string }) : { conflict: list.map((f) => f.source) },
    );
  }
  return out;
}

/** Whether a file name is that of a PF file (the only files {@link pfServicesByFamily} reads). */
export function isPfFileName(name: string): boolean {
  const device = familyForFileName(name);
  return device !== undefined && !device.isVf;
}
