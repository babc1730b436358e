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

// One line per command, by name; each module's heavy imports happen inside its action.
const commandModules: ReadonlyArray<readonly [string, () => Promise<CommandModule>]> = [
  ["lint", () => import("./commands/lint.ts")],
  ["fmt", () => import("./commands/fmt.ts")],
  ["doctor", () => import("./commands/doctor.ts")],
  ["snapshot", () => import("./commands/snapshot.ts")],
  ["vf-plan", () => import("./commands/vf-plan.ts")],
  ["add-instance", () => import("./commands/add-instance.ts")],
  ["remove-instance", () => import("./commands/remove-instance.ts")],
  ["set", () => import("./commands/set.ts")],
  ["enable-sriov", () => import("./commands/enable-sriov.ts")],
  ["vf-config", () => import("./commands/vf-config.ts")],
  ["rules", () => import("./commands/rules.ts")],
  ["explain", () => import("./commands/explain.ts")],
  ["lsp", () => import("./commands/lsp.ts")],
];

/**
 * The commands a run needs: only the one named first, when it is (its options and help are its
 * own), none for `--version` alone, else all of them (the program's help lists every command, and
 * a misspelt name gets a suggestion from all of them). Loading a command's module runs its imports'
 * top levels, which for the editing commands builds the grammar: `--version` or `lint` need none
 * of the others.
 */
export function commandsFor(argv: readonly string[]): string[] {
  return modulesFor(argv).map(([name]) => name);
}

/** The entries of {@link commandModules} that {@link commandsFor} names, in its order. */
function modulesFor(argv: readonly string[]): typeof commandModules {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return [];
  const named = commandModules.find(([name]) => name === argv[0]);
  return named ? [named] : commandModules;
}

/**
 * The commands that write only through stdio.ts's `writeFd` and leave nothing running once their
 * action returns: after them the process may exit without the rest of Node's teardown.
 */
const WRITE_THROUGH = new Set(["lint", "fmt"]);

/** How a run ended, for the entry point: what it may skip or keep. */
export interface RunEnd {
  /**
   * A command's action ran (not help, a version or a usage error): what the run compiled is
   * worth keeping in the code cache (bin/start.js).
   */
  worked: boolean;
  /**
   * The process may exit at once (`process.exit()`): the command is over and none of its output
   * waits in a stream. The language server, for one, keeps running after its action.
   */
  over: boolean;
}

/** A program with its commands registered, never parsed yet, and what its hook saw of the run. */
export interface PreparedProgram {
  readonly program: Command;
  /** Set by the program's preAction hook: a command's action ran. */
  worked: boolean;
}

/**
 * The program for a command line that starts as `argv` does, with the command modules it needs
 * ({@link commandsFor}: they depend on the first argument alone). It parses one command line.
 */
export async function prepareProgram(argv: readonly string[]): Promise<PreparedProgram> {
  const program = new Command("qatconf");
  const prepared: PreparedProgram = { program, worked: false };
  program
    .description("Lint, format and safely edit Intel QuickAssist Technology (QAT) configuration files")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .hook("preAction", () => {
      prepared.worked = true;
    });
  for (const [, load] of modulesFor(argv)) (await load()).register(program);
  return prepared;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script path), on `prepared` if
 * given: a program {@link prepareProgram} made for a command line with the same first argument.
 */
export async function run(argv: string[], prepared?: PreparedProgram): Promise<RunEnd> {
  const made = prepared ?? (await prepareProgram(argv));
  const { program } = made;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return { worked: made.worked, over: false };
    }
    process.stderr.write(`qatconf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
    return { worked: made.worked, over: false };
  }
  const over = made.worked && WRITE_THROUGH.has(argv[0] ?? "") && (await import("./stdio.ts")).nothingStreamed();
  return { worked: made.worked, over };
}

/**
 * Ends the single executable at once when the run is over ({@link RunEnd}): freeing its heap and
 * the rest of Node's teardown cost a one-file `lint` about a millisecond.
 */
export function exitIfOver({ over }: RunEnd): void {
  if (over) process.exit();
}

declare const __QATCONF_VERSION__: string | undefined;
const VERSION = typeof __QATCONF_VERSION__ === "string" ? __QATCONF_VERSION__ : "0.0.0-dev";
