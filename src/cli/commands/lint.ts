/** `qatconf lint`: report what the driver would reject or silently ignore. */
import { type Command, InvalidArgumentError, Option } from "commander";
import { type Consumer, parseConsumer } from "../../model/consumers.ts";
import type { CacheStrategy, LintCommandOptions } from "../lint-run.ts";
import { addModelOptions } from "../model-options.ts";

/** The `--kind` names: by default a path ending in sysconfig/qat is qatlib's, any other the driver's. */
export const KINDS = ["driver", "qatlib"] as const;

/** The `--format` names (the reporters' index is loaded only when a report is rendered). */
const FORMATS = ["stylish", "json", "sarif", "github"] as const;

/** Parses `--consumer`, collecting repeats; commander turns the throw into exit 2. */
function consumerOption(value: string, previous: Consumer[] = []): Consumer[] {
  const consumer = parseConsumer(value);
  if (typeof consumer === "string") throw new InvalidArgumentError(consumer);
  return [...previous, consumer];
}

/** Parses a whole number of at least `min` for an option; commander turns the throw into exit 2. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    }
    return n;
  };
}

export function register(program: Command): void {
  const command = program
    .command("lint")
    .description("check configuration files for what the driver would reject or silently ignore")
    .argument(
      "[paths...]",
      "files, directories (walked for *_dev*.conf, *.conf.vm and sysconfig/qat), globs, or '-' for stdin",
    )
    .addOption(new Option("-f, --format <name>", "report format").choices(FORMATS).default("stylish"))
    .option("--stdin-filename <name>", "the name stdin is linted as (its device family and PF/VF role)")
    .option("--device <family>", "device family (c6xx, 4xxx, c6xxvf, ...), overriding file names and .qatconf.json")
    .addOption(
      new Option("--kind <kind>", "read the files as the driver's INI files or qatlib's /etc/sysconfig/qat").choices(
        KINDS,
      ),
    )
    .option("--cpus <n>", "logical CPUs of the target host, for CoreAffinity checks", wholeNumber(1))
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", wholeNumber(0))
    .option("-q, --quiet", "report errors only (warnings still count for --max-warnings)")
    .option("--fix", "apply the safe fixes in place (atomically; never to a file with syntax errors)")
    .option("--unsafe-fixes", "with --fix: apply the unsafe fixes too (a nearest name or value: check the result)")
    .option("-c, --config <path>", "use this .qatconf.json instead of the nearest one")
    .option(
      "--consumer <name:section:processes[:services]>",
      "a program that uses the files (nginx:SHIM:16, qatzip:SHIM:8, ceph:CEPH:8:dc); repeatable",
      consumerOption,
    )
    .option("--cache", "do not lint again a file whose text and settings are unchanged since the last run")
    .option(
      "--cache-location <path>",
      "the cache file, or a folder for it (default: ~/.cache/qatconf); implies --cache",
    )
    .addOption(
      new Option(
        "--cache-strategy <strategy>",
        "how an unchanged file is known: by its size, times and inode, reading only what changed (metadata, the default), or by reading every file (content); implies --cache",
      ).choices(["metadata", "content"] satisfies CacheStrategy[]),
    )
    .option("-j, --jobs <n>", "threads to lint on (default: chosen by the number of files and cores)", wholeNumber(1))
    .addHelpText(
      "after",
      "\nqatlib's /etc/sysconfig/qat is recognised by its path (or --kind qatlib); --device 4xxx|420xx|6xxx\n" +
        "checks its ServicesEnabled against that generation.\n" +
        "Paths: '-' reads stdin (give --stdin-filename c6xx_dev0.conf for its device family); nothing is\n" +
        "read from stdin unless '-' is given. A directory or glob that finds no file is an error.\n" +
        "Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings,\n" +
        "2 usage or I/O error (missing, unreadable or non-text file, bad .qatconf.json).\n" +
        "Colours: on a terminal only; NO_COLOR=1 turns them off, FORCE_COLOR=1 on.",
    );
  addModelOptions(command).action(async function (this: Command, paths: string[]) {
    const [{ runLint }, { shouldColor }, { isTerminal, writeFd }] = await Promise.all([
      import("../lint-run.ts"),
      import("../color.ts"),
      import("../stdio.ts"),
    ]);
    process.exitCode = await runLint(paths, this.opts<LintCommandOptions>(), {
      cwd: process.cwd(),
      version: this.parent?.version() ?? "0.0.0",
      color: shouldColor(process.env, isTerminal(1)),
      stdout: (text) => writeFd(1, text),
      stderr: (text) => writeFd(2, text),
    });
  });
}
