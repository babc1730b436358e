/**
 * The rule registry: every rule, in the order they run. One file per rule beside this one, each
 * holding its metadata and its check; its doc page is `docs/rules/<id>.md`.
 */
import type { Rule } from "../lint/types.ts";
import { coreAffinity } from "./core-affinity.ts";
import { deprecatedKey } from "./deprecated-key.ts";
import { duplicateInstanceName } from "./duplicate-instance-name.ts";
import { duplicateKey } from "./duplicate-key.ts";
import { duplicateSection } from "./duplicate-section.ts";
import { instanceMissingKey } from "./instance-missing-key.ts";
import { instanceNumbering } from "./instance-numbering.ts";
import { instancePolling } from "./instance-polling.ts";
import { invalidValue } from "./invalid-value.ts";
import { missingRequiredKey } from "./missing-required-key.ts";
import { numProcessesMissing } from "./num-processes-missing.ts";
import { ringBudget } from "./ring-budget.ts";
import { serviceNotEnabled } from "./service-not-enabled.ts";
import { servicesEnabled } from "./services-enabled.ts";
import { sriovPfInstances } from "./sriov-pf-instances.ts";
import { syntax } from "./syntax.ts";
import { unknownDevice } from "./unknown-device.ts";
import { unknownKey } from "./unknown-key.ts";
import { unknownRule } from "./unknown-rule.ts";
import { unknownSection } from "./unknown-section.ts";
import { valueTooLong } from "./value-too-long.ts";
import { vfKernelInstances } from "./vf-kernel-instances.ts";

/** Every rule qatconf runs. Add a rule by importing it here (one line) and writing its doc page. */
export const RULES: readonly Rule[] = [
  syntax,
  unknownRule,
  unknownDevice,
  valueTooLong,
  duplicateSection,
  duplicateKey,
  unknownSection,
  unknownKey,
  missingRequiredKey,
  invalidValue,
  deprecatedKey,
  servicesEnabled,
  serviceNotEnabled,
  numProcessesMissing,
  instanceNumbering,
  instanceMissingKey,
  instancePolling,
  duplicateInstanceName,
  coreAffinity,
  sriovPfInstances,
  vfKernelInstances,
  ringBudget,
];
