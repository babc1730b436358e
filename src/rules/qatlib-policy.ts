import type { Rule } from "../lint/types.ts";
import { assignments, POLICY_MAX, policyProblem } from "../qatlib/sysconfig.ts";

/**
 * A POLICY qatmgr refuses. `qat.service` runs `qatmgr --policy=${POLICY}` with systemd's value of the
 * variable; qatmgr's `parse_and_validate_arg` wants a whole decimal number in 0..MAX_DEVS (4096) and
 * otherwise prints "Invalid policy" and exits 1: the service fails and no process gets a VF.
 */
export const qatlibPolicy: Rule = {
  id: "qatlib-policy",
  defaultSeverity: "error",
  description: "A POLICY that qatmgr refuses ('Invalid policy'): qat.service fails to start",
  fixAvailability: "never",
  kinds: ["qatlib"],
  check(context) {
    const entries = assignments(context.document).get("POLICY") ?? [];
    // systemd keeps the last assignment of a variable.
    const last = entries.at(-1);
    if (!last) return;
    for (const earlier of entries.slice(0, -1)) {
      context.report({
        severity: "warning",
        message: `POLICY is set again on line ${last.range.start.line}: systemd uses the last value, '${last.value}'`,
        hint: "keep one POLICY line",
        range: earlier.key.range,
      });
    }
    const problem = policyProblem(last.value);
    if (problem === undefined) return;
    context.report({
      message: `qatmgr refuses POLICY '${last.value}' (${problem}): it prints "Invalid policy ${last.value}" and qat.service fails to start`,
      hint: `POLICY is the number of VFs each process gets: 0 (one from each PF, the default) to ${POLICY_MAX}; the file has no end-of-line comments`,
      range: last.rawValue.text === "" ? last.range : last.rawValue.range,
    });
  },
};
