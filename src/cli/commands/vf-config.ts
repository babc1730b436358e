/** `qatconf vf-config`: write a VF guest file within the VF's ring budget. */
import type { Command } from "commander";
import {
  type EditCommandOptions,
  type NewInstanceOptions,
  pollMode,
  refusalExit,
  reportNotes,
  reportRefusal,
  wholeNumber,
} from "../edit-command.ts";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";
import { addModelOptions, type ModelCommandOptions } from "../model-options.ts";

interface VfConfigOptions extends Pick<EditCommandOptions, "backup">, NewInstanceOptions, ModelCommandOptions {
  device: string;
  services?: string;
  output?: string;
}

export function register(program: Command): void {
  const command = program
    .command("vf-config")
    .description("write a guest's VF configuration file that fits the VF's rings (default: the whole VF)")
    .requiredOption("--device <family>", "device family of the VF (c6xx, c3xxx, dh895xcc, 4xxx, ...)")
    .option("--services <value>", "ServicesEnabled (default: the PF's on QAT 1.x, asym;sym on QAT 2.0)")
    .option("--cy <n>", "crypto instances per process (default: as many as the VF holds)", wholeNumber)
    .option("--dc <n>", "compression instances per process (default: as many as the VF holds)", wholeNumber)
    .option("--section <name>", "the user section's name", "SSL")
    .option("--processes <n>", "NumProcesses: processes sharing the VF (the default counts divide by it)", wholeNumber)
    .option("--polled <mode>", "IsPolled: 1 poll (default), 2 epoll", pollMode)
    .option("--core-affinity <cpus>", "CoreAffinity: 'auto' (CPUs 0, 1, ...) or a value to write", "auto")
    .option("--name-prefix <prefix>", "name the instances <prefix><N> (default UserCY, UserDC)")
    .option("-o, --output <file>", "write the file there (atomically) instead of stdout")
    .option("--backup [suffix]", "with --output, keep an existing file as FILE<suffix> (default .bak)")
    .addHelpText(
      "after",
      "\nA QAT 1.x VF is one bank of 16 rings with its PF's ring map: with a cy;dc PF (assumed unless\n" +
        "--pf-services says otherwise) it holds 2 Cy and 2 Dc instances, with a cy PF 4 Cy.\n" +
        "Exit codes: 0 written, 1 refused (the instances do not fit, or the file would not lint clean),\n" +
        "2 usage or I/O error, unknown device or services.",
    );
  addModelOptions(command).action(async (options: VfConfigOptions) => {
    process.exitCode = await vfConfigCommand(options);
  });
}

async function vfConfigCommand(options: VfConfigOptions): Promise<number> {
  const [{ vfConfig }, { writeFileAtomic }, { ioReason }] = await Promise.all([
    import("../../linted-edits.ts"),
    import("../../io/atomic-write.ts"),
    import("../../io/read-text.ts"),
  ]);
  const { output, backup, ...request } = options;
  const result = vfConfig(request);
  if (result.refusal) {
    await reportRefusal("vf-config", output ?? "(stdout)", result);
    return refusalExit(result.refusal);
  }
  reportNotes("vf-config", result);
  if (output === undefined) {
    process.stdout.write(result.text);
    return EXIT_OK;
  }
  try {
    await writeFileAtomic(output, result.text, backup ? { backupSuffix: backup === true ? ".bak" : backup } : {});
  } catch (error) {
    process.stderr.write(`qatconf vf-config: cannot write ${output}: ${ioReason(error)}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
