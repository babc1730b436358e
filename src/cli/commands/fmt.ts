/** `qatconf fmt`: lay files out canonically, changing whitespace only. */
import type { Command } from "commander";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";
import type { FmtJob, FmtOutcome, FmtTask } from "../fmt-file.ts";
import { wholeNumber } from "./lint.ts";

interface FmtOptions {
  check?: boolean;
  diff?: boolean;
  write?: boolean;
  backup?: boolean | string;
  force?: boolean;
  jobs?: number;
}

export function register(program: Command): void {
  program
    .command("fmt")
    .description("format configuration files (whitespace only: the driver reads the same values)")
    .argument("[files...]", "configuration files; '-' or nothing reads stdin")
    .option("--check", "change nothing; exit 1 and list the files that are not formatted")
    .option("--diff", "change nothing; print a unified diff and exit 1 if a file is not formatted")
    .option("-w, --write", "format the files in place (atomically, keeping their mode)")
    .option("--backup [suffix]", "with --write, keep the original as FILE<suffix> (default .bak)")
    .option("--force", "format even a file with syntax errors (its broken lines are left as written)")
    .option("-j, --jobs <n>", "threads to work on (default: chosen by the number of files and cores)", wholeNumber(1))
    .addHelpText(
      "after",
      "\nExit codes: 0 formatted (or printed), 1 a file would change (--check, --diff),\n" +
        "2 usage or I/O error, or a file with syntax errors (never rewritten without --force).\n" +
        'Set "format": { "alignEquals": true } in .qatconf.json to align \'=\' within each block.',
    )
    .action(async (files: string[], options: FmtOptions) => {
      process.exitCode = await fmt(files.length === 0 ? ["-"] : files, options);
    });
}

async function fmt(files: string[], options: FmtOptions): Promise<number> {
  const [{ STDIN, readInput }, { loadConfig, settingsForFile }, { fmtFile, fmtFailure }, { runTasks, threadCount }] =
    await Promise.all([
      import("../output.ts"),
      import("../../lint/config.ts"),
      import("../fmt-file.ts"),
      import("../pool.ts"),
    ]);
  const printsText = !options.check && !options.diff && !options.write;
  if (printsText && files.length > 1) {
    return fail("several files would be printed one after another: use --write, --check or --diff");
  }
  if (options.write && files.includes(STDIN)) return fail("--write needs files, not stdin");
  // Each file gets its task, or the outcome of the error that kept it from being one.
  const slots: Array<FmtTask | FmtOutcome> = [];
  for (const file of files) {
    try {
      const task: FmtTask = { file };
      if (file === STDIN) task.text = await readInput(file);
      const settingsPath = file === STDIN ? "stdin.conf" : file;
      const alignEquals = settingsForFile(await loadConfig(settingsPath), settingsPath).format?.alignEquals;
      if (alignEquals !== undefined) task.alignEquals = alignEquals;
      slots.push(task);
    } catch (error) {
      slots.push(fmtFailure((error as Error).message));
    }
  }
  const tasks = slots.filter((s): s is FmtTask => "file" in s);
  const job: FmtJob = {};
  for (const key of ["check", "diff", "write", "backup", "force"] as const) {
    if (options[key] !== undefined) Object.assign(job, { [key]: options[key] });
  }
  const done = await runTasks(tasks, threadCount(options.jobs, tasks.length), { kind: "fmt", options: job }, (task) =>
    fmtFile(task, job),
  );
  let exit = EXIT_OK;
  let t = 0;
  for (const slot of slots) {
    const outcome = "file" in slot ? (done[t++] as FmtOutcome) : slot;
    if (outcome.stderr) process.stderr.write(outcome.stderr);
    if (outcome.stdout) process.stdout.write(outcome.stdout);
    exit = Math.max(exit, outcome.exit);
  }
  return exit;
}

function fail(message: string): number {
  process.stderr.write(`qatconf fmt: ${message}\n`);
  return EXIT_USAGE;
}
