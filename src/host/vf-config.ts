/**
 * A minimal, valid configuration for one QAT VF inside a guest (`c6xxvf_dev0.conf`), filling the
 * VF's ring budget with user-space instances as Intel's `<device>vf_dev0.conf.vm` samples do.
 */
import type { DeviceFamily } from "../model/types.ts";
import { deviceName } from "./inventory.ts";

/** What one VF holds, and the instances the generated file declares. */
export interface VfBudget {
  servicesEnabled: string;
  cy: number;
  dc: number;
  /** One line saying where the numbers come from, written at the top of the file. */
  why: string;
}

/**
 * The instances a VF of this family holds with crypto and compression both on, or `undefined` for
 * families without VFs or with QAT 1.5's other file format.
 *
 * QAT 1.x: a VF is one bank; with `cy;dc` its slots are CRYPTO, CRYPTO, NA, COMP and each slot holds
 * `ringsPerBank / 8` instances (2 with 16 rings, 1 with c4xxx's 8). QAT 2.0: one instance per bank
 * (one ring pair), and `asym;dc` splits a VF's 4 banks between the two services (Intel's sample).
 */
export function vfBudget(family: DeviceFamily): VfBudget | undefined {
  const vf = family.vf;
  if (vf === undefined || family.generation === "1.5") return undefined;
  if (family.generation === "2.0") {
    const half = Math.floor(vf.banks / 2);
    return {
      servicesEnabled: "asym;dc",
      cy: half,
      dc: vf.banks - half,
      why: `${vf.banks} banks of one ring pair: ${half} for asym (Cy) and ${vf.banks - half} for dc instances`,
    };
  }
  const perSlot = vf.ringsPerBank / 8;
  return {
    servicesEnabled: "cy;dc",
    cy: perSlot * vf.banks,
    dc: perSlot * vf.banks,
    why: `${vf.banks} bank of ${vf.ringsPerBank} rings: cy;dc gives ${perSlot * vf.banks} Cy and ${perSlot * vf.banks} Dc instances`,
  };
}

/** The text of a guest's VF file for this family, or `undefined` when {@link vfBudget} has none. */
export function minimalVfConfig(family: DeviceFamily): string | undefined {
  const budget = vfBudget(family);
  if (!budget) return undefined;
  const instances = (prefix: "Cy" | "Dc", count: number, name: (i: number) => string): string[] =>
    Array.from({ length: count }, (_, i) => [
      "",
      `${prefix}${i}Name = "${name(i)}"`,
      `${prefix}${i}IsPolled = 1`,
      `${prefix}${i}CoreAffinity = 0`,
    ]).flat();
  return [
    `# ${deviceName(family, true)} VF configuration for a guest, written by qatconf vf-plan.`,
    `# Fits one VF (${budget.why}).`,
    "[GENERAL]",
    `ServicesEnabled = ${budget.servicesEnabled}`,
    "ConfigVersion = 2",
    "CyNumConcurrentSymRequests = 512",
    "CyNumConcurrentAsymRequests = 64",
    "statsGeneral = 1",
    "",
    "[KERNEL]",
    "NumberCyInstances = 0",
    "NumberDcInstances = 0",
    "",
    "[SSL]",
    `NumberCyInstances = ${budget.cy}`,
    `NumberDcInstances = ${budget.dc}`,
    "NumProcesses = 1",
    "LimitDevAccess = 0",
    ...instances("Cy", budget.cy, (i) => `SSL${i}`),
    ...instances("Dc", budget.dc, (i) => `Dc${i}`),
    "",
  ].join("\n");
}
