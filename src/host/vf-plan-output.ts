/**
 * What `qatconf vf-plan` prints and writes: per guest, its VFs, the virsh commands, the `<hostdev>`
 * XML files they attach and the guest's VF configuration files. Every file has a path relative to
 * the output folder (`vm1/hostdev-0000_3d_01_1.xml`), the same whether printed or written.
 */

import { plural } from "../text/plural.ts";
import { shellWord } from "./commands.ts";
import { label } from "./inventory.ts";
import { formatPciAddress } from "./pci-address.ts";
import { type GuestPlan, guestCommands, type PlannedVf, type VfPlan } from "./vf-plan.ts";

/** A file of the plan, relative to the output folder. */
export interface PlanFile {
  path: string;
  content: string;
  /** Whether to make it executable (the per-guest script). */
  executable?: boolean;
}

type Planned = Extract<VfPlan, { ok: true }>;
type Refused = Extract<VfPlan, { ok: false }>;

/**
 * Every file of the plan: per guest its PCI controller XMLs (qatlib guests), hostdev XMLs, VF
 * configuration files (out-of-tree guests) and `attach.sh`.
 */
export function planFiles(plan: Planned): PlanFile[] {
  return plan.guests.flatMap((g) => [
    ...g.controllers.map((c) => ({ path: `${g.guest}/${c.xmlFile}`, content: c.xml })),
    ...g.vfs.map((p) => ({ path: `${g.guest}/${p.xmlFile}`, content: p.xml })),
    ...g.vfs.flatMap((p) =>
      p.guestConfig === undefined || p.guestConfigName === undefined
        ? []
        : [{ path: `${g.guest}/${p.guestConfigName}`, content: p.guestConfig }],
    ),
    { path: `${g.guest}/attach.sh`, content: attachScript(g), executable: true },
  ]);
}

/**
 * The plan as text. With `outDir` the files are said to be written there and not repeated;
 * without, each file follows under a `--- path` line.
 */
export function planText(plan: Planned, outDir?: string): string {
  const asked = plan.guests.reduce((n, g) => n + g.vfs.length, 0);
  const out = [`${asked} of ${plan.free} free QAT VFs for ${plural(plan.guests.length, "guest")}`, ""];
  const prefix = outDir === undefined ? "" : `${outDir.replace(/\/+$/, "")}/`;
  for (const g of plan.guests) {
    const qatlib = g.stack === "qatlib";
    out.push(`Guest ${g.guest} (${plural(g.vfs.length, "VF")}${qatlib ? ", qatlib" : ""}):`);
    for (const p of g.vfs) {
      const pf = p.pf === undefined ? "" : ` of PF ${p.pf}`;
      out.push(`  ${label(p.vf)}${pf}, NUMA node ${p.vf.pci.numaNode} -> in the guest: ${inGuest(p)}`);
    }
    if (qatlib) {
      out.push(
        "  In the guest: qatlib reads no VF file; each host PF's VFs share a guest bus of their own, as qatlib tells PFs apart by bus",
      );
    }
    out.push(
      qatlib
        ? "  On the host, as root (--config; then restart the guest: the guest scans a multifunction slot's functions at boot):"
        : "  On the host, as root (--config: from the guest's next start; add --live for a running guest):",
    );
    for (const c of guestCommands(g, `${prefix}${shellWord(g.guest)}/`)) out.push(`    ${c}`);
    out.push("");
  }
  if (outDir === undefined) {
    for (const { paths, content } of sameContent(planFiles(plan))) {
      out.push(`--- ${paths.join(", ")}${paths.length > 1 ? " (the same text)" : ""}`, content.trimEnd(), "");
    }
  } else {
    out.push(`Files written under ${outDir}:`, ...planFiles(plan).map((f) => `  ${prefix}${f.path}`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Where a planned VF shows in the guest: its PCI address there (qatlib), or the file its driver reads. */
function inGuest(p: PlannedVf): string {
  if (p.guestAddress === undefined) return p.guestConfigName === undefined ? "a VF" : `/etc/${p.guestConfigName}`;
  const a = p.guestAddress;
  return `${formatPciAddress({ domain: 0, bus: a.bus, slot: a.slot, fn: a.fn })}${a.multifunction ? " (multifunction)" : ""}`;
}

/** Why the plan was refused: how many VFs are free, how many were asked, and where the others are. */
export function refusalText(plan: Refused): string {
  const out = [
    plan.reason === undefined
      ? `not enough free QAT VFs: ${plan.free} free, ${plan.asked} asked`
      : `cannot share ${plan.asked} of ${plan.free} free QAT VFs as asked: ${plan.reason}`,
  ];
  const reasons = new Map<string, number>();
  for (const e of plan.excluded) {
    // "used by the host (driver c6xxvf)" and the like count together.
    const reason = e.reason.replace(/ \(.*\)$/, "");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) out.push(`  ${plural(n, "VF")} ${reason}`);
  out.push(
    plan.reason === undefined
      ? "  hint: enable more VFs (qatconf doctor shows each PF's sriov_numvfs and the command), or ask for fewer"
      : "  hint: ask for fewer VFs for that guest, or free VFs of more PFs (qatconf doctor lists who holds each)",
  );
  return `${out.join("\n")}\n`;
}

/** Files with the same text together (a guest's VF files are alike), in first-appearance order. */
function sameContent(files: readonly PlanFile[]): Array<{ paths: string[]; content: string }> {
  const out: Array<{ paths: string[]; content: string }> = [];
  for (const f of files) {
    const same = out.find((g) => g.content === f.content);
    if (same) same.paths.push(f.path);
    else out.push({ paths: [f.path], content: f.content });
  }
  return out;
}

function attachScript(g: GuestPlan): string {
  return [
    "#!/bin/sh",
    `# Gives guest ${g.guest} its QAT VFs (written by qatconf vf-plan). Run as root on the host.`,
    "set -e",
    'cd "$(dirname "$0")"',
    ...guestCommands(g),
    "",
  ].join("\n");
}
