import { fileHead } from "../lint/rule-support/ranges.ts";
import { consumersOf, isDeviceFile, shortName } from "../lint/rule-support/set-files.ts";
import type { SetRule } from "../lint/types.ts";
import { describeConsumer, servicesOf } from "../model/consumers.ts";

/**
 * A device file whose services lack what a consumer of its section needs: QAT Engine's RSA and EC
 * take asym instances, its ciphers and PRF sym instances; QATzip takes dc. Without them the program
 * has instances but none it can use for that work, and does it in software or fails.
 */
export const consumerServices: SetRule = {
  id: "consumer-services",
  defaultSeverity: "error",
  description: "A device file does not run the services a program of its section needs",
  fixAvailability: "never",
  checkSet(context) {
    // Most sets declare no program: their files' services are not worked out for nothing.
    const consumers = consumersOf(context.files);
    if (consumers.length === 0) return;
    for (const file of context.files.filter(isDeviceFile)) {
      const map = file.device?.ringMap;
      if (!map) continue;
      const offered = servicesOf(map);
      for (const consumer of consumers) {
        if (!file.view.merged(consumer.section)) continue;
        const missing = consumer.services.filter((s) => !offered.has(s));
        if (missing.length === 0) continue;
        const entry = file.device?.servicesEnabledEntry;
        context.report(file, {
          message: `${describeConsumer(consumer)} needs ${missing.join(" and ")}, which ${shortName(file)} does not run (ServicesEnabled = ${file.device?.servicesEnabled}): that work goes to software or fails`,
          hint: `add ${missing.join(" and ")} to ServicesEnabled in [GENERAL], or give the program a device that runs them`,
          range: entry?.rawValue.range ?? fileHead(file.document),
        });
      }
    }
  },
};
