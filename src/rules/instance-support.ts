/**
 * What the instance rules share: the instance sections of the file being linted, which of them the
 * driver processes, and how to name an instance in a message.
 */
import type { RuleContext } from "../lint/types.ts";
import { readInstanceSections } from "../model/instances.ts";
import type { InstanceDeclaration, InstanceKind, InstanceSection } from "../model/types.ts";

/** The file's instance sections: from the device model when the family is known, else read directly. */
export function instanceSectionsOf(context: RuleContext): InstanceSection[] {
  return context.device?.sections ?? readInstanceSections(context.view);
}

/** Whether the driver creates the section's instances: kernel sections, user sections with processes. */
export function isProcessed(section: InstanceSection): boolean {
  return section.kernel || section.processes > 0;
}

/**
 * Whether ServicesEnabled enables a kind of instance on the device; `undefined` when unknown (no
 * family, QAT 1.5, or a value the driver refuses).
 */
export function kindEnabled(context: RuleContext, kind: InstanceKind): boolean | undefined {
  const map = context.device?.ringMap;
  if (!map) return undefined;
  return kind === "dc" ? map.includes("dc") : map.some((s) => s === "cy" || s === "sym" || s === "asym");
}

/** `Cy0 ("SSL0") in [SSL]`: an instance as a message names it. */
export function describe(d: InstanceDeclaration): string {
  return `${d.label}${d.name === undefined ? "" : ` ("${d.name}")`} in [${d.section}]`;
}
