/** `qatconf lint`: report what the driver would reject. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { EXIT_FINDINGS, EXIT_USAGE } from "../exit-codes.ts";

export function register(program: Command): void {
  program
    .command("lint")
    .description("check configuration files for errors the driver would reject")
    .argument("<files...>", "configuration files")
    .action(async (files: string[]) => {
      const { parse } = await import("../../syntax/parse.ts");
      let errors = 0;
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(file, "utf8");
        } catch (error) {
          process.stderr.write(`qatconf: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        for (const d of parse(text, { fileName: file }).diagnostics) {
          errors++;
          process.stdout.write(
            `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.message} [${d.ruleId}]\n`,
          );
        }
      }
      if (errors > 0) process.exitCode = EXIT_FINDINGS;
    });
}
