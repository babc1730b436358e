/** The reporters `qatconf lint --format` offers, by name. */
import { github } from "./github.ts";
import { json } from "./json.ts";
import { sarif } from "./sarif.ts";
import { stylish } from "./stylish.ts";
import type { Reporter } from "./types.ts";

export type { FileReport, Reporter, ReporterOptions, RuleMeta } from "./types.ts";

/** Every reporter, by its `--format` name; the first is the default. */
export const REPORTERS = { stylish, json, sarif, github } satisfies Record<string, Reporter>;

/** A `--format` name. */
export type ReporterName = keyof typeof REPORTERS;

/** The `--format` names, default first. */
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];
