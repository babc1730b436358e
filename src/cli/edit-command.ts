/**
 * What the editing commands (add-instance, remove-instance, set, enable-sriov) share: read the file,
 * apply the project's lint settings, run the editor, explain a refusal, and hand the new text back
 * as asked (stdout, `--diff`, or an atomic `--write`). Exit codes: 0 done, 1 refused (the budget or
 * the linter says no), 2 usage, I/O, syntax errors in the file or a request that does not apply.
 */
import { type Command, InvalidArgumentError } from "commander";
import type { EditOptions, EditResult, Refusal } from "../edit/result.ts";
import { isQatlibPath } from "../syntax/kind.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.ts";
import { addModelOptions, type ModelCommandOptions } from "./model-options.ts";
import { addOutputOptions, type OutputOptions } from "./output.ts";

/** Options every editing command takes. */
export interface EditCommandOptions extends OutputOptions, ModelCommandOptions {
  force?: boolean;
  device?: string;
}

/**
 * Adds the options of {@link EditCommandOptions} to an editing command: `--device`, then the output
 * options (`--diff`, `--write`, `--backup`, `--force`). Returns the command for chaining.
 */
export function addEditOptions(command: Command): Command {
  return addOutputOptions(
    addModelOptions(
      command.option("--device <family>", "device family when the file name does not say (c6xx, c6xxvf, 4xxx, ...)"),
    ),
  );
}

/** The options describing new instances, shared by add-instance and vf-config. */
export interface NewInstanceOptions {
  cy?: number;
  dc?: number;
  section?: string;
  processes?: number;
  polled?: number;
  coreAffinity?: string;
  namePrefix?: string;
}

/** The exit code of a refusal: the file or request is at fault (2), or the result would be (1). */
export function refusalExit(refusal: Refusal): number {
  return refusal.kind === "budget" || refusal.kind === "lint" ? EXIT_FINDINGS : EXIT_USAGE;
}

/** Writes a refusal, its findings and its hint to stderr. */
export async function reportRefusal(command: string, file: string, result: EditResult): Promise<void> {
  const { formatDiagnostics } = await import("./output.ts");
  const refusal = result.refusal as Refusal;
  process.stderr.write(formatDiagnostics(file, result.diagnostics));
  process.stderr.write(`qatconf ${command}: ${file}: refused: ${refusal.message}\n`);
  if (refusal.hint) process.stderr.write(`  hint: ${refusal.hint}\n`);
}

/** Writes an edit's notes to stderr. */
export function reportNotes(command: string, result: EditResult): void {
  for (const note of result.notes) process.stderr.write(`qatconf ${command}: note: ${note}\n`);
}

/**
 * Runs an editor on one file and hands the result back. Never throws: every failure is reported
 * on stderr and becomes the exit code.
 */
export async function runEdit(
  command: string,
  file: string,
  options: EditCommandOptions,
  edit: (text: string, options: EditOptions) => EditResult,
): Promise<number> {
  const [{ readText, ioReason }, { settingsFor, unknownDevice }, { emit, STDIN }, { findFamily }] = await Promise.all([
    import("../io/read-text.ts"),
    import("./lint-settings.ts"),
    import("./output.ts"),
    import("../model/devices.ts"),
  ]);
  if (options.write && file === STDIN) return usage(command, "--write needs a file, not stdin");
  const qatlib = isQatlibPath(file);
  // The instance and SR-IOV editors know the driver's INI files only; set knows qatlib's too.
  if (command !== "set" && qatlib) {
    return usage(
      command,
      `${file} is qatlib's file: ${command} edits the out-of-tree driver's <device>_devN.conf (qatconf set ${file} KEY=VALUE edits this one)`,
    );
  }
  // As in lint: an unknown family would silently turn off every check that needs the device's
  // rings (qatlib's file may name a generation the ring model lacks, such as 6xxx).
  if (!qatlib && options.device !== undefined && !findFamily(options.device)) {
    return usage(command, `--device: ${unknownDevice(options.device)}`);
  }
  let text: string;
  let editOptions: EditOptions;
  try {
    text = await readText(file, { named: true });
    const { device, driver, pfServices } = options;
    const settings = settingsFor(file, { device, driver, pfServices }, undefined);
    editOptions = {
      ...(file === STDIN ? {} : { fileName: file }),
      ...(settings.device === undefined ? {} : { device: settings.device }),
      ...(options.force ? { force: true } : {}),
      lint: {
        ...(settings.rules === undefined ? {} : { rules: settings.rules }),
        ...(settings.cpus === undefined ? {} : { cpus: settings.cpus }),
        ...(settings.driver === undefined ? {} : { driver: settings.driver }),
        ...(settings.pfServicesEnabled === undefined ? {} : { pfServicesEnabled: settings.pfServicesEnabled }),
      },
    };
  } catch (error) {
    return usage(command, `${file}: ${(error as Error).message}`);
  }
  const result = edit(text, editOptions);
  if (result.refusal) {
    await reportRefusal(command, file, result);
    return refusalExit(result.refusal);
  }
  reportNotes(command, result);
  try {
    await emit(file, text, result.text, options);
  } catch (error) {
    return usage(command, `cannot write ${file}: ${ioReason(error)} (the file is unchanged)`);
  }
  return EXIT_OK;
}

function usage(command: string, message: string): number {
  process.stderr.write(`qatconf ${command}: ${message}\n`);
  return EXIT_USAGE;
}

/** Commander parser of a whole number option (`--cy 2`): anything else is a usage error. */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number.parseInt(value, 10);
}

/** Commander parser of a list of instance numbers (`--cy 1,3`), repeatable. */
export function numberList(value: string, previous: number[] = []): number[] {
  const parts = value.split(",");
  if (!parts.every((p) => /^\d+$/.test(p.trim())))
    throw new InvalidArgumentError("expected instance numbers like 1 or 1,3");
  return [...previous, ...parts.map((p) => Number.parseInt(p.trim(), 10))];
}

/** Commander parser of `--polled`: 1 (poll) or 2 (epoll), or 0 (interrupt, kernel sections). */
export function pollMode(value: string): number {
  if (!/^[012]$/.test(value))
    throw new InvalidArgumentError("expected 1 (poll), 2 (epoll) or 0 (interrupt, kernel only)");
  return Number(value);
}
