/**
 * The language server's settings for a document: the project's `.qatconf.json` (the same lookup as
 * the command line) under the client's settings, which play the command line's part: `device`,
 * `cpus`, `driver` and `pfServicesEnabled` from the client win, the project's `rules` win over the client's (they are the team's
 * decision, the client's are one person's defaults). Client settings have the shape of a
 * `.qatconf.json` and are checked the same way.
 */
import { fileURLToPath } from "node:url";
import { settingsFor } from "../cli/lint-settings.ts";
import { type LoadedConfig, loadConfig, type QatconfConfig, validateConfig } from "../lint/config.ts";
import type { LintOptions } from "../lint/types.ts";

/** What a document is linted and formatted with. */
export interface DocumentSettings {
  lint: LintOptions;
  alignEquals: boolean;
  /** Why the project's configuration could not be used, when it could not (the defaults apply). */
  problem?: string;
}

/** Reads client settings (initializationOptions or workspace/configuration `qatconf`); throws ConfigError. */
export function clientSettings(value: unknown, where: string): QatconfConfig {
  if (value === undefined || value === null) return {};
  return validateConfig(value, where);
}

/** The file path of a `file:` URI; `undefined` for other schemes (an unsaved buffer). */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The name a document is linted as: its path, or the last segment of its URI (`untitled:c6xx_dev0.conf`). */
export function documentName(uri: string): string {
  const path = uriPath(uri);
  if (path !== undefined) return path;
  const last = uri.replace(/[?#].*$/, "").replace(/^.*[/:]/, "");
  try {
    return decodeURIComponent(last);
  } catch {
    // A malformed escape (`%zz`): the segment as written still names the file.
    return last;
  }
}

/** The settings of one document. Never throws: a bad project file is reported in `problem`. */
export async function documentSettings(uri: string, client: QatconfConfig): Promise<DocumentSettings> {
  const name = documentName(uri);
  const path = uriPath(uri);
  const commandLine = {
    ...(client.device === undefined ? {} : { device: client.device }),
    ...(client.cpus === undefined ? {} : { cpus: client.cpus }),
    ...(client.driver === undefined ? {} : { driver: client.driver }),
    ...(client.pfServicesEnabled === undefined ? {} : { pfServices: client.pfServicesEnabled }),
  };
  let project: LoadedConfig = {};
  let problem: string | undefined;
  let lintOptions: LintOptions = { fileName: name, ...commandLine };
  if (path !== undefined) {
    try {
      project = loadConfig(path);
      lintOptions = settingsFor(path, commandLine, project);
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  const rules = { ...client.rules, ...project.rules };
  return {
    lint: { ...lintOptions, ...(Object.keys(rules).length > 0 ? { rules } : {}) },
    alignEquals: project.format?.alignEquals ?? client.format?.alignEquals ?? false,
    ...(problem === undefined ? {} : { problem }),
  };
}
