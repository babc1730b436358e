import { plural } from "../../text/plural.ts";
import { linesWithOffsets, rangeAt } from "../text-range.ts";
import type { HostCheck, HostConfigFile } from "../types.ts";

/** qatlib's need per VF a process opens: "16MB per VF plus whatever the application requires" (INSTALL). */
const PER_VF_KB = 16 * 1024;
/** RLIMIT_MEMLOCK when nothing sets it: 8 MiB since Linux 5.16 (64 KiB before). */
const DEFAULT_KB = 8 * 1024;

/** A memlock line of a limits file: the soft limit in KB, and where it stands. */
interface MemlockLine {
  kb: number;
  file: HostConfigFile;
  line: number;
  start: number;
  end: number;
}

/** The memlock soft limit (in KB) `limits.conf` files give a member of `group`, with the line setting it. */
export function memlockFor(files: readonly HostConfigFile[], group: string): MemlockLine | undefined {
  let forGroup: MemlockLine | undefined;
  let forAll: MemlockLine | undefined;
  for (const file of files) {
    linesWithOffsets(file.text).forEach(({ text: raw, offset }, i) => {
      const [domain, type, item, value] = raw.replace(/#.*/, "").trim().split(/\s+/);
      if (item !== "memlock" || (type !== "soft" && type !== "-") || value === undefined) return;
      const kb = /^(unlimited|infinity|-1)$/.test(value) ? Number.POSITIVE_INFINITY : Number(value);
      if (Number.isNaN(kb)) return;
      const found = { kb, file, line: i + 1, start: offset, end: offset + raw.length };
      // pam_limits: a group's line wins over the `*` default; later files and lines override earlier ones.
      if (domain === `@${group}`) forGroup = found;
      else if (domain === "*") forAll = found;
    });
  }
  return forGroup ?? forAll;
}

/**
 * The memlock limit of qatlib's group covers the VFs a process gets: each VF's rings and buffers are
 * DMA-mapped, locked memory; below the need VFIO_IOMMU_MAP_DMA fails with errno 12 and qatlib says
 * "unable to get ringbuf".
 */
export const memlock: HostCheck = {
  id: "memlock",
  defaultSeverity: "warning",
  description: "The memlock limit of qatlib's group is at least 16 MB per VF a process gets",
  check({ inventory, report }) {
    if (!inventory.qatlibInstalled) return;
    const used = inventory.vfs.filter((vf) => inventory.usedByQatlib(vf));
    if (used.length === 0) return;
    // A POLICY qatmgr refuses stops it first (qatlib-service says so): count as its default, 0.
    const policy = inventory.qatlibPolicy ?? 0;
    const pfs = new Set(used.map((vf) => inventory.qatlibPf(vf)));
    // POLICY=0: one VF of each PF per process; POLICY=N: N VFs.
    const perProcess = policy > 0 ? policy : pfs.size;
    const needKb = perProcess * PER_VF_KB;
    const group = inventory.qatlibGroupName;
    const limit = memlockFor(inventory.host.limits ?? [], group);
    const have = limit?.kb ?? DEFAULT_KB;
    if (have >= needKb) return;
    const where = limit
      ? `${limit.file.path}:${limit.line} gives ${limit.kb} KB`
      : `nothing sets it, so it is the default ${DEFAULT_KB} KB`;
    report({
      path: limit?.file.path ?? "/etc/security/limits.conf",
      ...(limit ? { range: rangeAt(limit.file.text, limit.start, limit.end) } : {}),
      message: `the memlock limit of group ${group} is too low for qatlib: a process gets ${plural(perProcess, "VF")} (POLICY=${policy}) and needs at least ${needKb} KB locked, but ${where}: mapping the rings fails (VFIO_IOMMU_MAP_DMA errno 12, "unable to get ringbuf")`,
      hint: `echo '@${group} - memlock ${Math.max(needKb, 500000)}' > /etc/security/limits.d/qat.conf (qatlib's INSTALL suggests 500000 for its sample code), then log in again`,
    });
  },
};
