import type { Rule, RuleContext } from "../lint/types.ts";
import { allocate, slotCounts } from "../model/allocator.ts";
import { describeInstance, describePfServices } from "../model/instances.ts";
import type {
  AllocationFailure,
  AllocationResult,
  DeviceConfig,
  InstanceDeclaration,
  InstanceService,
} from "../model/types.ts";

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
    for (const [declaration, failures] of groups) report(context, device, result, declaration, failures);
  },
};

function report(
  context: RuleContext,
  device: DeviceConfig,
  result: AllocationResult,
  d: InstanceDeclaration,
  failures: readonly AllocationFailure[],
): void {
  const first = failures[0] as AllocationFailure;
  const service = first.instance.service;
  const where = first.instance.kernel ? "" : processPart(failures, device, d);
  context.report({
    message: `${describeInstance(d)} gets no ${SERVICE_NAME[service]} rings${where}: the driver stops with "${first.reason}"`,
    hint: `${budget(device, result, service)} ${remedy(device, d, first)}`,
    range: d.range,
  });
}

function processPart(failures: readonly AllocationFailure[], device: DeviceConfig, d: InstanceDeclaration): string {
  const processes = new Set(failures.map((f) => f.instance.processName));
  const section = device.sections.find((s) => s.name === d.section);
  const total = section?.processes ?? processes.size;
  const first = failures[0]?.instance.processName ?? "";
  return processes.size === 1
    ? ` in process ${first}`
    : ` in ${processes.size} of ${total} processes (first: ${first})`;
}

/** "This c6xx VF has 1 bank of 16 rings: with ServicesEnabled = cy;dc that is 2 crypto slots, and the file asks for 3." */
function budget(device: DeviceConfig, result: AllocationResult, service: InstanceService): string {
  const layout = device.layout;
  const counts = slotCounts(result.banks)[service];
  const asked = device.instances.filter((i) => i.service === service && i.poll >= 0).length;
  const fn = `${device.family.id} ${device.isVf ? "VF" : "PF"}`;
  const banks = layout
    ? `${layout.banks} bank${layout.banks === 1 ? "" : "s"} of ${layout.ringsPerBank} rings`
    : "no banks";
  // A QAT 1.x VF has its PF's ring map: say which PF value that was, and whether it was assumed.
  const services = device.pfServices
    ? `its PF's ${describePfServices(device.pfServices)}`
    : `ServicesEnabled = ${device.servicesEnabled}`;
  const head = `A ${fn} has ${banks}: with ${services} that is ${counts.total} ${SERVICE_NAME[service]} slots, and the file asks for ${asked}.`;
  if (asked <= counts.total) {
    return `${head} Slots are left, but none this instance may use: interrupt and epoll banks serve one process each, banks never mix polling modes, and user poll instances only use banks after the kernel's.`;
  }
  return head;
}

function remedy(device: DeviceConfig, d: InstanceDeclaration, first: AllocationFailure): string {
  const count = d.kind === "cy" ? "NumberCyInstances" : "NumberDcInstances";
  if (first.instance.kernel) return `Lower ${count} in [${d.section}], or give the instances to user processes.`;
  const more = device.isVf ? "spread the processes over more VFs" : "move some processes to another device";
  return `Lower ${count} or NumProcesses in [${d.section}], or ${more}.`;
}
