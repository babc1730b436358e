import type { Rule } from "../lint/types.ts";
import { documentServices, lineAt } from "../qatlib/sysconfig.ts";
import { plural } from "../text/plural.ts";

/**
 * A comment holding `ServicesEnabled=` with a value. qat_init.sh's awk reads every line of the file,
 * comments included, so `#ServicesEnabled=dc` is applied as if it were not commented, and a comment
 * beside a real `ServicesEnabled` line turns the value into two lines that match nothing.
 */
export const qatlibCommentedServices: Rule = {
  id: "qatlib-commented-services",
  defaultSeverity: "warning",
  description: "A commented '#ServicesEnabled=...' that qat_init.sh still reads",
  fixAvailability: "never",
  kinds: ["qatlib"],
  check(context) {
    const doc = context.document;
    const services = documentServices(doc);
    for (const record of services.records) {
      const line = lineAt(doc, record.start);
      if (line.kind !== "comment") continue;
      const alone = services.records.length === 1;
      context.report({
        message: alone
          ? services.applied
            ? `this comment is not a comment for qat_init.sh: its awk reads it and applies ServicesEnabled '${record.value}'`
            : `qat_init.sh's awk reads this comment as ServicesEnabled '${record.value}' (which it then ignores)`
          : `qat_init.sh's awk reads this comment as part of ServicesEnabled: with ${plural(services.records.length - 1, "other line")} holding 'ServicesEnabled=' the value matches nothing and is ignored`,
        hint: alone
          ? "delete the line to keep the kernel's default services, or remove the '#' if the value is meant"
          : "delete this line, or remove 'ServicesEnabled=' from the comment's text",
        range: line.range,
      });
    }
  },
};
