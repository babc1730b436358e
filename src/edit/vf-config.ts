/**
 * `vf-config`: a guest's VF file, written from scratch within the VF's ring budget. By default it
 * takes the whole VF for the services chosen (a c6xx VF, one bank of 16 rings, holds 2 Cy and 2 Dc
 * instances with `cy;dc`): the counts come from the ring allocator, never from a table.
 */
import { view } from "../config/view.ts";
import { insert } from "../fixes.ts";
import { allocate, slotCounts, unsupportedOnPf } from "../model/allocator.ts";
import { deviceSettings } from "../model/device-options.ts";
import { deviceName, familyNames, findFamily, isQat1 } from "../model/devices.ts";
import { ASSUMED_PF_SERVICES, deviceConfig } from "../model/instances.ts";
import { defaultServicesEnabled, enabledServices } from "../model/ring-map.ts";
import type { DeviceFamily, DeviceSettings } from "../model/types.ts";
import { parse } from "../syntax/parse.ts";
import { plural } from "../text/plural.ts";
import { closest, didYouMean } from "../text/suggest.ts";
import { type AddInstancesRequest, addInstances } from "./instances.ts";
import { type EditResult, lintOptionsOf, type ResultLinter, refused } from "./result.ts";

/** What {@link vfConfig} writes. */
export interface VfConfigRequest extends Omit<AddInstancesRequest, "cy" | "dc"> {
  /** The device family (`c6xx`, `4xxx`); `c6xxvf` is accepted too. */
  device: string;
  /**
   * ServicesEnabled; default: the PF's on QAT 1.x (`pfServices`, else `cy;dc`), `asym;sym` on QAT 2.0.
   */
  services?: string;
  /**
   * The PF's ServicesEnabled (QAT 1.x): a VF gets its PF's ring map, so this decides how many
   * instances fit; default: `cy;dc`, the value of the package's SR-IOV host PF file.
   */
  pfServices?: string;
  /** The driver package to model (`--driver`); default: the newest for the generation. */
  driver?: string;
  /** Crypto instances; default: as many as the VF holds for the services (per process). */
  cy?: number;
  /** Compression instances; default: as many as the VF holds for the services (per process). */
  dc?: number;
}

/** The file name a VF file of a family goes by in the guest (`c6xxvf_dev0.conf`). */
export function vfFileName(family: DeviceFamily): string {
  return `${deviceName(family, true)}_dev0.conf`;
}

/**
 * Writes a VF guest file. The result's `text` is the whole file and its one edit inserts it into
 * an empty text. Refused when the device is unknown or has no VFs, when the services are not the
 * device's, when the instances asked for do not fit the VF's rings, or when the file would lint
 * with errors.
 */
export function vfConfig(request: VfConfigRequest, linter: ResultLinter): EditResult {
  const family = findFamily(request.device);
  if (!family) {
    const hint = didYouMean(closest(request.device, familyNames()));
    return refused("", {
      kind: "request",
      message: `unknown device '${request.device}'${hint ? `: ${hint}` : ""}`,
      hint: `known devices: ${familyNames().join(", ")}`,
    });
  }
  const vf = family.vf;
  if (!vf) return refused("", { kind: "request", message: `the ${family.name} has no virtual functions` });
  if (family.inTreeOnly) {
    return refused("", {
      kind: "request",
      message: `no out-of-tree package drives the ${family.name}, so no guest driver reads a ${vfFileName(family)}`,
      hint: "its VFs run qatlib in the guest, which reads no VF file: qatconf vf-plan --guest-stack qatlib lays them out",
    });
  }
  const qat1 = isQat1(family);
  const services =
    request.services ?? (qat1 ? request.pfServices : undefined) ?? defaultServicesEnabled(family.generation);
  if (!family.servicesEnabled.includes(services)) {
    return refused("", {
      kind: "request",
      message: `ServicesEnabled '${services}' is not one the ${family.id} driver accepts`,
      hint: `choose one of: ${family.servicesEnabled.join(", ")}`,
    });
  }
  const pfServices = request.pfServices ?? ASSUMED_PF_SERVICES;
  const missing = qat1 ? unsupportedOnPf(services, pfServices) : [];
  if (missing.length > 0) {
    return refused("", {
      kind: "request",
      message: `ServicesEnabled '${services}' asks for ${missing.join(" and ")}, which a PF with ServicesEnabled = ${pfServices} does not run: the VF's driver stops with "Unsupported device configuration"`,
      hint: `choose services within the PF's (${pfServices}), or give the PF's real value with --pf-services`,
    });
  }
  const lintOptions = {
    fileName: vfFileName(family),
    ...(request.driver === undefined ? {} : { driver: request.driver }),
    ...(qat1 ? { pfServicesEnabled: pfServices } : {}),
  };
  const fileName = lintOptions.fileName;
  const base = baseText(family, services);
  const capacity = vfCapacity(base, family, request.processes ?? 1, deviceSettings(lintOptions));
  const cy = request.cy ?? capacity?.cy;
  const dc = request.dc ?? capacity?.dc;
  if (cy === undefined || dc === undefined) {
    return refused("", {
      kind: "request",
      message: `qatconf does not model the rings of a ${family.id} VF: give --cy and --dc`,
    });
  }
  const { device: _device, services: _services, pfServices: _pf, driver: _driver, ...add } = request;
  const { fileName: _name, ...model } = lintOptions;
  const result = addInstances(base, { ...add, cy, dc }, { fileName, lint: model, linter });
  if (result.refusal) return refused("", result.refusal, result.diagnostics);
  const errors = linter(result.text, lintOptionsOf({ fileName, lint: model })).filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return refused(
      "",
      { kind: "lint", message: `the VF file would have ${errors.length} lint error(s): it is not written` },
      errors,
    );
  }
  return { ...result, edits: [insert(0, result.text)] };
}

/** GENERAL and KERNEL of a VF file, as Intel's shipped VF files write them. */
function baseText(family: DeviceFamily, services: string): string {
  const vf = family.vf as NonNullable<DeviceFamily["vf"]>;
  const lines = [
    `# ${family.name} virtual function: the guest's /etc/${vfFileName(family)} (written by qatconf vf-config).`,
    `# A ${family.id} VF has ${plural(vf.banks, "bank")} of ${vf.ringsPerBank} rings: its instances must fit them.`,
    "",
    "[GENERAL]",
    `ServicesEnabled = ${services}`,
    "ConfigVersion = 2",
    "CyNumConcurrentSymRequests = 512",
    "CyNumConcurrentAsymRequests = 64",
    "DcNumConcurrentRequests = 512",
    "statsGeneral = 1",
    "statsDc = 1",
    "statsSym = 1",
    "statsRsa = 1",
  ];
  // QAT 2.0 files have no intermediate buffers setting (Intel's 4xxx files do not set it).
  if (isQat1(family)) lines.push("DcIntermediateBufferSizeInKB = 64");
  lines.push(
    "",
    "# Kernel instances would take whole banks from the guest's processes: none.",
    "[KERNEL]",
    "NumberCyInstances = 0",
    "NumberDcInstances = 0",
    "",
  );
  return lines.join("\n");
}

/**
 * How many Cy and Dc instances each process gets when the VF is shared evenly: the VF's slots of
 * each service the instances take (a Cy instance asks for every crypto service the map enables),
 * divided by the processes. `undefined` when the allocator does not model the VF.
 */
function vfCapacity(
  base: string,
  family: DeviceFamily,
  processes: number,
  settings: DeviceSettings,
): { cy: number; dc: number } | undefined {
  const config = deviceConfig(view(parse(base)), family, true, settings);
  const result = allocate(config);
  const map = config.ringMap;
  if (!result.modelled || !map) return undefined;
  const slots = slotCounts(result.banks);
  const crypto = enabledServices(map).filter((s) => s !== "dc");
  // The VF's own ServicesEnabled must name a service for its instances: L.4.24 refuses the others
  // even where the PF's map has rings for them (NumDcInstances > 0, when DC is not enabled).
  const own = config.servicesEnabled.split(";");
  const namesCrypto = own.some((t) => t.startsWith("cy") || t.startsWith("sym") || t.startsWith("asym"));
  const namesDc = own.some((t) => t.startsWith("dc"));
  const cy = crypto.length === 0 || !namesCrypto ? 0 : Math.min(...crypto.map((s) => slots[s].total));
  const dc = enabledServices(map).includes("dc") && namesDc ? slots.dc.total : 0;
  const per = Math.max(1, processes);
  return { cy: Math.floor(cy / per), dc: Math.floor(dc / per) };
}
