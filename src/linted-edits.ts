/**
 * The editors as the library, the CLI and the host commands offer them: every result is linted
 * with the edit's own settings and refused when it would add lint errors. The editors of
 * `src/edit/` take the linter as a parameter ({@link ResultLinter}) instead of importing it, so that
 * edit/ and model/ stay below lint/; this module is where the two meet.
 */
import * as instances from "./edit/instances.ts";
import type { EditOptions, EditResult, ResultLinter } from "./edit/result.ts";
import * as set from "./edit/set.ts";
import * as sysconfig from "./edit/set-sysconfig.ts";
import * as sriov from "./edit/sriov.ts";
import * as vf from "./edit/vf-config.ts";
import { lint } from "./lint/lint.ts";

const linter: ResultLinter = (text, options) => lint(text, options).diagnostics;

/**
 * Adds instances to a section, copying the lines of one already there; counts follow. Refused on
 * syntax errors (unless `force`), a request that does not apply, a broken ring budget, or new lint errors.
 */
export function addInstances(
  text: string,
  request: instances.AddInstancesRequest,
  options: EditOptions = {},
): EditResult {
  return instances.addInstances(text, request, options, linter);
}

/**
 * Removes instances from a section and renumbers the ones after them, so that numbering stays
 * contiguous. Refused like {@link addInstances}.
 */
export function removeInstances(
  text: string,
  request: instances.RemoveInstancesRequest,
  options: EditOptions = {},
): EditResult {
  return instances.removeInstances(text, request, options, linter);
}

/** Sets values of a driver file, in order; refused like {@link addInstances}. */
export function setValues(text: string, assignments: readonly set.Assignment[], options: EditOptions = {}): EditResult {
  return set.setValues(text, assignments, options, linter);
}

/** Sets variables of qatlib's file the way systemd and qat_init.sh read them; refused like {@link addInstances}. */
export function setEnvValues(
  text: string,
  assignments: readonly sysconfig.EnvAssignment[],
  options: EditOptions = {},
): EditResult {
  return sysconfig.setEnvValues(text, assignments, options, linter);
}

/** Prepares a PF file for SR-IOV (Intel's application note 330689); idempotent, refused for a VF file. */
export function enableSriov(text: string, options: EditOptions = {}): EditResult {
  return sriov.enableSriov(text, options, linter);
}

/** Writes a VF guest file within the VF's ring budget; refused when it would lint with errors. */
export function vfConfig(request: vf.VfConfigRequest): EditResult {
  return vf.vfConfig(request, linter);
}
