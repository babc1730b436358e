/** `qatconf fmt`: lay files out canonically, changing whitespace only. */
import { type Command, Option } from "commander";
import type { FileKind } from "../../syntax/kind.ts";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";

interface FmtOptions {
  check?: boolean;
  diff?: boolean;
  write?: boolean;
  backup?: boolean | string;
  force?: boolean;
  kind?: FileKind;
}

export function register(program: Command): void {
  program
    .command("fmt")
    .description("format configuration files (whitespace only: the driver reads the same values)")
    .argument("[paths...]", "files, directories (walked for *_dev*.conf and *.conf.vm), globs, or '-' for stdin")
    .option("--check", "change nothing; exit 1 and list the files that are not formatted")
    .option("--diff", "change nothing; print a unified diff and exit 1 if a file is not formatted")
    .option("-w, --write", "format the files in place (atomically, keeping their mode)")
    .option("--backup [suffix]", "with --write, keep the original as FILE<suffix> (default .bak)")
    .option("--force", "format even a file with syntax errors (its broken lines are left as written)")
    .addOption(
      new Option("--kind <kind>", "read the files as the driver's INI files or qatlib's /etc/sysconfig/qat").choices([
        "driver",
        "qatlib",
      ]),
    )
    .addHelpText(
      "after",
      "\nPaths: as for lint; nothing is read from stdin unless '-' is given, so an empty file list fails.\n" +
        "Exit codes: 0 formatted (or printed), 1 a file would change (--check, --diff),\n" +
        "2 usage or I/O error, or a file with syntax errors (never rewritten without --force).\n" +
        'Set "format": { "alignEquals": true } in .qatconf.json to align \'=\' within each block.\n' +
        "qatlib's /etc/sysconfig/qat (its path, or --kind qatlib) is laid out as KEY=VALUE; lines holding\n" +
        "'ServicesEnabled=' are left as written, as qat_init.sh reads their text as it stands.",
    )
    .action(async (paths: string[], options: FmtOptions) => {
      process.exitCode = await fmt(paths, options);
    });
}

async function fmt(paths: string[], options: FmtOptions): Promise<number> {
  const [{ STDIN }, { discover }] = await Promise.all([import("../output.ts"), import("../files.ts")]);
  if (paths.length === 0) return fail("nothing to format: name files, directories or globs, or '-' to read stdin");
  if (options.write && paths.includes(STDIN)) return fail("--write needs files, not stdin");
  const { files, named, errors } = await discover(paths, process.cwd());
  const printsText = !options.check && !options.diff && !options.write;
  if (printsText && files.length > 1) {
    return fail("several files would be printed one after another: use --write, --check or --diff");
  }
  let exit = errors.length > 0 ? EXIT_USAGE : EXIT_OK;
  for (const e of errors) fail(`${e.path}: ${e.reason}`);
  for (const file of files) exit = Math.max(exit, await fmtFile(file, named.has(file), options));
  return exit;
}

function fail(message: string): number {
  process.stderr.write(`qatconf fmt: ${message}\n`);
  return EXIT_USAGE;
}

/** Formats one file as the options ask; returns its exit code. */
async function fmtFile(file: string, named: boolean, options: FmtOptions): Promise<number> {
  const [
    { format },
    { emit, unifiedDiff, formatDiagnostics, STDIN },
    { ConfigError, loadConfig },
    { readText, ioReason },
  ] = await Promise.all([
    import("../../format/format.ts"),
    import("../output.ts"),
    import("../../lint/config.ts"),
    import("../../io/read-text.ts"),
  ]);
  let text: string;
  let alignEquals: boolean | undefined;
  try {
    alignEquals = (await loadConfig(file === STDIN ? "stdin.conf" : file)).format?.alignEquals;
    text = await readText(file, { named });
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : `${file}: ${(error as Error).message}`);
  }
  const result = format(text, {
    fileName: file,
    ...(alignEquals === undefined ? {} : { alignEquals }),
    ...(options.force ? { force: true } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
  });
  process.stderr.write(formatDiagnostics(file, result.diagnostics));
  if (result.diagnostics.length > 0 && !options.force) {
    return fail(`${file} not formatted: it has syntax errors (--force formats the rest)`);
  }
  if (options.check || (options.diff && !options.write)) {
    if (!result.changed) return EXIT_OK;
    process.stdout.write(options.diff ? unifiedDiff(file, text, result.text) : `${file}\n`);
    return EXIT_FINDINGS;
  }
  try {
    await emit(file, text, result.text, options);
  } catch (error) {
    return fail(`cannot write ${file}: ${ioReason(error)}`);
  }
  return EXIT_OK;
}
