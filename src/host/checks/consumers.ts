import { lintSet } from "../../lint/set.ts";
import { describeConsumer } from "../../model/consumers.ts";
import type { Range } from "../../syntax/tree.ts";
import { plural } from "../../text/plural.ts";
import { hostConsumers } from "../consumer-files.ts";
import { FIRST_LINE, linesWithOffsets, rangeAt } from "../text-range.ts";
import type { HostCheck, HostConfigFile } from "../types.ts";

/**
 * The programs on the host that use QAT (async-mode nginx, HAProxy, QATzip in nginx), found in
 * their own configuration, checked against the host's device files as `qatconf lint --consumer`
 * checks them: the section they start on exists on each device, NumProcesses (x devices) covers
 * their processes (twice nginx's workers, for its reloads), and the services cover their work.
 */
export const consumers: HostCheck = {
  id: "consumers",
  defaultSeverity: "error",
  description: "The programs that use QAT (nginx, HAProxy, QATzip) fit the sections, processes and services of /etc",
  check({ host, inventory, report }) {
    const found = hostConsumers(host.consumerFiles, host.cpuCount);
    for (const consumer of found) {
      const [path = "", line = "1"] = (consumer.source ?? "").split(/:(\d+)/);
      report({
        path,
        severity: "info",
        message: `${describeConsumer(consumer)} runs ${plural(consumer.processes, "QAT process", "QAT processes")}${consumer.reload ? ` (${consumer.processes * 2} while it reloads)` : ""} and needs ${consumer.services.join(" and ")}`,
        range: lineOf(host.consumerFiles, path, Number(line)),
      });
    }
    if (found.length === 0 || host.configs.length === 0) return;
    const inputs = host.configs.map((file) => ({
      document: inventory.document(file),
      options: { fileName: file.path, consumers: found },
    }));
    lintSet(inputs).forEach((diagnostics, i) => {
      const file = host.configs[i];
      if (!file) return;
      for (const d of diagnostics) {
        if (!d.ruleId.startsWith("consumer-")) continue;
        report({
          path: file.path,
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          range: d.range,
          ...(d.hint === undefined ? {} : { hint: d.hint }),
        });
      }
    });
  },
};

/** The range of line `line` (1-based) of a program's file, for findings that name it. */
function lineOf(files: readonly HostConfigFile[], path: string, line: number): Range {
  const text = files.find((f) => f.path === path)?.text;
  const at = text === undefined ? undefined : linesWithOffsets(text)[line - 1];
  return text === undefined || !at ? FIRST_LINE : rangeAt(text, at.offset, at.offset + at.text.length);
}
