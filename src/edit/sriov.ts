/**
 * `enable-sriov`: the preparation of a PF file for SR-IOV that Intel's application note 330689
 * describes: `SRIOV_Enabled = 1` in [GENERAL], no kernel instances, and no user instances (the
 * driver creates none on a PF while SR-IOV is on; they belong in the guests' VF files). User
 * sections are commented out line by line under an explanation, so that nothing is lost and the
 * user can move them to a VF file.
 */
import { type SectionView, view } from "../config/view.ts";
import type { TextEdit } from "../diagnostics.ts";
import { insert } from "../fixes.ts";
import { resolveDevice } from "../model/device-options.ts";
import { instanceKey } from "../model/keys.ts";
import { parse } from "../syntax/parse.ts";
import type { SectionNode } from "../syntax/tree.ts";
import { setEntry } from "./entries.ts";
import { Insertions, newlineOf, sectionStyle } from "./layout.ts";
import { type EditResult, finish, type LintedEditOptions, refused, syntaxGate } from "./result.ts";
import { COUNT, isKernelSection, userSections } from "./sections.ts";

/**
 * Prepares a PF file for SR-IOV. Idempotent: a prepared file comes back unchanged. Refused for a VF
 * file, a file without [GENERAL], and like every edit on syntax errors or new lint errors.
 */
export function enableSriov(text: string, options: LintedEditOptions): EditResult {
  const doc = parse(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const gate = syntaxGate(doc, text, options);
  if (gate.refusal) return gate.refusal;
  const { family, isVf } = resolveDevice(options);
  if (isVf) {
    return refused(text, {
      kind: "request",
      message: "this is a VF file: SR-IOV is enabled in the PF's file (<device>_devN.conf), not in a guest's",
    });
  }
  const config = view(doc);
  const general = config.section("GENERAL");
  if (!general) {
    return refused(text, { kind: "request", message: "the file has no [GENERAL] section: it is no PF configuration" });
  }
  const inserts = new Insertions();
  const edits: TextEdit[] = [];
  const set = (section: SectionView, key: string, value: string): void => {
    const edit = setEntry(section, key, value, inserts, sectionStyle(doc, section.node));
    if (edit) edits.push(edit);
  };
  set(general, "SRIOV_Enabled", "1");
  const eol = newlineOf(doc);
  for (const section of config.sections.filter((s) => isKernelSection(s.name))) {
    for (const key of [COUNT.Cy, COUNT.Dc]) {
      if ((section.number(key) ?? 0) !== 0 || (section.has(key) && section.number(key) === undefined)) {
        set(section, key, "0");
      }
    }
    edits.push(...commentOutKernelInstances(section.node, eol));
  }
  const vfFiles = `${family?.id ?? "<device>"}vf_devN.conf`;
  const notes: string[] = [];
  for (const user of userSections(config).filter(createsInstances)) {
    for (const node of doc.sections.filter((s) => s.name === user.node.name)) {
      edits.push(...commentOut(node, vfFiles, eol));
    }
    notes.push(`[${user.name}] commented out: move its instances to the guests' ${vfFiles} files (qatconf vf-config)`);
  }
  return finish(text, [...edits, ...inserts.edits(eol)], options, { budget: true, notes });
}

/** Whether a user section makes the driver create instances (processes and a non-zero count). */
function createsInstances(section: SectionView): boolean {
  const count = (section.number(COUNT.Cy) ?? 0) + (section.number(COUNT.Dc) ?? 0);
  return (section.number("NumProcesses") ?? 0) > 0 && count > 0;
}

/**
 * `# ` before every instance entry of a kernel section, under one explanation: with the counts at 0
 * the driver would ignore them, and the linter would say so.
 */
function commentOutKernelInstances(node: SectionNode, eol: string): TextEdit[] {
  const entries = node.body.filter((l) => l.kind === "entry" && l.hasEquals && instanceKey(l.key.text));
  return entries.map((line, i) => {
    const at = line.range.start.offset;
    const why = "# qatconf enable-sriov: no kernel instances while SR-IOV is on (Intel application note 330689)";
    return insert(at, i === 0 ? `${why}${eol}# ` : "# ");
  });
}

/** `# ` before the header and every entry of a section, under an explanation above the header. */
function commentOut(node: SectionNode, vfFiles: string, eol: string): TextEdit[] {
  const why = [
    `# qatconf enable-sriov: with SRIOV_Enabled = 1 the driver creates no user instances on the PF`,
    `# (Intel application note 330689). Declare them in the guests' VF files (${vfFiles},`,
    `# see qatconf vf-config); the section is kept here, commented out.`,
  ];
  const start = node.header.range.start.offset;
  const edits: TextEdit[] = [insert(start, `${why.join(eol)}${eol}# `)];
  for (const line of node.body) {
    if (line.kind !== "entry") continue;
    edits.push(insert(line.range.start.offset, "# "));
  }
  return edits;
}
