/**
 * The project configuration of qatconf: `.qatconf.json`, or a `qatconf` key in `package.json`, found
 * from a linted file's folder upwards (the nearest one wins, as with eslint's flat lookup stopping at
 * the first hit). It turns rules off or changes their severity, and sets formatter options.
 *
 * ```json
 * { "rules": { "unknown-key": "off", "ring-budget": "warning" }, "format": { "alignEquals": true } }
 * ```
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, join, matchesGlob, relative, resolve, sep } from "node:path";
import { closest, didYouMean } from "./suggest.ts";
import type { RuleSetting } from "./types.ts";

/** The settings of a `.qatconf.json` file (or a `qatconf` key in `package.json`). */
export interface QatconfConfig {
  /** Per-rule severity, or `off`. Rule ids are checked against the rule registry by the linter. */
  rules?: Record<string, RuleSetting>;
  /** Device family to assume when a file's name does not say (`--device` overrides it). */
  device?: string;
  /** Logical CPUs of the target host, for CoreAffinity checks (`--cpus` overrides it). */
  cpus?: number;
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
const TOP_KEYS = ["rules", "device", "cpus", "format", "overrides", "$schema"];
/** Keys that are about the configuration file, not the settings of a file: not allowed in an override. */
const FILE_ONLY_KEYS = ["overrides", "$schema"];
const FORMAT_KEYS = ["alignEquals"];

// One lookup per folder per process: linting a thousand files of one repository reads the
// configuration once, not a thousand times.
const cache = new Map<string, Promise<LoadedConfig>>();

/**
 * Finds and loads the configuration that applies to `file`: the nearest `.qatconf.json`, or
 * `package.json` with a `qatconf` key, in the file's folder or above. Returns `{}` when there is none.
 * Throws {@link ConfigError} when the nearest one is malformed: a silently ignored setting is how a
 * rule the user turned off comes back at 3 a.m.
 */
export function loadConfig(file: string): Promise<LoadedConfig> {
  return loadFromDir(dirname(resolve(file)));
}

function loadFromDir(dir: string): Promise<LoadedConfig> {
  let pending = cache.get(dir);
  if (!pending) {
    pending = readDir(dir);
    cache.set(dir, pending);
  }
  return pending;
}

async function readDir(dir: string): Promise<LoadedConfig> {
  const own = join(dir, ".qatconf.json");
  const ownText = readOptional(own);
  if (ownText !== undefined) return { ...validateConfig(parseJson(own, ownText), own), path: own };
  const pkg = join(dir, "package.json");
  const pkgText = readOptional(pkg);
  if (pkgText !== undefined) {
    const json = parseJson(pkg, pkgText);
    if (isObject(json) && "qatconf" in json) return { ...validateConfig(json.qatconf, `${pkg} (qatconf)`), path: pkg };
  }
  const parent = dirname(dir);
  return parent === dir ? {} : loadFromDir(parent);
}

// Synchronous, and a missing file found without an exception: a repository of one folder per host
// asks this of every folder, and most have no configuration of their own.
function readOptional(path: string): string | undefined {
  try {
    if (!statSync(path, { throwIfNoEntry: false })) return undefined;
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new ConfigError(path, `cannot read: ${code ?? String(error)}`);
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
  if (value.format !== undefined) out.format = validateFormat(value.format, path);
  return out;
}

/**
 * The settings `file` gets from `config`: its top level, then each override whose `files` match
 * the file's path relative to the configuration's folder (or, for a glob without `/`, its name).
 */
export function settingsForFile(config: LoadedConfig, file: string): FileSettings {
  const { overrides, path, ...base } = config;
  if (!overrides || overrides.length === 0) return base;
  const absolute = resolve(file);
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
