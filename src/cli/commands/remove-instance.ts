/** `qatconf remove-instance`: remove instances and renumber the rest. */
import type { Command } from "commander";
import { addEditOptions, type EditCommandOptions, numberList, runEdit } from "../edit-command.ts";

interface RemoveInstanceOptions extends EditCommandOptions {
  section: string;
  cy?: number[];
  dc?: number[];
}

export function register(program: Command): void {
  const command = program
    .command("remove-instance")
    .description("remove instances from a section; the ones after them are renumbered and the counts follow")
    .argument("<file>", "configuration file ('-' reads stdin)")
    .requiredOption("--section <name>", "the section to remove from")
    .option("--cy <n>", "crypto instance number(s) to remove: 1, or 1,3 (repeatable)", numberList)
    .option("--dc <n>", "compression instance number(s) to remove (repeatable)", numberList);
  addEditOptions(command)
    .addHelpText(
      "after",
      "\nKeys, names that follow the numbers (UserCY3) and comments naming a number (# ... instance #3)\n" +
        "are renumbered. Exit codes: 0 done, 1 refused (lint), 2 usage, I/O, no such instance, syntax errors.",
    )
    .action(async (file: string, options: RemoveInstanceOptions) => {
      const { removeInstances } = await import("../../linted-edits.ts");
      process.exitCode = await runEdit("remove-instance", file, options, (text, editOptions) =>
        removeInstances(
          text,
          {
            section: options.section,
            ...(options.cy === undefined ? {} : { cy: options.cy }),
            ...(options.dc === undefined ? {} : { dc: options.dc }),
          },
          editOptions,
        ),
      );
    });
}
