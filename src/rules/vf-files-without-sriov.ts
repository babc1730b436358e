import { fileHead } from "../lint/rule-support/ranges.ts";
import { shortName } from "../lint/rule-support/set-files.ts";
import type { SetFile, SetRule } from "../lint/types.ts";

/**
 * VF files kept on a host for its guests (`<device>vf_devN.conf.vm`) while no PF file of that device
 * type enables SR-IOV: the driver creates no VFs (`SRIOV_Enabled` is read when the PF comes up), so
 * there is nothing to give the guests those files for.
 */
export const vfFilesWithoutSriov: SetRule = {
  id: "vf-files-without-sriov",
  defaultSeverity: "warning",
  description: "VF files are kept for guests, but no PF file of that device enables SR-IOV",
  fixAvailability: "never",
  checkSet(context) {
    const byFamily = new Map<string, { pfs: SetFile[]; vfs: SetFile[] }>();
    for (const file of context.files) {
      if (!file.family) continue;
      const group = byFamily.get(file.family.id) ?? { pfs: [], vfs: [] };
      (file.isVf ? group.vfs : group.pfs).push(file);
      byFamily.set(file.family.id, group);
    }
    for (const { pfs, vfs } of byFamily.values()) {
      if (vfs.length === 0 || pfs.length === 0 || pfs.some((f) => f.device?.sriovEnabled)) continue;
      const names = vfs.map(shortName);
      for (const pf of pfs) {
        const entry = pf.device?.sriovEntry;
        context.report(pf, {
          message: `${names.join(", ")} ${names.length === 1 ? "is" : "are"} here for guests, but ${shortName(pf)} does not enable SR-IOV${entry ? ` (SRIOV_Enabled = ${entry.rawValue.text})` : ""}: the driver creates no VFs`,
          hint: "set SRIOV_Enabled = 1 in [GENERAL] (qatconf enable-sriov does it, with the kernel instances the PF must drop), or remove the VF files",
          range: entry?.range ?? fileHead(pf.document),
        });
      }
    }
  },
};
