import { driverValue } from "../config/view.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { allFamilies } from "../model/devices.ts";
import { QAT15_SERVICE_TOKENS, SERVICES_PROFILE_VALUES } from "../model/key-table.ts";
import { servicesForProfile } from "../model/keys.ts";
import type { DeviceFamily } from "../model/types.ts";
import type { EntryLine } from "../syntax/tree.ts";
import { closest, didYouMean } from "../text/suggest.ts";

/** Values some generation accepts, for files whose device is unknown. */
const ANY_GENERATION = new Set<string>(
  allFamilies().flatMap((f) => [
    ...f.servicesEnabled,
    ...(f.generation === "1.5" ? [] : SERVICES_PROFILE_VALUES.flatMap((p) => servicesForProfile(p, f.servicesEnabled))),
  ]),
);

/** The same services spelt the way another generation wants them. */
const EQUIVALENT: ReadonlyMap<string, string> = new Map([
  ["asym;sym", "cy"],
  ["sym;asym", "cy"],
  ["cy", "asym;sym"],
]);

const GEN2 = new Set(["1.6", "1.7", "1.8"]);

/**
 * ServicesEnabled must be one of the strings the driver of the device accepts under its
 * ServicesProfile (`adf_cfg_get_services_enabled` compares the whole string with `strncmp`); anything
 * else: "Invalid ServicesEnabled %s for ServicesProfile: %d" and the device does not start. QAT 1.5
 * files use accelerator tokens (`cy0;cy1;dc`), valid for their own generation.
 */
export const servicesEnabled: Rule = {
  id: "services-enabled",
  defaultSeverity: "error",
  description: "ServicesEnabled is not a value the device's driver accepts",
  fixable: true,
  check(context) {
    const entry = context.view.merged("GENERAL")?.entry("ServicesEnabled");
    if (!entry) return;
    const value = driverValue(entry.rawValue.text);
    const family = context.family;
    if (!family) {
      if (!ANY_GENERATION.has(value)) report(context, entry, value, [...ANY_GENERATION], "no QAT driver accepts it");
    } else if (family.generation === "1.5") {
      checkQat15(context, entry, value);
    } else {
      checkFamily(context, entry, value, family);
    }
  },
};

function checkFamily(context: RuleContext, entry: EntryLine, value: string, family: DeviceFamily): void {
  const profile = activeProfile(context, family);
  const accepted = servicesForProfile(profile, family.servicesEnabled);
  if (accepted.includes(value)) return;
  const profileId = Math.max(0, SERVICES_PROFILE_VALUES.indexOf(profile));
  const driver = context.device?.driver;
  const logged = driver
    ? driver.invalidServices(value, profileId)
    : `Invalid ServicesEnabled ${value} for ServicesProfile: ${profileId}`;
  report(
    context,
    entry,
    value,
    accepted,
    `the ${family.name} driver (${driver?.title ?? `QAT ${family.generation}`}) logs "${logged}" and does not start the device`,
    profile === "DEFAULT" ? "" : ` with ServicesProfile = ${profile}`,
  );
}

/**
 * ServicesProfile counts on QAT 1.6-1.8 PFs only, and only in packages that read it (L.4.24, not
 * L.4.8); a VF always uses DEFAULT; unknown names read as DEFAULT.
 */
function activeProfile(context: RuleContext, family: DeviceFamily): string {
  if (context.isVf || !GEN2.has(family.generation)) return "DEFAULT";
  if (context.device?.driver && !context.device.driver.honoursServicesProfile) return "DEFAULT";
  const e = context.view.merged("GENERAL")?.entry("ServicesProfile");
  const profile = e === undefined ? "DEFAULT" : driverValue(e.rawValue.text);
  return SERVICES_PROFILE_VALUES.includes(profile) ? profile : "DEFAULT";
}

/** QAT 1.5's adf_ctl splits the value at `;` and looks for cy0, cy1 and dc, in any order. */
function checkQat15(context: RuleContext, entry: EntryLine, value: string): void {
  const tokens = value.split(";");
  const bad = tokens.filter((t) => !QAT15_SERVICE_TOKENS.includes(t));
  const repeated = tokens.length !== new Set(tokens).size;
  if (bad.length === 0 && !repeated) return;
  context.report({
    severity: "warning",
    message: repeated
      ? `ServicesEnabled = ${value} names a service twice`
      : `ServicesEnabled = ${value}: QAT 1.5 does not know '${bad.join("', '")}'; its services are cy0, cy1 and dc`,
    hint: "write the services separated by ';', for example cy0;cy1;dc",
    range: entry.rawValue.range,
  });
}

function report(
  context: RuleContext,
  entry: EntryLine,
  value: string,
  accepted: readonly string[],
  why: string,
  profileNote = "",
): void {
  const equivalent = EQUIVALENT.get(value);
  const suggestions =
    equivalent !== undefined && accepted.includes(equivalent) ? [equivalent] : closest(value, accepted);
  const only = suggestions.length === 1 ? suggestions[0] : undefined;
  const range = entry.rawValue.range;
  context.report({
    message: `ServicesEnabled = ${value} is not accepted${profileNote}: ${why}`,
    hint: `${didYouMean(suggestions) ?? "choose an accepted value"} (accepted: ${accepted.join(", ")})`,
    range: entry.rawValue.text === "" ? entry.key.range : range,
    ...(only === undefined
      ? {}
      : {
          fix: {
            description: `set ServicesEnabled to ${only}`,
            edits: [{ start: range.start.offset, end: range.end.offset, newText: only }],
          },
        }),
  });
}
