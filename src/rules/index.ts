/**
 * The rule registry: every rule, in the order they run. One file per rule beside this one, each
 * holding its metadata and its check; its doc page is `docs/rules/<id>.md`, whose `Fixable:` says
 * the rule's `fixAvailability` and `fixApplicability`. A rule that finds several kinds of thing
 * keeps finding apart from wording (`find`, `say`, `fixFor`, joined by `reportFindings`), and builds
 * its fixes with `src/fixes.ts`. What rules share lives outside this folder (src/lint/rule-support/,
 * the model): no rule imports another.
 */
import type { Rule, SetRule } from "../lint/types.ts";
import { consumerProcesses } from "./consumer-processes.ts";
import { consumerSection } from "./consumer-section.ts";
import { consumerServices } from "./consumer-services.ts";
import { coreAffinity } from "./core-affinity.ts";
import { deprecatedKey } from "./deprecated-key.ts";
import { deviceNumbering } from "./device-numbering.ts";
import { duplicateInstanceName } from "./duplicate-instance-name.ts";
import { duplicateKey } from "./duplicate-key.ts";
import { duplicateSection } from "./duplicate-section.ts";
import { instanceMissingKey } from "./instance-missing-key.ts";
import { instanceNumbering } from "./instance-numbering.ts";
import { instancePolling } from "./instance-polling.ts";
import { invalidValue } from "./invalid-value.ts";
import { missingRequiredKey } from "./missing-required-key.ts";
import { numProcessesMissing } from "./num-processes-missing.ts";
import { qatlibCommentedServices } from "./qatlib-commented-services.ts";
import { qatlibPolicy } from "./qatlib-policy.ts";
import { qatlibPolicyServices } from "./qatlib-policy-services.ts";
import { qatlibServicesIgnored } from "./qatlib-services-ignored.ts";
import { qatlibServicesUnsupported } from "./qatlib-services-unsupported.ts";
import { qatlibUnknownVariable } from "./qatlib-unknown-variable.ts";
import { ringBudget } from "./ring-budget.ts";
import { sectionAcrossDevices } from "./section-across-devices.ts";
import { serviceNotEnabled } from "./service-not-enabled.ts";
import { servicesEnabled } from "./services-enabled.ts";
import { sriovPfInstances } from "./sriov-pf-instances.ts";
import { syntax } from "./syntax.ts";
import { unknownDevice } from "./unknown-device.ts";
import { unknownKey } from "./unknown-key.ts";
import { unknownRule } from "./unknown-rule.ts";
import { unknownSection } from "./unknown-section.ts";
import { valueTooLong } from "./value-too-long.ts";
import { vfFilesWithoutSriov } from "./vf-files-without-sriov.ts";
import { vfKernelInstances } from "./vf-kernel-instances.ts";
import { vfServiceUnsupported } from "./vf-service-unsupported.ts";

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
  vfServiceUnsupported,
  numProcessesMissing,
  instanceNumbering,
  instanceMissingKey,
  instancePolling,
  duplicateInstanceName,
  coreAffinity,
  sriovPfInstances,
  vfKernelInstances,
  ringBudget,
  // qatlib's /etc/sysconfig/qat (rules with `kinds: ["qatlib"]`).
  qatlibUnknownVariable,
  qatlibServicesIgnored,
  qatlibCommentedServices,
  qatlibServicesUnsupported,
  qatlibPolicy,
  qatlibPolicyServices,
];

/**
 * Rules over the files of one folder linted together (one host's files): each has its own file and
 * page as the file rules do, and runs once per folder (`lint/set.ts`).
 */
export const SET_RULES: readonly SetRule[] = [
  vfFilesWithoutSriov,
  deviceNumbering,
  sectionAcrossDevices,
  consumerSection,
  consumerProcesses,
  consumerServices,
];
