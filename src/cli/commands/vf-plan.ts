/** `qatconf vf-plan`: give free QAT VFs to libvirt guests. */
import { lstat, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit-codes.ts";
import { addModelOptions, type ModelCommandOptions } from "../model-options.ts";

interface VfPlanOptions extends ModelCommandOptions {
  guests: string;
  root: string;
  out?: string;
  guestStack?: string;
}

export function register(program: Command): void {
  const command = program
    .command("vf-plan")
    .description("give free QAT VFs to libvirt guests: hostdev XML, virsh commands and each guest's VF configuration")
    .requiredOption("--guests <list>", "guests and how many VFs each gets: NAME=COUNT,... (vm1=2,vm2=1)")
    .option("--root <dir>", "read the host under DIR: a saved copy of its /sys, /proc and /etc", "/")
    .option("--out <dir>", "write the files under DIR/<guest>/ (hostdev XML, <device>vf_devN.conf, attach.sh)")
    .option(
      "--guest-stack <stack>",
      "what the guests run: out-of-tree (Intel's package; its VF driver reads <device>vf_devN.conf) or qatlib (in-tree VFs on vfio-pci; no file, each host PF's VFs on a guest bus of their own)",
      "out-of-tree",
    )
    .addHelpText(
      "after",
      "\nA VF is free when the host does not use it (its VF driver, or qatlib on the host), no guest\n" +
        "definition names it, vfio-pci holds it or can take it, and its IOMMU group is its own.\n" +
        "Nothing on the host is changed: run the printed commands (or DIR/<guest>/attach.sh).\n" +
        "--guest-stack qatlib: only 4xxx, 401xx, 402xx, 420xx and 6xxx VFs; each host PF's VFs (at most 8)\n" +
        "take functions 0-7 of one slot on a new guest bus (function 0 multifunction='on'), behind a\n" +
        "PCI controller the plan adds (pcie-root-port on q35, pci-bridge on i440fx), as qatlib in a\n" +
        "guest tells PFs apart by bus (qatlib INSTALL, RUNNING IN A VIRTUAL MACHINE).\n" +
        "Exit codes: 0 planned, 1 not enough free VFs (or not shareable as asked), 2 usage or I/O error.",
    );
  addModelOptions(command).action(async (options: VfPlanOptions) => {
    process.exitCode = await runVfPlan(options);
  });
}

async function runVfPlan(options: VfPlanOptions): Promise<number> {
  const [{ readHost }, { GUEST_STACKS, parseGuestRequests, planVfs }, output, { writeFileAtomic }] = await Promise.all([
    import("../../host/snapshot.ts"),
    import("../../host/vf-plan.ts"),
    import("../../host/vf-plan-output.ts"),
    import("../../io/atomic-write.ts"),
  ]);
  let plan: ReturnType<typeof planVfs>;
  try {
    const requests = parseGuestRequests(options.guests);
    const guestStack = GUEST_STACKS.find((s) => s === options.guestStack);
    if (guestStack === undefined) {
      throw new Error(`--guest-stack: '${options.guestStack}' is not one of ${GUEST_STACKS.join(", ")}`);
    }
    plan = planVfs(await readHost(options.root), requests, {
      guestStack,
      ...(options.driver === undefined ? {} : { driver: options.driver }),
      ...(options.pfServices === undefined ? {} : { pfServices: options.pfServices }),
    });
  } catch (error) {
    process.stderr.write(`qatconf vf-plan: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  for (const note of plan.notes) process.stderr.write(`qatconf vf-plan: note: ${note}\n`);
  if (!plan.ok) {
    process.stderr.write(`qatconf vf-plan: ${output.refusalText(plan)}`);
    return EXIT_FINDINGS;
  }
  if (options.out !== undefined) {
    try {
      await mkdir(options.out, { recursive: true });
      for (const file of output.planFiles(plan)) {
        const path = join(options.out, file.path);
        await realFolder(dirname(path));
        // A link planted in the folder is replaced, never written through.
        await writeFileAtomic(path, file.content, { followLinks: false, ...(file.executable ? { mode: 0o755 } : {}) });
      }
    } catch (error) {
      const { ioReason } = await import("../../io/read-text.ts");
      process.stderr.write(`qatconf vf-plan: cannot write under ${options.out}: ${ioReason(error)}\n`);
      return EXIT_USAGE;
    }
  }
  process.stdout.write(output.planText(plan, options.out));
  return EXIT_OK;
}

/** Makes the guest's folder under `--out`, refusing one that is a link: it could lead anywhere (/etc). */
async function realFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const info = await lstat(path);
    if (!info.isDirectory())
      throw new Error(`${path} is ${info.isSymbolicLink() ? "a symbolic link" : "not a folder"}`);
  }
}
