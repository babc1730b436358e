/** What `qatconf explain` does: read one file, run the ring allocator on it, print its map. */
import { resolve } from "node:path";
import { view } from "../config/view.ts";
import { ConfigError } from "../lint/config.ts";
import { resolveDevice } from "../lint/lint.ts";
import { allocate } from "../model/allocator.ts";
import { familyNames, findFamily } from "../model/devices.ts";
import { deviceConfig } from "../model/instances.ts";
import { isQatlibPath } from "../syntax/kind.ts";
import { parse } from "../syntax/parse.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { explainJson, explainTable } from "./explain-map.ts";
import { settingsFor, unknownDevice } from "./lint-settings.ts";
import { formatDiagnostic } from "./output.ts";
import { readText, STDIN_NAME } from "./text-input.ts";

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
  if (isQatlibPath(name)) {
    return fail(
      `${name} is qatlib's file, which configures no rings: explain reads the out-of-tree driver's <device>_devN.conf`,
    );
  }
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
    text = await readText(file);
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
    for (const d of syntaxErrors) process.stderr.write(formatDiagnostic(name, d));
    process.stderr.write(`qatconf: ${name}: has syntax errors; the map below skips those lines, as the driver does\n`);
  }
  const config = deviceConfig(view(document), family, isVf);
  const result = allocate(config);
  const map = explainJson(name, config, result);
  process.stdout.write(options.format === "json" ? `${JSON.stringify(map, null, 2)}\n` : explainTable(map));
  return result.fits ? EXIT_OK : EXIT_FINDINGS;
}
