import type { Rule } from "../lint/types.ts";
import { lookupKey } from "../model/keys.ts";

/**
 * Keys the driver of QAT 1.6-1.8 devices lists as deprecated (`adf_cfg_deprecated_params`:
 * KptEnabled, StorageEnabled, RateLimitingEnabled, PkeServiceDisabled): setting one in [GENERAL]
 * makes it log "Parameter '%s' has been deprecated" at start-up. RateLimitingEnabled is still read on
 * c4xxx (QAT 1.8), and the QAT 2.0 driver reads KptEnabled and PkeServiceDisabled again, so the
 * check follows the file's generation and stays silent when the device is unknown.
 */
export const deprecatedKey: Rule = {
  id: "deprecated-key",
  defaultSeverity: "warning",
  description: "A key the driver of this device generation warns is deprecated",
  fixAvailability: "never",
  needsDevice: true,
  check(context) {
    const family = context.family;
    if (!family) return;
    for (const section of context.view.sections) {
      if (section.name !== "GENERAL") continue;
      for (const key of section.keys()) {
        const spec = lookupKey(key)?.spec;
        if (!spec?.deprecatedIn?.includes(family.generation)) continue;
        const entry = section.entry(key);
        if (!entry) continue;
        context.report({
          message: `'${key}' is deprecated for ${family.name} (QAT ${family.generation}): the driver logs "Parameter '${key}' has been deprecated" when the device starts`,
          hint: "delete the line (keep it only if the file is also read by an older driver)",
          range: entry.key.range,
        });
      }
    }
  },
};
