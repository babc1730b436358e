import { driverValue } from "../config/view.ts";
import type { Fix } from "../diagnostics.ts";
import { fix, replace, safeFix } from "../fixes.ts";
import { reportFindings, type Wording } from "../lint/rule-support/findings.ts";
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
  fixAvailability: "sometimes",
  fixApplicability: "unsafe",
  check(context) {
    const entry = context.view.merged("GENERAL")?.entry("ServicesEnabled");
    if (!entry) return;
    const finding = find(context, entry);
    if (finding) reportFindings(context, [finding], say, fixFor);
  },
};

/** A ServicesEnabled the driver refuses: for its device and profile, for every device, or QAT 1.5's tokens. */
type Finding = { entry: EntryLine; value: string } & (
  | {
      kind: "not-accepted";
      accepted: readonly string[];
      /** The accepted values meant most likely (the same services spelt another way, else the closest). */
      suggestions: readonly string[];
      /** The one suggestion is the same services spelt for this generation: fixing it guesses nothing. */
      respelling: boolean;
      /** Who refuses it: no driver (the device is unknown), or this family's, logging `logged`. */
      refusedBy: { kind: "any-driver" } | { kind: "family"; family: DeviceFamily; driver: string; logged: string };
      /** The ServicesProfile the value was checked under. */
      profile: string;
    }
  | { kind: "qat15-repeated" }
  | { kind: "qat15-unknown-tokens"; unknown: readonly string[] }
);

function find(context: RuleContext, entry: EntryLine): Finding | undefined {
  const value = driverValue(entry.rawValue.text);
  const family = context.family;
  if (!family) {
    if (ANY_GENERATION.has(value)) return undefined;
    const accepted = [...ANY_GENERATION];
    return notAccepted(entry, value, accepted, { kind: "any-driver" }, "DEFAULT");
  }
  if (family.generation === "1.5") return findQat15(entry, value);
  const profile = activeProfile(context, family);
  const accepted = servicesForProfile(profile, family.servicesEnabled);
  if (accepted.includes(value)) return undefined;
  const profileId = Math.max(0, SERVICES_PROFILE_VALUES.indexOf(profile));
  const driver = context.device?.driver;
  const logged = driver
    ? driver.invalidServices(value, profileId)
    : `Invalid ServicesEnabled ${value} for ServicesProfile: ${profileId}`;
  const refusedBy = { kind: "family", family, driver: driver?.title ?? `QAT ${family.generation}`, logged } as const;
  return notAccepted(entry, value, accepted, refusedBy, profile);
}

function notAccepted(
  entry: EntryLine,
  value: string,
  accepted: readonly string[],
  refusedBy: Extract<Finding, { kind: "not-accepted" }>["refusedBy"],
  profile: string,
): Finding {
  const equivalent = EQUIVALENT.get(value);
  const respelling = equivalent !== undefined && accepted.includes(equivalent);
  const suggestions = respelling ? [equivalent] : closest(value, accepted);
  return { kind: "not-accepted", entry, value, accepted, suggestions, respelling, refusedBy, profile };
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
function findQat15(entry: EntryLine, value: string): Finding | undefined {
  const tokens = value.split(";");
  const unknown = tokens.filter((t) => !QAT15_SERVICE_TOKENS.includes(t));
  if (tokens.length !== new Set(tokens).size) return { kind: "qat15-repeated", entry, value };
  return unknown.length === 0 ? undefined : { kind: "qat15-unknown-tokens", entry, value, unknown };
}

function say(f: Finding): Wording {
  const { entry, value } = f;
  if (f.kind !== "not-accepted") {
    return {
      severity: "warning",
      message:
        f.kind === "qat15-repeated"
          ? `ServicesEnabled = ${value} names a service twice`
          : `ServicesEnabled = ${value}: QAT 1.5 does not know '${f.unknown.join("', '")}'; its services are cy0, cy1 and dc`,
      hint: "write the services separated by ';', for example cy0;cy1;dc",
      range: entry.rawValue.range,
    };
  }
  const by = f.refusedBy;
  const why =
    by.kind === "any-driver"
      ? "no QAT driver accepts it"
      : `the ${by.family.name} driver (${by.driver}) logs "${by.logged}" and does not start the device`;
  const profileNote = f.profile === "DEFAULT" ? "" : ` with ServicesProfile = ${f.profile}`;
  return {
    message: `ServicesEnabled = ${value} is not accepted${profileNote}: ${why}`,
    hint: `${didYouMean(f.suggestions) ?? "choose an accepted value"} (accepted: ${f.accepted.join(", ")})`,
    range: entry.rawValue.text === "" ? entry.key.range : entry.rawValue.range,
  };
}

/** The one accepted value meant, when there is exactly one. */
function fixFor(f: Finding): Fix | undefined {
  if (f.kind !== "not-accepted" || f.suggestions.length !== 1) return undefined;
  const only = f.suggestions[0] as string;
  return (f.respelling ? safeFix : fix)(`set ServicesEnabled to ${only}`, replace(f.entry.rawValue.range, only));
}
