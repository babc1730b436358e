/** What `qatconf explain` does: read one file, run the ring allocator on it, print its map. */
import { resolve } from "node:path";
import { view } from "../config/view.ts";
import { readText, STDIN_NAME } from "../io/read-text.ts";
import { ConfigError } from "../lint/config.ts";
import { resolveDevice } from "../lint/lint.ts";
import { allocate } from "../model/allocator.ts";
import { familyNames, findFamily } from "../model/devices.ts";
import { deviceConfig } from "../model/instances.ts";
import { parse } from "../syntax/parse.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { explainJson, explainTable } from "./explain-map.ts";
import { settingsFor, unknownDevice } from "./lint-settings.ts";
import { formatDiagnostics } from "./output.ts";

/** The options of `qatconf explain`. */
export interface ExplainOptions {
  device?: string;
  stdinFilename?: string;
  format: "table" | "json";
}

function fail(message: string): number {
  process.stderr.write(`qatconf: ${message}\n`);
  return EXIT_USAGE;
}

/** Runs `qatconf explain FILE` and returns its exit code. */
export async function explain(file: string, options: ExplainOptions): Promise<number> {
  const isStdin = file === "-";
  const name = isStdin ? (options.stdinFilename ?? STDIN_NAME) : file;
  if (options.device !== undefined && !findFamily(options.device)) {
    return fail(`--device: ${unknownDevice(options.device)}`);
  }
  let device: string | undefined;
  let text: string;
  try {
    const settingsPath = resolve(isStdin ? (options.stdinFilename ?? "stdin") : file);
    ({ device } = await settingsFor(
      settingsPath,
      options.device === undefined ? {} : { device: options.device },
      undefined,
    ));
    text = await readText(file, { named: true });
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : `${name}: ${(error as Error).message}`);
  }
  const document = parse(text, { fileName: name });
  const { family, isVf } = resolveDevice({ fileName: name, ...(device === undefined ? {} : { device }) });
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
  const config = deviceConfig(semantic, family, isVf);
  const result = allocate(config);
  const map = explainJson(name, config, result);
  process.stdout.write(options.format === "json" ? `${JSON.stringify(map, null, 2)}\n` : explainTable(map));
  // Exit 1 when the driver would not build this map as shown: a line it cannot read, or an instance without rings.
  return result.fits && syntaxErrors.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}
