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

// Keyed by the document, so that what is built lives only as long as the tree it was built from.
const built = new WeakMap<ConfigDocument, Built>();

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
  let entry = built.get(document);
  if (!entry || entry.options !== options) {
    entry = { options, view: view(document) };
    built.set(document, entry);
  }
  if (!family) return { view: entry.view };
  if (entry.family !== family || entry.isVf !== isVf || !entry.device) {
    entry.family = family;
    entry.isVf = isVf;
    entry.device = deviceConfig(entry.view, family, isVf, deviceSettings(options));
  }
  return { view: entry.view, device: entry.device };
}
