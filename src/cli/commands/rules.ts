/** `qatconf rules`: list the rules, or print one rule's documentation page (like shellcheck's wiki). */
import { type Command, Option } from "commander";

export function register(program: Command): void {
  program
    .command("rules")
    .description("list every rule, or show the documentation of one")
    .argument("[id]", "a rule id: print its page (docs/rules/<id>.md)")
    .addOption(new Option("-f, --format <format>", "list format").choices(["table", "json"]).default("table"))
    .addHelpText("after", "\nExit codes: 0 listed or shown, 2 unknown rule id (with the closest ids).")
    .action(async (id: string | undefined, options: { format: "table" | "json" }) => {
      const { rules } = await import("../rules-command.ts");
      process.exitCode = await rules(id, options.format);
    });
}
