/** `qatconf enable-sriov`: prepare a PF file for SR-IOV (Intel application note 330689). */
import type { Command } from "commander";
import { addEditOptions, type EditCommandOptions, runEdit } from "../edit-command.ts";

export function register(program: Command): void {
  const command = program
    .command("enable-sriov")
    .description("prepare a PF file for SR-IOV: SRIOV_Enabled = 1, no kernel instances, user sections commented out")
    .argument("<file>", "the PF's configuration file ('-' reads stdin)");
  addEditOptions(command)
    .addHelpText(
      "after",
      "\nWhile SR-IOV is on, the PF creates no instances: its user sections are kept, commented out under\n" +
        "an explanation, for the guests' VF files (see qatconf vf-config). Running it twice changes nothing.\n" +
        "Exit codes: 0 done, 1 refused (lint), 2 usage, I/O, a VF file, syntax errors.",
    )
    .action(async (file: string, options: EditCommandOptions) => {
      const { enableSriov } = await import("../../linted-edits.ts");
      process.exitCode = await runEdit("enable-sriov", file, options, (text, editOptions) =>
        enableSriov(text, editOptions),
      );
    });
}
