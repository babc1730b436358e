/** `qatconf snapshot OUT`: save what doctor reads of a host, for `doctor --root OUT` elsewhere. */
import type { Command } from "commander";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";

interface SnapshotCommandOptions {
  root: string;
  dmesg?: string;
  lspci?: string;
}

export function register(program: Command): void {
  program
    .command("snapshot")
    .description("save exactly what doctor reads of a host as a folder for a support ticket: doctor --root OUT")
    .argument("<out>", "a new (or empty) folder to write, or a new OUT.tar.gz (or .tgz)")
    .option("--root <dir>", "save the host under DIR (a saved copy) instead of /", "/")
    .option("--dmesg <file>", "saved `dmesg` output to include (--dmesg <(dmesg) works)")
    .option("--lspci <file>", "saved `lspci -vvvnn` output to include (run as root)")
    .addHelpText(
      "after",
      "\nSaves only what doctor reads: the sysfs files and links of PCI functions, /proc/cmdline, cpuinfo and\n" +
        "modules, the QAT, qatlib, libvirt, nginx and HAProxy files doctor looks at (passwords masked), names of\n" +
        "QAT firmware files, /dev/vfio owners and modes (in qatconf-snapshot.json). No program is run.\n" +
        "Exit codes: 0 saved, 2 usage or I/O error (OUT not empty, unreadable --root, --dmesg or --lspci).",
    )
    .action(async (out: string, options: SnapshotCommandOptions) => {
      process.exitCode = await runSnapshot(out, options);
    });
}

async function runSnapshot(out: string, options: SnapshotCommandOptions): Promise<number> {
  const { isArchive, saveHost } = await import("../../host/save-snapshot.ts");
  try {
    const saved = await saveHost(out, {
      root: options.root,
      ...(options.dmesg === undefined ? {} : { dmesg: options.dmesg }),
      ...(options.lspci === undefined ? {} : { lspci: options.lspci }),
    });
    const texts = (["dmesg", "lspci"] as const).filter((k) => saved.host[k] !== undefined);
    const back = isArchive(out)
      ? `mkdir DIR && tar -xzf ${out} -C DIR && qatconf doctor --root DIR`
      : `qatconf doctor --root ${out}`;
    process.stdout.write(
      `saved ${saved.files} files, ${saved.links} links, ${saved.nodes} device nodes` +
        `${texts.length > 0 ? ` and ${texts.join(" and ")}` : ""} of ${options.root} to ${out}\n` +
        `read it back with: ${back}\n`,
    );
    return EXIT_OK;
  } catch (error) {
    process.stderr.write(`qatconf snapshot: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
}
