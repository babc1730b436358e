import { driverKey, driverValue } from "../config/view.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { MAX_STRING_BYTES } from "../model/key-table.ts";
import type { Range } from "../syntax/tree.ts";

// A UTF-16 unit is at most 3 UTF-8 bytes: shorter strings cannot exceed the limit, so most skip the count.
const SURELY_SHORT = Math.floor(MAX_STRING_BYTES / 3);

function byteLength(text: string): number {
  return text.length <= SURELY_SHORT ? text.length : Buffer.byteLength(text, "utf8");
}

function check(context: RuleContext, what: string, text: string, range: Range, hint: string): void {
  const bytes = byteLength(text);
  if (bytes <= MAX_STRING_BYTES) return;
  context.report({
    message: `${what} is ${bytes} bytes long; the driver takes at most ${MAX_STRING_BYTES} (adf_ctl stops with "entry too long")`,
    hint,
    range,
  });
}

/**
 * Keys, values and section names go into 128-byte buffers (NUL included); adf_ctl refuses longer
 * ones (`dev_config::validate_field`, QAT 1.5 `adf_add_keyvalue`) and the device is not started.
 */
export const valueTooLong: Rule = {
  id: "value-too-long",
  defaultSeverity: "error",
  description: "A key, value or section name longer than the driver's 127-byte buffers",
  fixAvailability: "never",
  check(context) {
    for (const section of context.view.sections) {
      check(
        context,
        `section name [${section.name.slice(0, 20)}...]`,
        section.name,
        section.node.header.name.range,
        "use a shorter section name",
      );
      for (const entry of section.entries) {
        // The driver's text is never longer than the written one: short entries cannot be too long.
        if (entry.key.text.length <= SURELY_SHORT && entry.rawValue.text.length <= SURELY_SHORT) continue;
        const key = driverKey(entry.key.text);
        check(context, `key '${key.slice(0, 20)}...'`, key, entry.key.range, "use the key's exact name");
        check(
          context,
          `the value of '${key.slice(0, 40)}'`,
          driverValue(entry.rawValue.text),
          entry.rawValue.range,
          "shorten the value; a long CoreAffinity list can use ranges such as 0-31",
        );
      }
    }
  },
};
