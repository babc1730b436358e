/**
 * Which device a file configures and which driver package models it, from the options every entry
 * point takes (`--device`, `--driver`, `--pf-services`, the file name): the linter, the editors,
 * the language server and `explain` ask the same two functions, so that they model the same device.
 */
import { familyForFileName, findFamily } from "./devices.ts";
import { findPackage } from "./packages.ts";
import type { DeviceFamily, DeviceSettings } from "./types.ts";

/** The options that choose the device and its model. */
export interface DeviceOptions {
  /** The file's name or path: the device family, PF/VF and number are read from it. */
  fileName?: string;
  /** Device family id or alias, overriding the file name (`--device`). */
  device?: string;
  /**
   * The driver package to model (`--driver`): a full name such as `QAT.L.4.24.0-00005` or a short
   * form (`4.24`); default: the newest package modelled for the file's generation.
   */
  driver?: string;
  /** The PF's ServicesEnabled, for a VF file (`--pf-services`): its ring map is the VF's. */
  pfServicesEnabled?: string;
  /** The PF file `pfServicesEnabled` was read from, when lint found it among the files. */
  pfServicesSource?: string;
}

/** The device a file configures, as the out-of-tree driver's model sees it. */
export interface ResolvedDevice {
  /** The family modelled; `undefined` when it cannot be told, or when no out-of-tree package drives it. */
  family?: DeviceFamily;
  isVf: boolean;
  /**
   * The family named when no out-of-tree package drives it (the 6xxx): no driver reads such a
   * file, so nothing is modelled for it, and the linter says so instead.
   */
  inTreeOnly?: DeviceFamily;
}

/** The device family and PF/VF role a file is modelled as: `--device` first, then the file name. */
export function resolveDevice(options: Pick<DeviceOptions, "fileName" | "device">): ResolvedDevice {
  const fromName = options.fileName === undefined ? undefined : familyForFileName(options.fileName);
  let family = fromName?.family;
  let isVf = fromName?.isVf ?? false;
  if (options.device !== undefined) {
    family = findFamily(options.device);
    // `--device c6xxvf` names a VF file as well as the family.
    isVf = options.device.trim().toLowerCase().endsWith("vf") || isVf;
  }
  if (family?.inTreeOnly) return { isVf, inTreeOnly: family };
  return family ? { family, isVf } : { isVf };
}

/**
 * The device model's settings from the options. A package name no package has is left out
 * (the default is modelled): the CLI and the configuration reader refuse such names first.
 */
export function deviceSettings(
  options: Pick<DeviceOptions, "driver" | "pfServicesEnabled" | "pfServicesSource">,
): DeviceSettings {
  const driver = options.driver === undefined ? undefined : findPackage(options.driver);
  return {
    ...(driver ? { driver } : {}),
    ...(options.pfServicesEnabled === undefined ? {} : { pfServicesEnabled: options.pfServicesEnabled }),
    ...(options.pfServicesSource === undefined ? {} : { pfServicesSource: options.pfServicesSource }),
  };
}
