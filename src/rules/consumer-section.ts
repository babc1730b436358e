import { endOfFile } from "../lint/rule-support/ranges.ts";
import { consumersOf, isDeviceFile, shortName } from "../lint/rule-support/set-files.ts";
import type { SetRule } from "../lint/types.ts";
import { describeConsumer } from "../model/consumers.ts";

/**
 * A consumer's section that a device file of the host lacks. Missing from every file, the program
 * cannot start QAT (QAT Engine: "icp_sal_userStart failed", then "QAT HW initialization Failed.";
 * QATzip falls back to software); missing from some, those devices do nothing for it.
 */
export const consumerSection: SetRule = {
  id: "consumer-section",
  defaultSeverity: "error",
  description: 'A program\'s QAT section (--consumer, "consumers") is missing from a device file',
  fixAvailability: "never",
  checkSet(context) {
    const devices = context.files.filter(isDeviceFile);
    if (devices.length === 0) return;
    for (const consumer of consumersOf(context.files)) {
      const lacking = devices.filter((f) => !f.view.merged(consumer.section));
      const none = lacking.length === devices.length;
      for (const file of lacking) {
        context.report(file, {
          message: none
            ? `${describeConsumer(consumer)} starts QAT on [${consumer.section}], which no device file has: ${consumer.kind === "qatzip" ? "it runs in software without a word (sw_backup)" : 'it gets no instance ("icp_sal_userStart failed")'}`
            : `${describeConsumer(consumer)} uses [${consumer.section}] on every device, but ${shortName(file)} has no such section: this device does nothing for it`,
          hint: `add a [${consumer.section}] section (qatconf add-instance --section ${consumer.section}), or point the program at a section the file has (QAT_SECTION_NAME, or QAT Engine's SET_CONFIGURATION_SECTION_NAME)`,
          range: endOfFile(file.document),
          ...(none ? {} : { severity: "warning" as const }),
        });
      }
    }
  },
};
