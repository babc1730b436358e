/**
 * Hover texts (Markdown): on a key, what the driver does with it (type, range, default, the
 * generations and the source that read it); on an instance's keys, the instance's bank, slot and
 * rings in every process from the ring allocator, or why it gets none; on a rule id in a
 * `qatconf-disable` comment, the rule and its page; on a section header, what kind of section it is.
 */
import { findRule } from "../lint/lint.ts";
import { fixableLabel } from "../lint/rule-fixes.ts";
import { suppressions } from "../lint/suppress.ts";
import { slotCounts } from "../model/allocator.ts";
import type { KeySpec } from "../model/key-table.ts";
import { existsIn, instanceKey, lookupKey, sectionKind } from "../model/keys.ts";
import type { InstanceDeclaration, InstanceRequest } from "../model/types.ts";
import { ruleDocUrl } from "../reporters/rule-docs.ts";
import type { EntryLine, Line, Range } from "../syntax/tree.ts";
import { plural } from "../text/plural.ts";
import { type Analysis, within } from "./analysis.ts";

/** A hover's Markdown and the stretch of text it is about. */
export interface HoverText {
  markdown: string;
  range: Range;
}

/** How many process copies an instance hover lists before it sums up the rest. */
const MAX_PROCESS_LINES = 12;

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** The hover at `offset`, if there is anything to say. */
export function hoverAt(analysis: Analysis, offset: number): HoverText | undefined {
  const line = analysis.lineAt(offset);
  if (!line) return undefined;
  const rule = ruleHover(analysis, line, offset);
  if (rule) return rule;
  if (line.kind === "section" && within(line.name.range, offset)) {
    return { markdown: sectionText(analysis, line.name.text), range: line.name.range };
  }
  if (line.kind === "entry" && line.key.text === "ServicesEnabled" && within(line.rawValue.range, offset)) {
    const markdown = servicesText(analysis);
    if (markdown) return { markdown, range: line.rawValue.range };
  }
  if (line.kind === "entry" && line.key.text !== "" && within(line.key.range, offset)) {
    const markdown = entryText(analysis, line);
    return markdown === undefined ? undefined : { markdown, range: line.key.range };
  }
  return undefined;
}

function ruleHover(analysis: Analysis, line: Line, offset: number): HoverText | undefined {
  if (!line.comment || !within(line.comment.range, offset)) return undefined;
  for (const directive of suppressions(analysis.document).directives) {
    if (directive.comment !== line.comment) continue;
    for (const piece of directive.rules) {
      if (!within(piece.range, offset)) continue;
      const rule = findRule(piece.text);
      if (!rule) return undefined;
      const fixable = rule.fixAvailability === "never" ? "" : `, fixable: ${fixableLabel(rule)}`;
      return {
        markdown: `**${code(rule.id)}** (${rule.defaultSeverity}${fixable}): ${rule.description}\n\n[${rule.id}.md](${ruleDocUrl(rule.id)})`,
        range: piece.range,
      };
    }
  }
  return undefined;
}

function keyFacts(spec: KeySpec): string {
  const facts: string[] = [
    spec.type === "enum" && spec.values ? `one of ${spec.values.map(code).join(", ")}` : spec.type,
  ];
  if (spec.min !== undefined || spec.max !== undefined) facts.push(`${spec.min ?? "…"}–${spec.max ?? "…"}`);
  if (spec.default !== undefined) facts.push(`default ${code(spec.default)}`);
  return facts.join(" · ");
}

function keyText(analysis: Analysis, key: string, spec: KeySpec): string {
  const out = [
    `**${code(key)}** · ${keyFacts(spec)}`,
    "",
    `${spec.description[0]?.toUpperCase() ?? ""}${spec.description.slice(1)}.`,
    "",
  ];
  const generations = spec.generations ? `QAT ${spec.generations.join(", ")}` : "every QAT generation";
  out.push(`Read by the driver of ${generations}, in ${spec.sections.map((s) => `[${s}]`).join(", ")} sections.`);
  if (spec.deprecatedIn) out.push(`Deprecated (the driver warns) on QAT ${spec.deprecatedIn.join(", ")}.`);
  const family = analysis.family;
  if (family && !existsIn(spec, family.generation)) {
    out.push(`**The ${family.id} driver (QAT ${family.generation}) does not read it.**`);
  }
  out.push("", `Source: ${spec.source}`);
  return out.join("\n");
}

function entryText(analysis: Analysis, line: EntryLine): string | undefined {
  const key = line.key.text;
  const match = lookupKey(key);
  const parts: string[] = [];
  if (match) parts.push(keyText(analysis, key, match.spec));
  const inst = instanceKey(key);
  const section = analysis.sectionOf(line);
  if (inst && section) {
    const text = instanceText(analysis, section.name, `${inst.family}${inst.index}`);
    if (text) parts.push(text);
  }
  return parts.length === 0 ? undefined : parts.join("\n\n---\n\n");
}

function declaration(analysis: Analysis, section: string, label: string): InstanceDeclaration | undefined {
  const config = analysis.device()?.config;
  const found = config?.sections.find((s) => s.name === section);
  return found?.instances.find((i) => i.label === label);
}

function instanceHeading(d: InstanceDeclaration): string {
  const name = d.name === undefined ? "" : ` ${code(d.name)}`;
  return `**[${d.section}] ${d.label}**${name}`;
}

/** The instance's place on the bank map, per process, or why it has none. */
export function instanceText(analysis: Analysis, section: string, label: string): string | undefined {
  const device = analysis.device();
  if (!device)
    return "The file name does not say which device this configures: set `device` (in `.qatconf.json` or the editor's settings) to see its rings.";
  const decl = declaration(analysis, section, label);
  if (!decl) return undefined;
  const head = instanceHeading(decl);
  const { allocation } = device;
  if (!allocation.modelled) return `${head}: not simulated (${allocation.note ?? "unsupported configuration"}).`;
  const sectionInfo = device.config.sections.find((s) => s.name === section);
  if (!decl.counted) {
    const count = decl.kind === "cy" ? "NumberCyInstances" : "NumberDcInstances";
    return `${head}: **not created**: its number is not below ${count} of [${section}], so the driver never reads its keys.`;
  }
  if (decl.poll === undefined)
    return `${head}: **no rings**: its IsPolled is missing or not a number, and the driver stops before allocating.`;
  if (sectionInfo && sectionInfo.processes === 0)
    return `${head}: **no rings**: [${section}] has no processes (NumProcesses is 0 or missing).`;
  const mine = (i: InstanceRequest): boolean => i.declaration === decl;
  const placed: string[] = [];
  for (const bank of allocation.banks) {
    bank.slots.forEach((slot, index) => {
      if (slot.instance && mine(slot.instance)) {
        placed.push(
          `- ${code(slot.instance.processName)}: bank ${bank.bank}, slot ${index} (${slot.service}), rings ${slot.rings.join(", ")}`,
        );
      }
    });
  }
  // The processes left without rings come first: they are what the user is looking for.
  const failed = allocation.failures
    .filter((f) => mine(f.instance))
    .map((f) => `- ${code(f.instance.processName)}: **no rings**: ${f.reason}`);
  const lines = [...failed, ...placed];
  const shown = lines.slice(0, MAX_PROCESS_LINES);
  if (lines.length > shown.length) shown.push(`- … and ${lines.length - shown.length} more`);
  const total = placed.length + failed.length;
  const summary =
    failed.length === 0 ? `rings in every process (${total})` : `rings in ${placed.length} of ${total} processes`;
  const mode = { 0: "interrupt", 1: "poll", 2: "epoll" }[decl.poll] ?? `IsPolled ${decl.poll}`;
  return [`${head} (${decl.kind === "cy" ? "crypto" : "compression"}, ${mode}): ${summary}`, "", ...shown].join("\n");
}

function sectionText(analysis: Analysis, name: string): string {
  const kind = sectionKind(name);
  const about: Record<string, string> = {
    general: "device-wide settings (services, firmware, SR-IOV)",
    kernel: "instances for kernel users (the driver places them first)",
    user: "a user process section: each of its NumProcesses copies gets its own instances",
    inline: "inline (IPsec offload) settings",
    siov: "Scalable IOV settings",
    accelerator: "QAT 1.5 accelerator settings (interrupt coalescing, bank affinity)",
  };
  const out = [`**[${name}]**: ${about[kind] ?? kind}`];
  const section = analysis.device()?.config.sections.find((s) => s.name === name);
  if (section && !section.kernel) {
    out.push(
      "",
      `${plural(section.processes, "process", "processes")}, ${plural(section.instances.filter((i) => i.counted).length, "instance")} each.`,
    );
  }
  return out.join("\n");
}

/** On a ServicesEnabled value: the slots the ring map gives the device, and the rings it leaves unused. */
function servicesText(analysis: Analysis): string | undefined {
  const device = analysis.device();
  if (!device) return undefined;
  const { config, allocation } = device;
  const where = `${config.family.id} ${config.isVf ? "VF" : "PF"}`;
  if (!allocation.modelled)
    return `${code(config.servicesEnabled)} on the ${where}: ${allocation.note ?? "not simulated"}.`;
  const counts = slotCounts(allocation.banks);
  const slots = (["cy", "asym", "sym", "dc"] as const)
    .filter((s) => counts[s].total > 0)
    .map((s) => `${counts[s].total} ${s} (${counts[s].used} used)`);
  const rings = allocation.banks.reduce((n, b) => n + b.slots.reduce((m, s) => m + s.rings.length, 0), 0);
  const layout = config.layout;
  const unused = layout ? layout.banks * layout.ringsPerBank - rings : 0;
  const banks = layout ? `${layout.banks} bank(s) of ${layout.ringsPerBank} rings` : "its banks";
  return [
    `${code(config.servicesEnabled)} on the ${where} (${banks}) gives ${slots.join(", ")} slots.`,
    unused > 0 ? `\n${unused} rings serve no slot of this ring map and stay unused.` : "",
    "\n`qatconf explain FILE --format html` draws the map.",
  ].join("\n");
}
