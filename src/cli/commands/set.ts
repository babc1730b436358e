/** `qatconf set`: change or add values, keeping each line's layout. */
import type { Command } from "commander";
import type { Assignment } from "../../edit/set.ts";
import { addEditOptions, type EditCommandOptions, runEdit } from "../edit-command.ts";
import { EXIT_USAGE } from "../exit-codes.ts";

export function register(program: Command): void {
  const command = program
    .command("set")
    .description("set values: SECTION.KEY=VALUE changes the key in place, or adds it (and the section)")
    .argument("<file>", "configuration file ('-' reads stdin)")
    .argument("<assignments...>", "SECTION.KEY=VALUE, e.g. GENERAL.ServicesEnabled=dc or SSL.NumProcesses=4");
  addEditOptions(command)
    .addHelpText(
      "after",
      "\nAn existing value is replaced in place (spacing, quotes and comment kept); a new key goes after\n" +
        "the section's last entry. Exit codes: 0 done, 1 refused (rings or lint), 2 usage, I/O, syntax errors.",
    )
    .action(async (file: string, args: string[], options: EditCommandOptions) => {
      const { parseAssignment, setValues } = await import("../../edit/set.ts");
      const assignments: Assignment[] = [];
      for (const arg of args) {
        const parsed = parseAssignment(arg);
        if (typeof parsed === "string") {
          process.stderr.write(`qatconf set: ${parsed}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        assignments.push(parsed);
      }
      process.exitCode = await runEdit("set", file, options, (text, editOptions) =>
        setValues(text, assignments, editOptions),
      );
    });
}
