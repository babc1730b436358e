/** `qatconf doctor`: check a host (or a saved copy of one) for QAT with SR-IOV and KVM. */
import { type Command, Option } from "commander";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";

interface DoctorCommandOptions {
  root: string;
  format: "stylish" | "json" | "html";
  lspci?: string;
  dmesg?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command("doctor")
    .description(
      "check a host for QAT with SR-IOV and KVM: devices, drivers, VFs, IOMMU, VT-x, configuration files, guests",
    )
    .option("--root <dir>", "read the host under DIR: a saved copy of its /sys, /proc and /etc", "/")
    .addOption(
      new Option("-f, --format <name>", "report format (html: a picture of the PFs, their VFs and who holds each)")
        .choices(["stylish", "json", "html"])
        .default("stylish"),
    )
    .option("--lspci <file>", "saved `lspci -vvvnn` output (as root): compares each PF's MaxPayload with its bridge's")
    .option("--dmesg <file>", "saved `dmesg` output: explains the IOMMU state and finds QAT, vfio and PCIe errors")
    .option("-q, --quiet", "leave out info findings (the inventory)")
    .addHelpText(
      "after",
      "\nReads only: nothing under /sys is written. Each finding has an id; docs/doctor/<id>.md explains it.\n" +
        "Exit codes: 0 no errors, 1 errors, 2 usage or I/O error (unreadable --root, --lspci or --dmesg).",
    )
    .action(async (options: DoctorCommandOptions) => {
      process.exitCode = await runDoctor(options);
    });
}

async function runDoctor(options: DoctorCommandOptions): Promise<number> {
  const [{ readHost }, { doctor, groupByPath }, { doctorJson, doctorStylish }] = await Promise.all([
    import("../../host/snapshot.ts"),
    import("../../host/doctor.ts"),
    import("../../host/report.ts"),
  ]);
  let host: Awaited<ReturnType<typeof readHost>>;
  try {
    host = await readHost(options.root, {
      ...(options.lspci === undefined ? {} : { lspci: options.lspci }),
      ...(options.dmesg === undefined ? {} : { dmesg: options.dmesg }),
    });
  } catch (error) {
    process.stderr.write(`qatconf doctor: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const all = doctor(host);
  const shown = options.quiet ? all.filter((d) => d.severity !== "info") : all;
  const groups = groupByPath(shown);
  if (options.format === "html") {
    const [{ Inventory }, { hostMapHtml }] = await Promise.all([
      import("../../host/inventory.ts"),
      import("../../render/host-map.ts"),
    ]);
    process.stdout.write(hostMapHtml(new Inventory(host), shown));
  } else process.stdout.write(options.format === "json" ? doctorJson(groups) : doctorStylish(groups));
  return all.some((d) => d.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
}
