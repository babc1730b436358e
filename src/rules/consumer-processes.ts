import { consumersOf, isDeviceFile, shortName } from "../lint/rule-support/set-files.ts";
import type { SetFile, SetRule } from "../lint/types.ts";
import {
  type Consumer,
  describeConsumer,
  processesNeeded,
  type SectionOffer,
  sectionCapacity,
} from "../model/consumers.ts";
import { plural } from "../text/plural.ts";

/**
 * Programs running more QAT processes on a section than it lets start across the host's devices:
 * the processes past the limit get no instance (QAT Engine falls back to software or fails, QATzip
 * silently runs in software). Programs sharing a section add up; nginx counts twice its workers,
 * since old and new workers hold QAT processes at once during a reload.
 */
export const consumerProcesses: SetRule = {
  id: "consumer-processes",
  defaultSeverity: "error",
  description: "Programs run more QAT processes than NumProcesses (x devices) of their section allows",
  fixAvailability: "never",
  checkSet(context) {
    const devices = context.files.filter(isDeviceFile);
    const bySection = new Map<string, Consumer[]>();
    for (const consumer of consumersOf(context.files)) {
      bySection.set(consumer.section, [...(bySection.get(consumer.section) ?? []), consumer]);
    }
    for (const [name, consumers] of bySection) {
      const having = offers(devices, name);
      if (having.length === 0) continue;
      const capacity = sectionCapacity(having.map((h) => h.offer));
      const needed = consumers.reduce((n, c) => n + processesNeeded(c), 0);
      if (needed <= capacity) continue;
      const who = consumers.map(demand).join(" and ");
      const how = having
        .map((h) => `${shortName(h.file)} ${h.offer.processes}${h.offer.limitDevAccess ? " (LimitDevAccess = 1)" : ""}`)
        .join(", ");
      const spanning = having.length > 1 && having.some((h) => !h.offer.limitDevAccess);
      for (const { file, offer } of having) {
        const section = file.view.merged(name);
        const range =
          section?.entry("NumProcesses")?.range ??
          section?.parts[0]?.node.header.range ??
          file.document.lines[0]?.range;
        if (!range) continue;
        context.report(file, {
          message: `${who} need${consumers.length === 1 ? "s" : ""} ${needed} QAT processes on [${name}], but it lets ${capacity} start (NumProcesses: ${how}): the others get no instance`,
          hint: spanning
            ? `raise NumProcesses in [${name}] to ${needed}${offer.limitDevAccess ? "" : ", or set LimitDevAccess = 1 to give each device its own processes"}, or run fewer processes`
            : `raise NumProcesses in [${name}] so that the devices add up to ${needed}, or run fewer processes`,
          range,
        });
      }
    }
  },
};

/** "nginx (..., section SHIM) with 16 processes, 32 while it reloads". */
function demand(consumer: Consumer): string {
  const reload = consumer.reload ? `, ${processesNeeded(consumer)} while it reloads` : "";
  return `${describeConsumer(consumer)} with ${plural(consumer.processes, "process", "processes")}${reload}`;
}

/** What each device file offers a section: its NumProcesses and LimitDevAccess. */
function offers(devices: readonly SetFile[], name: string): Array<{ file: SetFile; offer: SectionOffer }> {
  const out: Array<{ file: SetFile; offer: SectionOffer }> = [];
  for (const file of devices) {
    const section = file.view.merged(name);
    if (!section) continue;
    out.push({
      file,
      offer: {
        processes: Math.max(0, section.number("NumProcesses") ?? 0),
        limitDevAccess: (section.number("LimitDevAccess") ?? 0) !== 0,
      },
    });
  }
  return out;
}
