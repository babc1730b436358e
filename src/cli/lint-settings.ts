/**
 * The settings each linted file gets: its project configuration (nearest `.qatconf.json`, or the one
 * `--config` names) under the command line's `--device` and `--cpus`. A configuration naming a rule
 * or device that does not exist is refused: a misspelt rule id would otherwise silently leave the
 * rule on.
 */
import { basename } from "node:path";
import { type InputError, readText } from "../io/read-text.ts";
import { ConfigError, type LoadedConfig, loadConfig, settingsForFile, validateConfig } from "../lint/config.ts";
import { allRules, findRule } from "../lint/lint.ts";
import type { FileKind, LintOptions } from "../lint/types.ts";
import type { Consumer } from "../model/consumers.ts";
import { familyNames, findFamily } from "../model/devices.ts";
import { findPackage } from "../model/packages.ts";
import { closest, didYouMean } from "../text/suggest.ts";
import { badPfServices, unknownDriver } from "./model-options.ts";

/** `--device`, `--cpus`, `--kind`, `--driver`, `--pf-services` and `--consumer`, which win over the configuration file. */
export interface CommandLineSettings {
  device?: string | undefined;
  cpus?: number | undefined;
  kind?: FileKind | undefined;
  driver?: string | undefined;
  pfServices?: string | undefined;
  /** `--consumer`, added to the configuration's `consumers`. */
  consumer?: readonly Consumer[] | undefined;
}

/**
 * Loads the file `--config` names: a `.qatconf.json`, or a `package.json` with a `qatconf` key. The
 * user chose it, so its owner is not checked (a found one's is, see `loadConfig`); it is read with
 * the strict reader like every file, as one named on purpose (`--config <(generate)` works).
 */
export async function loadExplicitConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readText(path, { named: true });
  } catch (error) {
    throw new ConfigError(path, `cannot read: ${(error as InputError).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `not valid JSON: ${(error as Error).message}`);
  }
  if (basename(path) === "package.json") {
    if (typeof json !== "object" || json === null || !("qatconf" in json)) {
      throw new ConfigError(path, "has no 'qatconf' key");
    }
    json = json.qatconf;
  }
  const config = validateConfig(json, path);
  checkNames(config, path);
  return { ...config, path };
}

/** An unknown device family, with the closest known names. */
export function unknownDevice(name: string): string {
  const hint = didYouMean(closest(name, familyNames()));
  return `unknown device '${name}'${hint ? `: ${hint}` : ""} (known: ${familyNames().join(", ")})`;
}

/** Refuses rule ids and device names that do not exist, at the top level and in overrides. Throws {@link ConfigError}. */
function checkNames(config: LoadedConfig, path: string): void {
  for (const override of config.overrides ?? []) checkNames(override, path);
  for (const id of Object.keys(config.rules ?? {})) {
    if (findRule(id)) continue;
    const hint = didYouMean(
      closest(
        id,
        allRules().map((r) => r.id),
      ),
    );
    throw new ConfigError(
      path,
      `unknown rule '${id}' in "rules"${hint ? `: ${hint}` : ""} (run 'qatconf rules' for the list)`,
    );
  }
  if (config.device !== undefined && !findFamily(config.device)) {
    throw new ConfigError(path, `${unknownDevice(config.device)} in "device"`);
  }
  if (config.driver !== undefined && !findPackage(config.driver)) {
    throw new ConfigError(path, `${unknownDriver(config.driver)} in "driver"`);
  }
  const pf = config.pfServicesEnabled === undefined ? undefined : badPfServices(config.pfServicesEnabled);
  if (pf) throw new ConfigError(path, `${pf} in "pfServicesEnabled"`);
}

const checked = new WeakSet<LoadedConfig>();

/**
 * The lint options for `file` (for stdin, the `--stdin-filename` name, which may not exist: its
 * folder's configuration applies). Throws {@link ConfigError}.
 */
export function settingsFor(
  file: string,
  commandLine: CommandLineSettings,
  explicit: LoadedConfig | undefined,
  withoutConfig?: ReadonlySet<string>,
): LintOptions {
  const loaded = explicit ?? loadConfig(file, withoutConfig);
  if (!checked.has(loaded) && loaded.path !== undefined) {
    checkNames(loaded, loaded.path);
    checked.add(loaded);
  }
  const config = settingsForFile(loaded, file);
  const device = commandLine.device ?? config.device;
  const cpus = commandLine.cpus ?? config.cpus;
  const driver = commandLine.driver ?? config.driver;
  const pfServicesEnabled = commandLine.pfServices ?? config.pfServicesEnabled;
  const consumers = [...(config.consumers ?? []), ...(commandLine.consumer ?? [])];
  return {
    fileName: file,
    ...(device === undefined ? {} : { device }),
    ...(cpus === undefined ? {} : { cpus }),
    ...(driver === undefined ? {} : { driver }),
    ...(pfServicesEnabled === undefined ? {} : { pfServicesEnabled }),
    ...(consumers.length === 0 ? {} : { consumers }),
    ...(commandLine.kind === undefined ? {} : { kind: commandLine.kind }),
    ...(config.rules === undefined ? {} : { rules: config.rules }),
  };
}
