/** `qatconf fmt`: lay files out canonically, changing whitespace only. */
import { type Command, Option } from "commander";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";
import type { FmtJob, FmtOutcome, FmtTask } from "../fmt-file.ts";
import { wholeNumber } from "./lint.ts";

/** The options of `qatconf fmt`: what each file's task does, and the threads to run them on. */
interface FmtOptions extends FmtJob {
  jobs?: number;
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
    .option("-j, --jobs <n>", "threads to work on (default: chosen by the number of files and cores)", wholeNumber(1))
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
  const [{ STDIN, readText }, { discoverSync }, { fmtFile, fmtFailure }, pool, { writeFd }, configs] =
    await Promise.all([
      import("../../io/read-text.ts"),
      import("../files.ts"),
      import("../fmt-file.ts"),
      import("../pool.ts"),
      import("../stdio.ts"),
      import("../../lint/config.ts"),
    ]);
  // Every line goes to the file descriptor as the report does (stdio.ts), never to a stream.
  const fail = (message: string): number => {
    writeFd(2, `qatconf fmt: ${message}\n`);
    return EXIT_USAGE;
  };
  if (paths.length === 0) return fail("nothing to format: name files, directories or globs, or '-' to read stdin");
  if (options.write && paths.includes(STDIN)) return fail("--write needs files, not stdin");
  const { files, special, errors, withoutConfig } = discoverSync(paths, process.cwd());
  const printsText = !options.check && !options.diff && !options.write;
  if (printsText && files.length > 1) {
    return fail("several files would be printed one after another: use --write, --check or --diff");
  }
  let exit = errors.length > 0 ? EXIT_USAGE : EXIT_OK;
  for (const e of errors) fail(`${e.path}: ${e.reason}`);
  // Each file gets its task, or the outcome of the error that kept it from being one.
  const slots: Array<FmtTask | FmtOutcome> = [];
  for (const file of files) {
    try {
      const task = fmtTask(file, file === STDIN ? "stdin.conf" : file, withoutConfig, configs);
      // Stdin, and a FIFO or device the user named, are read here (the strict reader, on this
      // thread); regular files are read where they are formatted.
      if (special.has(file)) task.text = await readText(file, { named: true });
      slots.push(task);
    } catch (error) {
      slots.push(fmtFailure(`${file}: ${(error as Error).message}`));
    }
  }
  const tasks = slots.filter((s): s is FmtTask => "file" in s);
  const job: FmtJob = {};
  for (const key of ["check", "diff", "write", "backup", "force", "kind"] as const) {
    if (options[key] !== undefined) Object.assign(job, { [key]: options[key] });
  }
  const done = await pool.runTasks(
    tasks,
    pool.threadCount(options.jobs, tasks.length, "fmt"),
    { kind: "fmt", options: job },
    (task) => fmtFile(task, job),
  );
  // Stdout goes out in pieces of up to 64 KB, not a write per file (`--check` lists thousands),
  // and always before the next message on stderr, so that a terminal shows both in order.
  let pending = "";
  let t = 0;
  for (const slot of slots) {
    const outcome = "file" in slot ? (done[t++] as FmtOutcome) : slot;
    if (outcome.stderr) {
      writeFd(1, pending);
      pending = "";
      writeFd(2, outcome.stderr);
    }
    pending += outcome.stdout;
    if (pending.length >= 65536) {
      writeFd(1, pending);
      pending = "";
    }
    exit = Math.max(exit, outcome.exit);
  }
  writeFd(1, pending);
  return exit;
}

/** One file's task: its `alignEquals`, from the configuration that applies at `settingsPath`. */
function fmtTask(
  file: string,
  settingsPath: string,
  withoutConfig: ReadonlySet<string>,
  { loadConfig, settingsForFile }: typeof import("../../lint/config.ts"),
): FmtTask {
  const task: FmtTask = { file };
  const alignEquals = settingsForFile(loadConfig(settingsPath, withoutConfig), settingsPath).format?.alignEquals;
  if (alignEquals !== undefined) task.alignEquals = alignEquals;
  return task;
}
