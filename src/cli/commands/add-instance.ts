/** `qatconf add-instance`: add instances to a section, in the style of those already there. */
import type { Command } from "commander";
import {
  addEditOptions,
  type EditCommandOptions,
  type NewInstanceOptions,
  pollMode,
  runEdit,
  wholeNumber,
} from "../edit-command.ts";

type AddInstanceOptions = EditCommandOptions & NewInstanceOptions;

export function register(program: Command): void {
  const command = program
    .command("add-instance")
    .description("add crypto and compression instances to a section, checked against the device's rings")
    .argument("<file>", "configuration file ('-' reads stdin)")
    .option("--cy <n>", "crypto instances to add (Cy<N> keys)", wholeNumber)
    .option("--dc <n>", "compression instances to add (Dc<N> keys)", wholeNumber)
    .option(
      "--section <name>",
      "section to add to (default: the file's only user section, else SSL; created when missing)",
    )
    .option("--processes <n>", "set NumProcesses: how many processes get a copy of the section", wholeNumber)
    .option("--polled <mode>", "IsPolled of the new instances: 1 poll, 2 epoll (default: as the section's)", pollMode)
    .option(
      "--core-affinity <cpus>",
      "CoreAffinity: 'auto' (next CPUs after the section's) or a value to write",
      "auto",
    )
    .option(
      "--name-prefix <prefix>",
      "name the instances <prefix><N> (default: the prefix the section's names follow)",
    );
  addEditOptions(command)
    .addHelpText(
      "after",
      "\nEvery new instance copies the lines of one already there (comments, key order, spacing, quoting).\n" +
        "A request the device's rings cannot hold is refused with the bank and budget named, exit 1.\n" +
        "There are no --sym/--asym options: the driver's files declare Cy and Dc instances only; with\n" +
        "ServicesEnabled = sym, asym or asym;sym (QAT 2.0), a Cy instance takes sym and/or asym rings.\n" +
        "Exit codes: 0 done, 1 refused (rings or lint), 2 usage, I/O, syntax errors (see --force).",
    )
    .action(async (file: string, options: AddInstanceOptions) => {
      const { addInstances } = await import("../../linted-edits.ts");
      process.exitCode = await runEdit("add-instance", file, options, (text, editOptions) =>
        addInstances(
          text,
          {
            ...(options.cy === undefined ? {} : { cy: options.cy }),
            ...(options.dc === undefined ? {} : { dc: options.dc }),
            ...(options.section === undefined ? {} : { section: options.section }),
            ...(options.processes === undefined ? {} : { processes: options.processes }),
            ...(options.polled === undefined ? {} : { polled: options.polled }),
            ...(options.coreAffinity === undefined ? {} : { coreAffinity: options.coreAffinity }),
            ...(options.namePrefix === undefined ? {} : { namePrefix: options.namePrefix }),
          },
          editOptions,
        ),
      );
    });
}
