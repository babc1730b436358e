/** What `qatconf explain` does: read one file, run the ring allocator on it, print its map. */
import { resolve } from "node:path";
import { view } from "../config/view.ts";
import { readText, STDIN_NAME } from "../io/read-text.ts";
import { ConfigError } from "../lint/config.ts";
import type { LintOptions } from "../lint/types.ts";
import { allocate } from "../model/allocator.ts";
import { deviceSettings, resolveDevice } from "../model/device-options.ts";
import { familyNames, findFamily } from "../model/devices.ts";
import { deviceConfig } from "../model/instances.ts";
import type { DeviceFamily } from "../model/types.ts";
import { isQatlibPath } from "../syntax/kind.ts";
import { parse } from "../syntax/parse.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { type ExplainJson, explainJson, explainTable } from "./explain-map.ts";
import { settingsFor, unknownDevice } from "./lint-settings.ts";
import type { ModelCommandOptions } from "./model-options.ts";
import { formatDiagnostics } from "./output.ts";

/** The options of `qatconf explain`. */
export interface ExplainOptions extends ModelCommandOptions {
  device?: string;
  stdinFilename?: string;
  format: "table" | "json" | "svg" | "html";
}

function fail(message: string): number {
  process.stderr.write(`qatconf: ${message}\n`);
  return EXIT_USAGE;
}

async function render(map: ExplainJson, family: DeviceFamily, isVf: boolean, format: ExplainOptions["format"]) {
  if (format === "json") return `${JSON.stringify(map, null, 2)}\n`;
  if (format === "table") return explainTable(map);
  const { vfBudget } = await import("../render/bank-map-svg.ts");
  if (format === "svg") return (await import("../render/bank-map-svg.ts")).bankMapSvg(map, vfBudget(family, isVf));
  return (await import("../render/bank-map-html.ts")).bankMapHtml(map, vfBudget(family, isVf));
}

/** Runs `qatconf explain FILE` and returns its exit code. */
export async function explain(file: string, options: ExplainOptions): Promise<number> {
  const isStdin = file === "-";
  const name = isStdin ? (options.stdinFilename ?? STDIN_NAME) : file;
  if (isQatlibPath(name)) {
    return fail(
      `${name} is qatlib's file, which configures no rings: explain reads the out-of-tree driver's <device>_devN.conf`,
    );
  }
  if (options.device !== undefined && !findFamily(options.device)) {
    return fail(`--device: ${unknownDevice(options.device)}`);
  }
  let settings: LintOptions;
  let text: string;
  try {
    const settingsPath = resolve(isStdin ? (options.stdinFilename ?? "stdin") : file);
    const { device, driver, pfServices } = options;
    settings = settingsFor(settingsPath, { device, driver, pfServices }, undefined);
    text = await readText(file, { named: true });
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : `${name}: ${(error as Error).message}`);
  }
  const document = parse(text, { fileName: name });
  const { family, isVf, inTreeOnly } = resolveDevice({ ...settings, fileName: name });
  if (inTreeOnly) {
    return fail(
      `${name}: no out-of-tree package drives the ${inTreeOnly.name}: only the in-tree driver does, which reads no _devN.conf, so there are no rings to explain`,
    );
  }
  if (!family) {
    return fail(
      `${name}: the file name does not say which device it configures: give --device (${familyNames().join(", ")})`,
    );
  }
  const syntaxErrors = document.diagnostics.filter((d) => d.severity === "error");
  if (syntaxErrors.length > 0) {
    // The map is still what the driver would build: it skips lines it cannot read, as the view does.
    process.stderr.write(formatDiagnostics(name, syntaxErrors));
    process.stderr.write(`qatconf: ${name}: has syntax errors; the map below skips those lines, as the driver does\n`);
  }
  const semantic = view(document);
  if (semantic.section("GENERAL") === undefined) {
    // An empty file (or one without [GENERAL]) is not a configuration the driver starts: no map.
    process.stderr.write(
      `qatconf: ${name}: no [GENERAL] section, so nothing to explain: adf_ctl stops with "No GENERAL section found"\n`,
    );
    return EXIT_FINDINGS;
  }
  const config = deviceConfig(semantic, family, isVf, deviceSettings(settings));
  const result = allocate(config);
  const map = explainJson(name, config, result);
  process.stdout.write(await render(map, family, isVf, options.format));
  // Exit 1 when the driver would not configure the device as shown: a line it cannot read, an
  // instance without rings, or another stop of the driver's.
  return result.fits && !result.stop && syntaxErrors.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}
