/**
 * A linted file's semantic view and device model, built once for the file rules and the set rules:
 * `qatconf lint` runs both over every file of a folder, and building them again for the set was a
 * tenth of a run over 10,000 files.
 */
import { type ConfigView, view } from "../config/view.ts";
import { deviceSettings } from "../model/device-options.ts";
import { deviceConfig } from "../model/instances.ts";
import type { DeviceConfig, DeviceFamily } from "../model/types.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import type { LintOptions } from "./types.ts";

interface Built {
  options: LintOptions;
  view: ConfigView;
  family?: DeviceFamily;
  isVf?: boolean;
  device?: DeviceConfig;
}

// Kept on the document itself, so that it lives only as long as the tree it was built from. Not a
// WeakMap: with one entry per file of a 10,000-file run, its ephemerons made each collection slower.
const BUILT: unique symbol = Symbol("qatconf.fileModel");
type WithModel = ConfigDocument & { [BUILT]?: Built };

/**
 * The view of `document` and, when `family` is given, its device model under `options`. What was
 * built for the same document and the same options object is reused: neither is ever mutated, and
 * a tree is never edited in place (edits make a new text).
 */
export function fileModel(
  document: ConfigDocument,
  options: LintOptions,
  family: DeviceFamily | undefined,
  isVf: boolean,
): { view: ConfigView; device?: DeviceConfig } {
  const holder = document as WithModel;
  let entry = holder[BUILT];
  if (!entry || entry.options !== options) {
    entry = { options, view: view(document) };
    // Not enumerable: a tree compared or copied is compared or copied without it.
    Object.defineProperty(holder, BUILT, { value: entry, writable: true, configurable: true });
  }
  if (!family) return { view: entry.view };
  if (entry.family !== family || entry.isVf !== isVf || !entry.device) {
    entry.family = family;
    entry.isVf = isVf;
    entry.device = deviceConfig(entry.view, family, isVf, deviceSettings(options));
  }
  return { view: entry.view, device: entry.device };
}
