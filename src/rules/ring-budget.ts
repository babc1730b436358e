import { reportFindings, type Wording } from "../lint/rule-support/findings.ts";
import type { Rule, RuleContext } from "../lint/types.ts";
import { allocate, slotCounts } from "../model/allocator.ts";
import { describeInstance, describePfServices } from "../model/instances.ts";
import type {
  AllocationFailure,
  BankLayout,
  InstanceDeclaration,
  InstanceService,
  PfServices,
} from "../model/types.ts";
import { plural } from "../text/plural.ts";

const SERVICE_NAME: Readonly<Record<InstanceService, string>> = {
  cy: "crypto (asym + sym)",
  dc: "compression",
  sym: "sym",
  asym: "asym",
};

/**
 * The allocator's verdict (see `allocate`): every instance the driver would leave without rings,
 * one diagnostic per declared instance, naming the processes and the bank budget.
 */
export const ringBudget: Rule = {
  id: "ring-budget",
  defaultSeverity: "error",
  description: "Instances that the driver cannot give rings: the device (or VF) runs out of bank slots",
  fixAvailability: "never",
  needsDevice: true,
  check(context) {
    reportFindings(context, find(context), say);
  },
};

/** A declared instance the driver gives no rings: a kernel one, or a user one in some processes. */
type Finding = {
  declaration: InstanceDeclaration;
  service: InstanceService;
  /** What the driver logs as it stops. */
  reason: string;
  budget: Budget;
} & (
  | { kind: "kernel" }
  | {
      kind: "user";
      /** The processes (copies of the section) left without rings, of how many, and the first. */
      processes: { starved: number; total: number; first: string };
    }
);

/** The bank slots the service had on the function, and how many instances the file asks of it. */
interface Budget {
  family: string;
  isVf: boolean;
  layout: BankLayout | undefined;
  /** A QAT 1.x VF's ring map is its PF's: the PF value it was modelled with. */
  pfServices: PfServices | undefined;
  servicesEnabled: string;
  slots: number;
  asked: number;
}

function* find(context: RuleContext): Generator<Finding> {
  const device = context.device;
  if (!device) return;
  const result = allocate(device);
  if (!result.modelled || result.fits) return;
  const groups = new Map<InstanceDeclaration, AllocationFailure[]>();
  for (const failure of result.failures) {
    // Bad IsPolled values are the instance-polling rule's finding.
    if (failure.code !== "no-free-slot") continue;
    const d = failure.instance.declaration;
    const list = groups.get(d);
    if (list) list.push(failure);
    else groups.set(d, [failure]);
  }
  const slots = slotCounts(result.banks);
  for (const [declaration, failures] of groups) {
    const first = failures[0] as AllocationFailure;
    const service = first.instance.service;
    const budget: Budget = {
      family: device.family.id,
      isVf: device.isVf,
      layout: device.layout,
      pfServices: device.pfServices,
      servicesEnabled: device.servicesEnabled,
      slots: slots[service].total,
      asked: device.instances.filter((i) => i.service === service && i.poll >= 0).length,
    };
    const common = { declaration, service, reason: first.reason, budget };
    if (first.instance.kernel) {
      yield { ...common, kind: "kernel" };
      continue;
    }
    const processes = new Set(failures.map((f) => f.instance.processName));
    const section = device.sections.find((s) => s.name === declaration.section);
    const total = section?.processes ?? processes.size;
    yield { ...common, kind: "user", processes: { starved: processes.size, total, first: first.instance.processName } };
  }
}

function say(f: Finding): Wording {
  const d = f.declaration;
  const where = f.kind === "kernel" ? "" : processPart(f.processes);
  return {
    message: `${describeInstance(d)} gets no ${SERVICE_NAME[f.service]} rings${where}: the driver stops with "${f.reason}"`,
    hint: `${budget(f.budget, f.service)} ${remedy(f)}`,
    range: d.range,
  };
}

function processPart(p: { starved: number; total: number; first: string }): string {
  return p.starved === 1 ? ` in process ${p.first}` : ` in ${p.starved} of ${p.total} processes (first: ${p.first})`;
}

/** "This c6xx VF has 1 bank of 16 rings: with ServicesEnabled = cy;dc that is 2 crypto slots, and the file asks for 3." */
function budget(b: Budget, service: InstanceService): string {
  const fn = `${b.family} ${b.isVf ? "VF" : "PF"}`;
  const banks = b.layout ? `${plural(b.layout.banks, "bank")} of ${b.layout.ringsPerBank} rings` : "no banks";
  // A QAT 1.x VF has its PF's ring map: say which PF value that was, and whether it was assumed.
  const services = b.pfServices
    ? `its PF's ${describePfServices(b.pfServices)}`
    : `ServicesEnabled = ${b.servicesEnabled}`;
  const head = `A ${fn} has ${banks}: with ${services} that is ${plural(b.slots, `${SERVICE_NAME[service]} slot`)}, and the file asks for ${b.asked}.`;
  if (b.asked <= b.slots) {
    return `${head} Slots are left, but none this instance may use: interrupt and epoll banks serve one process each, banks never mix polling modes, and user poll instances only use banks after the kernel's.`;
  }
  return head;
}

function remedy(f: Finding): string {
  const d = f.declaration;
  const count = d.kind === "cy" ? "NumberCyInstances" : "NumberDcInstances";
  if (f.kind === "kernel") return `Lower ${count} in [${d.section}], or give the instances to user processes.`;
  const more = f.budget.isVf ? "spread the processes over more VFs" : "move some processes to another device";
  return `Lower ${count} or NumProcesses in [${d.section}], or ${more}.`;
}
