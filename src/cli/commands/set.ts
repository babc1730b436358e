/** `qatconf set`: change or add values, keeping each line's layout. */
import { type Command, Option } from "commander";
import type { Assignment } from "../../edit/set.ts";
import type { EnvAssignment } from "../../edit/set-sysconfig.ts";
import type { FileKind } from "../../syntax/kind.ts";
import { addEditOptions, type EditCommandOptions, runEdit } from "../edit-command.ts";
import { EXIT_USAGE } from "../exit-codes.ts";

export function register(program: Command): void {
  const command = program
    .command("set")
    .description("set values: SECTION.KEY=VALUE changes the key in place, or adds it (and the section)")
    .argument("<file>", "configuration file ('-' reads stdin)")
    .argument("<assignments...>", "SECTION.KEY=VALUE, e.g. GENERAL.ServicesEnabled=dc or SSL.NumProcesses=4");
  addEditOptions(command)
    .addOption(
      new Option("--kind <kind>", "read the file as the driver's INI file or qatlib's /etc/sysconfig/qat").choices([
        "driver",
        "qatlib",
      ]),
    )
    .addHelpText(
      "after",
      "\nAn existing value is replaced in place (spacing, quotes and comment kept); a new key goes after\n" +
        "the section's last entry. On qatlib's /etc/sysconfig/qat (recognised by its path, or --kind qatlib)\n" +
        "write KEY=VALUE (ServicesEnabled=sym;dc POLICY=2): the line is rewritten as qat_init.sh reads it.\n" +
        "Exit codes: 0 done, 1 refused (rings or lint), 2 usage, I/O, syntax errors.",
    )
    .action(async (file: string, args: string[], options: EditCommandOptions & { kind?: FileKind }) => {
      const { fileKind } = await import("../../syntax/kind.ts");
      if (fileKind({ ...(options.kind ? { kind: options.kind } : {}), fileName: file }) === "qatlib") {
        await setQatlib(file, args, options);
        return;
      }
      const [{ parseAssignment }, { setValues }] = await Promise.all([
        import("../../edit/set.ts"),
        import("../../linted-edits.ts"),
      ]);
      const assignments = parseAll<Assignment>(args, parseAssignment);
      if (!assignments) return;
      process.exitCode = await runEdit("set", file, options, (text, editOptions) =>
        setValues(text, assignments, editOptions),
      );
    });
}

/** Parses every argument, or says on stderr why one is not an assignment (exit 2) and returns nothing. */
function parseAll<T>(args: readonly string[], parse: (arg: string) => T | string): T[] | undefined {
  const out: T[] = [];
  for (const arg of args) {
    const parsed = parse(arg);
    if (typeof parsed === "string") {
      process.stderr.write(`qatconf set: ${parsed}\n`);
      process.exitCode = EXIT_USAGE;
      return undefined;
    }
    out.push(parsed);
  }
  return out;
}

/** `set` on qatlib's file: `KEY=VALUE` assignments. */
async function setQatlib(file: string, args: string[], options: EditCommandOptions): Promise<void> {
  const [{ parseEnvAssignment }, { setEnvValues }] = await Promise.all([
    import("../../edit/set-sysconfig.ts"),
    import("../../linted-edits.ts"),
  ]);
  const assignments = parseAll<EnvAssignment>(args, parseEnvAssignment);
  if (!assignments) return;
  process.exitCode = await runEdit("set", file, options, (text, editOptions) =>
    setEnvValues(text, assignments, { ...editOptions, kind: "qatlib" }),
  );
}
