import type { Rule } from "../lint/types.ts";
import { assignments, documentServices } from "../qatlib/sysconfig.ts";

/**
 * POLICY=1 with the kernel's default services. Unless ServicesEnabled applies, even PFs run
 * `sym;asym` and odd PFs `dc`, and POLICY=1 gives each process one VF: a process gets crypto or
 * compression, never both (qatlib INSTALL: "at least 2 VFs are needed per process so that the
 * process has both CY and DC instances. Set either POLICY=0 or POLICY=2").
 */
export const qatlibPolicyServices: Rule = {
  id: "qatlib-policy-services",
  defaultSeverity: "warning",
  description: "POLICY=1 with the default services: each process gets crypto or compression, never both",
  fixAvailability: "never",
  kinds: ["qatlib"],
  check(context) {
    const policy = assignments(context.document).get("POLICY")?.at(-1);
    if (policy?.value.trim().replace(/^\+/, "") !== "1") return;
    if (documentServices(context.document).applied) return;
    context.report({
      message:
        "POLICY=1 gives each process one VF, and with the default services (even PFs sym;asym, odd PFs dc) that VF has crypto or compression, never both",
      hint: "set POLICY=0 or POLICY=2 (an even number), or a ServicesEnabled every PF runs, such as sym;dc",
      range: policy.range,
    });
  },
};
