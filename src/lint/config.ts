/**
 * The project configuration of qatconf: `.qatconf.json`, or a `qatconf` key in `package.json`, found
 * from a linted file's folder upwards (the nearest one wins, as with eslint's flat lookup stopping at
 * the first hit). It turns rules off or changes their severity, and sets formatter options.
 *
 * ```json
 * { "rules": { "unknown-key": "off", "ring-budget": "warning" }, "format": { "alignEquals": true } }
 * ```
 *
 * qatconf often runs as root, on folders other users can write. A configuration found by the lookup
 * is used only when it and every folder above it are owned by the user or root and not writable by
 * others (a sticky folder such as /tmp excepted, as nobody can replace another's file there):
 * otherwise a file planted in /tmp could turn the checks of root's run off. Such a file is an error
 * (exit 2) rather than skipped, so that a rule the user turned off does not silently come back.
 * It is read with the strict reader: a FIFO or a link to /dev/zero is refused, not waited on.
 */
import type { Stats } from "node:fs";
import { statSync } from "node:fs";
import { basename, dirname, join, matchesGlob, relative, sep } from "node:path";
import { type InputError, ioReason, readTextFileSync } from "../io/read-text.ts";
import { resolvedPath } from "../io/resolved-path.ts";
import { BoundedMemo } from "../memo.ts";
import { type Consumer, consumerOf } from "../model/consumers.ts";
import { closest, didYouMean } from "../text/suggest.ts";
import type { RuleSetting } from "./types.ts";

/** The settings of a `.qatconf.json` file (or a `qatconf` key in `package.json`). */
export interface QatconfConfig {
  /** Per-rule severity, or `off`. Rule ids are checked against the rule registry by the linter. */
  rules?: Record<string, RuleSetting>;
  /** Device family to assume when a file's name does not say (`--device` overrides it). */
  device?: string;
  /** Logical CPUs of the target host, for CoreAffinity checks (`--cpus` overrides it). */
  cpus?: number;
  /** The driver package to model (`--driver` overrides it): `QAT.L.4.24.0-00005` or `4.24`. */
  driver?: string;
  /** A QAT 1.x VF's PF ServicesEnabled (`--pf-services` overrides it). */
  pfServicesEnabled?: string;
  /**
   * The programs that use the host's files: `{ "name": "nginx", "section": "SHIM", "processes": 16 }`
   * (`services`, `reload` default to a known program's; `--consumer` adds to them).
   */
  consumers?: Consumer[];
  format?: {
    /** Align `=` within each block of entries. */
    alignEquals?: boolean;
  };
  /**
   * Settings for some files, as eslint's and ruff's overrides: each entry's `files` globs (relative
   * to the configuration's folder; a glob without `/` matches the file's name in any folder) pick
   * the files, and its other keys, any of the per-file settings above, apply to them over the
   * top-level ones. Later entries win; objects (`rules`, `format`) are merged key by key.
   */
  overrides?: ConfigOverride[];
}

/** The settings one file gets: everything of a configuration but its overrides. */
export type FileSettings = Omit<QatconfConfig, "overrides">;

/** One entry of `overrides`: the files it applies to, and settings for them. */
export interface ConfigOverride extends FileSettings {
  files: string[];
}

/** A configuration file that could not be used: bad JSON or a setting of the wrong shape. */
export class ConfigError extends Error {
  /** The configuration file at fault. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "ConfigError";
    this.path = path;
  }
}

/** A loaded configuration and where it came from (`undefined` when none was found). */
export interface LoadedConfig extends QatconfConfig {
  path?: string;
}

const SEVERITIES: readonly RuleSetting[] = ["error", "warning", "info", "off"];

/**
 * Rules no configuration can change: a syntax error means the file is not what the driver reads,
 * so every other verdict would be about another file. The lint engine ignores settings for them too.
 */
export const UNCONFIGURABLE_RULES: ReadonlySet<string> = new Set(["syntax"]);
const TOP_KEYS = [
  "rules",
  "device",
  "cpus",
  "driver",
  "pfServicesEnabled",
  "consumers",
  "format",
  "overrides",
  "$schema",
];
/** Keys that are about the configuration file, not the settings of a file: not allowed in an override. */
const FILE_ONLY_KEYS = ["overrides", "$schema"];
const CONSUMER_KEYS = ["name", "section", "processes", "services", "reload"];
const FORMAT_KEYS = ["alignEquals"];

// One lookup per folder per process: linting a thousand files of one repository reads the
// configuration once, not a thousand times. A language server session may visit any number of
// folders: the 1024 used last are kept, and one forgotten is only read again. A folder whose
// configuration is refused keeps its error.
const configs = new BoundedMemo<string, LoadedConfig | ConfigError>(1024);

/**
 * Forgets every configuration read so far, so that the next lookup reads the files again: for a
 * long-running process (the language server) when a `.qatconf.json` may have changed.
 */
export function forgetConfigs(): void {
  configs.clear();
}

/**
 * Finds and loads the configuration that applies to `file`: the nearest `.qatconf.json`, or
 * `package.json` with a `qatconf` key, in the file's folder or above. Returns `{}` when there is none.
 * Throws {@link ConfigError} when the nearest one is malformed: a silently ignored setting is how a
 * rule the user turned off comes back at 3 a.m. Synchronous: the CLI looks up one configuration per
 * folder of a repository, and a handful of small synchronous reads cost less than as many trips
 * through the thread pool (and spare a one-file run loading `fs/promises`).
 */
export function loadConfig(file: string, withoutConfig?: ReadonlySet<string>): LoadedConfig {
  return loadFromDir(dirname(resolvedPath(file)), withoutConfig);
}

/**
 * `withoutConfig`: folders the caller listed this run and found no `.qatconf.json` or
 * `package.json` in (a repository's walk), which the lookup passes through without asking again.
 */
function loadFromDir(dir: string, withoutConfig?: ReadonlySet<string>): LoadedConfig {
  const found = configs.get(dir, () => {
    try {
      return readDir(dir, withoutConfig);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error;
    }
  });
  if (found instanceof ConfigError) throw found;
  return found;
}

function readDir(dir: string, withoutConfig?: ReadonlySet<string>): LoadedConfig {
  const parent = dirname(dir);
  if (withoutConfig?.has(dir)) return parent === dir ? {} : loadFromDir(parent, withoutConfig);
  const own = join(dir, ".qatconf.json");
  const ownText = readOptional(own);
  if (ownText !== undefined) {
    checkTrusted(own, ownText.stats);
    return { ...validateConfig(parseJson(own, ownText.text), own), path: own };
  }
  const pkg = join(dir, "package.json");
  const pkgText = readOptional(pkg);
  if (pkgText !== undefined) {
    // Any project has a package.json: one that is not ours to trust is not read as configuration.
    let trusted = true;
    try {
      checkTrusted(pkg, pkgText.stats);
    } catch {
      trusted = false;
    }
    const json = trusted ? parseJson(pkg, pkgText.text) : parseQuietly(pkgText.text);
    if (isObject(json) && "qatconf" in json) {
      if (!trusted) checkTrusted(pkg, pkgText.stats);
      return { ...validateConfig(json.qatconf, `${pkg} (qatconf)`), path: pkg };
    }
  }
  return parent === dir ? {} : loadFromDir(parent, withoutConfig);
}

/** The text and status of a configuration file, `undefined` when there is none. Throws {@link ConfigError}. */
function readOptional(path: string): { text: string; stats: Stats } | undefined {
  let stats: Stats | undefined;
  try {
    // Most folders have neither file, and a thrown ENOENT costs more than the stat: looking up the
    // configurations of 10,000 named files (fmt) took 36 ms with the throws, 12 without.
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw new ConfigError(path, `cannot read: ${ioReason(error)}`);
  }
  if (stats === undefined) return undefined;
  try {
    return { text: readTextFileSync(path), stats };
  } catch (error) {
    throw new ConfigError(path, `cannot read: ${(error as InputError).message}`);
  }
}

/** The user qatconf runs as, or `undefined` where there are no Unix owners. */
const uid = process.geteuid?.();

/** Who may own a configuration file or a folder above it: the user and root. */
function trustedOwner(owner: number): boolean {
  return owner === uid || owner === 0;
}

/**
 * Refuses a found configuration file that another user could have written or put there: the file
 * must be owned by the user or root and writable by nobody else, and so must each folder above it
 * (a sticky folder, like /tmp, is fine: nobody can rename another's entry in it). Throws {@link ConfigError}.
 */
function checkTrusted(path: string, stats: Stats): void {
  if (uid === undefined) return;
  const refuse = (why: string): never => {
    throw new ConfigError(path, `not used: ${why} (another user could have put it there; fix the owner or mode)`);
  };
  if (!trustedOwner(stats.uid)) refuse(`it is owned by user ${stats.uid}, not by you or root`);
  if (stats.mode & 0o022) refuse("it is writable by other users");
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    let info: Stats | undefined;
    try {
      info = statSync(dir);
    } catch {
      info = undefined;
    }
    if (info === undefined) refuse(`its folder ${dir} cannot be checked`);
    const folder = info as Stats;
    if (!trustedOwner(folder.uid)) refuse(`its folder ${dir} is owned by user ${folder.uid}, not by you or root`);
    if (folder.mode & 0o022 && !(folder.mode & 0o1000)) refuse(`its folder ${dir} is writable by other users`);
    if (dirname(dir) === dir) return;
  }
}

function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `not valid JSON: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKey(where: string, key: string, known: readonly string[]): string {
  const hint = didYouMean(closest(key, known));
  return `unknown setting '${where}${key}'${hint ? `: ${hint}` : ""} (known: ${known.join(", ")})`;
}

/**
 * Checks the shape of a configuration object and returns it typed. Rule ids are not checked here
 * (the registry is the linter's): see `lint`'s handling of unknown rule ids.
 */
export function validateConfig(value: unknown, path: string): QatconfConfig {
  if (!isObject(value)) throw new ConfigError(path, "the configuration must be a JSON object");
  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key)) throw new ConfigError(path, unknownKey("", key, TOP_KEYS));
  }
  const out = validateSettings(value, path);
  if (value.overrides !== undefined) out.overrides = validateOverrides(value.overrides, path);
  return out;
}

/**
 * An override is a partial of the per-file settings, checked by the same code as the top level:
 * a setting added there works in `overrides` with nothing more.
 */
function validateOverrides(overrides: unknown, path: string): ConfigOverride[] {
  if (!Array.isArray(overrides)) throw new ConfigError(path, "'overrides' must be an array of objects");
  return overrides.map((entry: unknown, i) => {
    const where = `overrides[${i}]`;
    if (!isObject(entry)) throw new ConfigError(path, `'${where}' must be an object with "files" and settings`);
    const { files, ...settings } = entry;
    const globs = typeof files === "string" ? [files] : files;
    if (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === "string" && g !== "")) {
      throw new ConfigError(path, `'${where}.files' must be a glob or a non-empty array of globs`);
    }
    const known = TOP_KEYS.filter((k) => !FILE_ONLY_KEYS.includes(k));
    for (const key of Object.keys(settings)) {
      if (!known.includes(key)) throw new ConfigError(path, unknownKey(`${where}.`, key, ["files", ...known]));
    }
    return { files: globs as string[], ...validateSettings(settings, path) };
  });
}

/** The per-file settings of a configuration object (its keys already checked). */
function validateSettings(value: Record<string, unknown>, path: string): QatconfConfig {
  const out: QatconfConfig = {};
  if (value.rules !== undefined) out.rules = validateRules(value.rules, path);
  if (value.device !== undefined) {
    if (typeof value.device !== "string") throw new ConfigError(path, "'device' must be a device family name");
    out.device = value.device;
  }
  if (value.cpus !== undefined) {
    if (typeof value.cpus !== "number" || !Number.isInteger(value.cpus) || value.cpus < 1) {
      throw new ConfigError(path, "'cpus' must be a whole number of at least 1");
    }
    out.cpus = value.cpus;
  }
  for (const key of ["driver", "pfServicesEnabled"] as const) {
    const setting = value[key];
    if (setting === undefined) continue;
    if (typeof setting !== "string") throw new ConfigError(path, `'${key}' must be a string`);
    out[key] = setting;
  }
  if (value.consumers !== undefined) out.consumers = validateConsumers(value.consumers, path);
  if (value.format !== undefined) out.format = validateFormat(value.format, path);
  return out;
}

function validateConsumers(value: unknown, path: string): Consumer[] {
  if (!Array.isArray(value))
    throw new ConfigError(path, "'consumers' must be an array of { name, section, processes }");
  return value.map((item, i) => validateConsumer(item, `consumers[${i}]`, path));
}

function validateConsumer(item: unknown, where: string, path: string): Consumer {
  if (!isObject(item)) throw new ConfigError(path, `'${where}' must be an object`);
  for (const key of Object.keys(item)) {
    if (!CONSUMER_KEYS.includes(key)) throw new ConfigError(path, unknownKey(`${where}.`, key, CONSUMER_KEYS));
  }
  const { name, section, processes, services, reload } = item;
  if (typeof name !== "string" || name === "") throw new ConfigError(path, `'${where}.name' must be a name`);
  if (typeof processes !== "number" || !Number.isInteger(processes) || processes < 1) {
    throw new ConfigError(path, `'${where}.processes' must be a whole number of at least 1`);
  }
  if (section !== undefined && typeof section !== "string")
    throw new ConfigError(path, `'${where}.section' must be a section name`);
  if (services !== undefined && typeof services !== "string")
    throw new ConfigError(path, `'${where}.services' must be a string such as "asym;sym"`);
  if (reload !== undefined && typeof reload !== "boolean")
    throw new ConfigError(path, `'${where}.reload' must be true or false`);
  const consumer = consumerOf({
    name,
    processes,
    ...(section === undefined ? {} : { section }),
    ...(services === undefined ? {} : { services }),
    ...(reload === undefined ? {} : { reload }),
  });
  if (typeof consumer === "string") throw new ConfigError(path, consumer);
  return consumer;
}

/**
 * The settings `file` gets from `config`: its top level, then each override whose `files` match
 * the file's path relative to the configuration's folder (or, for a glob without `/`, its name).
 */
export function settingsForFile(config: LoadedConfig, file: string): FileSettings {
  const { overrides, path, ...base } = config;
  if (!overrides || overrides.length === 0) return base;
  const absolute = resolvedPath(file);
  const folder = path === undefined ? process.cwd() : dirname(path);
  const relativePath = relative(folder, absolute).split(sep).join("/");
  const name = basename(absolute);
  let settings: FileSettings = base;
  for (const { files, ...override } of overrides) {
    const hit = files.some((glob) => {
      const pattern = glob.startsWith("./") ? glob.slice(2) : glob;
      return pattern.includes("/") ? matchesGlob(relativePath, pattern) : matchesGlob(name, pattern);
    });
    if (hit) settings = mergeSettings(settings, override);
  }
  return settings;
}

/** `over` on top of `base`: a value replaces, an object is merged key by key (`rules`, `format`). */
function mergeSettings(base: FileSettings, over: FileSettings): FileSettings {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = isObject(under) && isObject(value) ? { ...under, ...value } : value;
  }
  return out as FileSettings;
}

function validateRules(rules: unknown, path: string): Record<string, RuleSetting> {
  if (!isObject(rules)) throw new ConfigError(path, "'rules' must be an object of rule id to severity");
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules)) {
    if (UNCONFIGURABLE_RULES.has(id) && setting !== "error") {
      throw new ConfigError(
        path,
        `rule '${id}' cannot be changed: a file with syntax errors is not what the driver reads (fix the line instead)`,
      );
    }
    if (typeof setting !== "string" || !SEVERITIES.includes(setting as RuleSetting)) {
      throw new ConfigError(path, `rule '${id}': severity must be one of ${SEVERITIES.join(", ")}`);
    }
    out[id] = setting as RuleSetting;
  }
  return out;
}

function validateFormat(format: unknown, path: string): NonNullable<QatconfConfig["format"]> {
  if (!isObject(format)) throw new ConfigError(path, "'format' must be an object");
  for (const key of Object.keys(format)) {
    if (!FORMAT_KEYS.includes(key)) throw new ConfigError(path, unknownKey("format.", key, FORMAT_KEYS));
  }
  const align = format.alignEquals;
  if (align !== undefined && typeof align !== "boolean") {
    throw new ConfigError(path, "'format.alignEquals' must be true or false");
  }
  return align === undefined ? {} : { alignEquals: align };
}
