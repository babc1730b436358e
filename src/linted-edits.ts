/**
 * The editors as the library, the CLI and the host commands offer them: every result is linted
 * with the edit's own settings and refused when it would add lint errors. The editors of
 * `src/edit/` take the linter in their options ({@link LintedEditOptions}) instead of importing it,
 * so that edit/ and model/ stay below lint/; this module is where the two meet.
 */
import type { AddInstancesRequest, RemoveInstancesRequest } from "./edit/instances.ts";
import * as instances from "./edit/instances.ts";
import type { EditOptions, EditResult, LintedEditOptions, ResultLinter } from "./edit/result.ts";
import type { Assignment } from "./edit/set.ts";
import * as set from "./edit/set.ts";
import type { EnvAssignment } from "./edit/set-sysconfig.ts";
import * as sysconfig from "./edit/set-sysconfig.ts";
import * as sriov from "./edit/sriov.ts";
import type { VfConfigRequest } from "./edit/vf-config.ts";
import * as vf from "./edit/vf-config.ts";
import { lint } from "./lint/lint.ts";

const linter: ResultLinter = (text, options) => lint(text, options).diagnostics;
const linted = (options: EditOptions): LintedEditOptions => ({ ...options, linter });

/**
 * Adds instances to a section, copying the lines of one already there; counts follow. Refused on
 * syntax errors (unless `force`), a request that does not apply, a broken ring budget, or new lint errors.
 */
export function addInstances(text: string, request: AddInstancesRequest, options: EditOptions = {}): EditResult {
  return instances.addInstances(text, request, linted(options));
}

/**
 * Removes instances from a section and renumbers the ones after them, so that numbering stays
 * contiguous. Refused like {@link addInstances}.
 */
export function removeInstances(text: string, request: RemoveInstancesRequest, options: EditOptions = {}): EditResult {
  return instances.removeInstances(text, request, linted(options));
}

/** Sets values of a driver file, in order; refused like {@link addInstances}. */
export function setValues(text: string, list: readonly Assignment[], options: EditOptions = {}): EditResult {
  return set.setValues(text, list, linted(options));
}

/** Sets variables of qatlib's file the way systemd and qat_init.sh read them; refused like {@link addInstances}. */
export function setEnvValues(text: string, list: readonly EnvAssignment[], options: EditOptions = {}): EditResult {
  return sysconfig.setEnvValues(text, list, linted(options));
}

/** Prepares a PF file for SR-IOV (Intel's application note 330689); idempotent, refused for a VF file. */
export function enableSriov(text: string, options: EditOptions = {}): EditResult {
  return sriov.enableSriov(text, linted(options));
}

/** Writes a VF guest file within the VF's ring budget; refused when it would lint with errors. */
export function vfConfig(request: VfConfigRequest): EditResult {
  return vf.vfConfig(request, linter);
}
