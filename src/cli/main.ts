/**
 * The `qatconf` command line: parses arguments and hands each command to its own module, loaded
 * only when that command runs so that start-up pays for nothing it does not use.
 */
import { Command, CommanderError } from "commander";
import { EXIT_USAGE } from "./exit-codes.ts";

/** A command module: it adds itself to the program; its action sets `process.exitCode`. */
export interface CommandModule {
  register(program: Command): void;
}

// One line per command; each module's heavy imports happen inside its action.
const commandModules: Array<() => Promise<CommandModule>> = [
  () => import("./commands/lint.ts"),
  () => import("./commands/fmt.ts"),
  () => import("./commands/doctor.ts"),
  () => import("./commands/snapshot.ts"),
  () => import("./commands/vf-plan.ts"),
  () => import("./commands/add-instance.ts"),
  () => import("./commands/remove-instance.ts"),
  () => import("./commands/set.ts"),
  () => import("./commands/enable-sriov.ts"),
  () => import("./commands/vf-config.ts"),
  () => import("./commands/rules.ts"),
  () => import("./commands/explain.ts"),
  () => import("./commands/lsp.ts"),
];

/** Runs the CLI with the given arguments (without `node` and the script path). */
export async function run(argv: string[]): Promise<void> {
  const program = new Command("qatconf")
    .description("Lint, format and safely edit Intel QuickAssist Technology (QAT) configuration files")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const load of commandModules) (await load()).register(program);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`qatconf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

declare const __QATCONF_VERSION__: string | undefined;
const VERSION = typeof __QATCONF_VERSION__ === "string" ? __QATCONF_VERSION__ : "0.0.0-dev";
