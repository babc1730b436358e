/** `qatconf explain`: the ring allocator's map of a configuration file. */
import { type Command, Option } from "commander";
import type { ExplainOptions } from "../explain-command.ts";
import { addModelOptions } from "../model-options.ts";

export function register(program: Command): void {
  const command = program
    .command("explain")
    .description("show which instance sits in which bank and ring slot, what is free, and what does not fit")
    .argument("<file>", "a configuration file, or '-' for stdin")
    .option("--device <family>", "device family (c6xx, 4xxx, c6xxvf, ...), when the file name does not say")
    .option("--stdin-filename <name>", "the name stdin is read as (its device family and PF/VF role)")
    .addOption(
      new Option("-f, --format <format>", "output format (svg, html: the map as a picture)")
        .choices(["table", "json", "svg", "html"])
        .default("table"),
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 the driver configures the device (every instance gets rings), 1 it does not\n" +
        "(each instance without rings is named with its line, then the driver's own messages), or the\n" +
        "file has syntax errors (the map skips those lines) or no [GENERAL] section (an empty file),\n" +
        "2 usage or I/O error (unknown device, missing or non-text file).",
    );
  addModelOptions(command).action(async (file: string, options: ExplainOptions) => {
    const { explain } = await import("../explain-command.ts");
    process.exitCode = await explain(file, options);
  });
}
