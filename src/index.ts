/**
 * qatconf: a library for Intel QuickAssist Technology (QAT) driver configuration files.
 *
 * ```ts
 * import { parse, print } from "qatconf";
 * const doc = parse(text, { fileName: "c6xx_dev0.conf" });
 * print(doc) === text; // always
 * ```
 * @packageDocumentation
 */
export { type FileNameInfo, parseFileName } from "./config/file-name.ts";
export { ConfigView, driverKey, driverValue, parseInteger, SectionView, view } from "./config/view.ts";
export type { Diagnostic, Fix, Severity, TextEdit } from "./diagnostics.ts";
export type { AddInstancesRequest, RemoveInstancesRequest } from "./edit/instances.ts";
export type { EditLintSettings, EditOptions, EditResult, Refusal } from "./edit/result.ts";
export { type Assignment, parseAssignment } from "./edit/set.ts";
export { type EnvAssignment, parseEnvAssignment } from "./edit/set-sysconfig.ts";
export { applyEdits } from "./edit/text-edit.ts";
export type { VfConfigRequest } from "./edit/vf-config.ts";
export { type FormatOptions, type FormatResult, format, formatEdits } from "./format/format.ts";
/** Host readiness (`qatconf doctor`): read a host read-only, run its checks, render the report. */
export {
  allHostChecks,
  type DoctorGroup,
  type DoctorOptions,
  doctor,
  findHostCheck,
  groupByPath,
} from "./host/doctor.ts";
/** VF planning (`qatconf vf-plan`): give free VFs to libvirt guests. */
export type { GuestController } from "./host/guest-layout.ts";
export type { ExpectedConfig, Holder, Inventory } from "./host/inventory.ts";
export type { GuestPciAddress } from "./host/libvirt-xml.ts";
export { hostdevXml, readDomainHostdevs } from "./host/libvirt-xml.ts";
export { type LspciFunction, parseLspci } from "./host/lspci.ts";
export { doctorJson, doctorStylish } from "./host/report.ts";
export { parseCpuinfo, type ReadHostOptions, readHost } from "./host/snapshot.ts";
export type {
  GuestHostdev,
  HostCheck,
  HostCheckContext,
  HostConfigFile,
  HostDiagnostic,
  HostReport,
  HostSnapshot,
  PciFunction,
  QatFunction,
  SavedText,
} from "./host/types.ts";
export {
  type ExcludedVf,
  freeVfs,
  GUEST_STACKS,
  type GuestPlan,
  type GuestRequest,
  type GuestStack,
  type PlannedVf,
  type PlanOptions,
  parseGuestRequests,
  planVfs,
  type VfPlan,
} from "./host/vf-plan.ts";
export { type PlanFile, planFiles, planText, refusalText } from "./host/vf-plan-output.ts";
export { allRules, findRule, lint, lintDocument } from "./lint/lint.ts";
export type { LintOptions, LintResult, Rule, RuleContext, RuleSetting } from "./lint/types.ts";
export { addInstances, enableSriov, removeInstances, setEnvValues, setValues, vfConfig } from "./linted-edits.ts";
export { allocate, type SlotCount, slotCounts } from "./model/allocator.ts";
export type { DeviceOptions } from "./model/device-options.ts";
export {
  allFamilies,
  familyByPciId,
  familyForFileName,
  findFamily,
  isQat1,
  qatlibDrives,
} from "./model/devices.ts";
export { deviceConfig, readInstanceSections } from "./model/instances.ts";
export type {
  AllocationFailure,
  AllocationResult,
  BankLayout,
  BankUsage,
  DeviceConfig,
  DeviceFamily,
  Generation,
  InstanceDeclaration,
  InstanceKind,
  InstanceRequest,
  InstanceSection,
  InstanceService,
  PollMode,
  RingSlot,
} from "./model/types.ts";
export { type AwkServices, awkServices, kernelRefusal, SERVICES_LIST } from "./qatlib/sysconfig.ts";
export { type FileKind, fileKind, isQatlibPath, parseAs } from "./syntax/kind.ts";
export { type ParseOptions, parse, print, SYNTAX_RULE } from "./syntax/parse.ts";
export { parseSysconfig, systemdValue } from "./syntax/parse-sysconfig.ts";
export type {
  BlankLine,
  CommentLine,
  ConfigDocument,
  EntryLine,
  Line,
  LineEnding,
  Piece,
  Position,
  Range,
  SectionLine,
  SectionNode,
  SyntaxToken,
  TokenKind,
} from "./syntax/tree.ts";
