import type { Rule } from "../lint/types.ts";
import { describeInstance, instanceSectionsOf, isProcessed, kindEnabled } from "../model/instances.ts";
import type { InstanceDeclaration } from "../model/types.ts";

/**
 * A user instance must poll (`IsPolled = 1`) or use epoll (`IsPolled = 2`). Anything else makes
 * `adf_cfg_get_ring_pairs_from_bundle` fail with "User instance %s needs to be configured with
 * IsPolled 1 or 2 for poll and epoll mode, respectively"; a value that is not a number fails
 * earlier (`adf_cfg_set_value`). Kernel instances may also use 0 (interrupts).
 */
export const instancePolling: Rule = {
  id: "instance-polling",
  defaultSeverity: "error",
  description: "A user instance's IsPolled is not 1 (poll) or 2 (epoll)",
  fixAvailability: "never",
  check(context) {
    if (context.family?.generation === "1.5") return;
    for (const section of instanceSectionsOf(context)) {
      if (!isProcessed(section)) continue;
      for (const d of section.instances) {
        if (!d.counted || kindEnabled(context, d.kind) === false) continue;
        const entry = d.keys.get("IsPolled");
        if (!entry) continue;
        if (d.poll === undefined) {
          context.report({
            message: `${describeInstance(d)}: ${d.label}IsPolled is not a number, and the driver stops creating instances`,
            hint: section.kernel ? "use 0 (interrupts) or 1 (poll)" : "use 1 (poll) or 2 (epoll)",
            range: entry.range,
          });
        } else if (!section.kernel && d.poll !== 1 && d.poll !== 2) {
          context.report({
            message: `${describeInstance(d)} has IsPolled = ${d.poll}: the driver stops with "User instance ${name(d)} needs to be configured with IsPolled 1 or 2 for poll and epoll mode, respectively"`,
            hint: "user processes cannot take interrupts: use 1 (poll) or 2 (epoll)",
            range: entry.range,
          });
        }
      }
    }
  },
};

function name(d: InstanceDeclaration): string {
  return d.name ?? d.label;
}
