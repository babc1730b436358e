/**
 * The instance model: which instances a configuration file makes the driver create, read the way
 * the driver reads them (`adf_cfg_section.c` and `adf_config_device` of the modelled package, see
 * `packages.ts`):
 *
 * - the package's kernel sections (`[KERNEL]`, and `[KERNEL_QAT]` on QAT 1.7) are processed first, once;
 * - every other section (but GENERAL and INLINE) is a user section, processed in byte order of
 *   its name (adf_ctl hands sections to the kernel from a `std::map`, not in file order), copied once per process
 *   (`NumProcesses`, absent meaning 0) into `<Section>_INT_<n>` (`<Section>_DEV<d>_INT_<n>` with
 *   `LimitDevAccess`), `adf_cfg_process_user_section`;
 * - in each copy, instances are created service by service in the order CRYPTO, COMP, SYM, ASYM
 *   for every service the ring-to-service map enables (`adf_cfg_is_svc_enabled`): `Cy0..Cy<n-1>`
 *   for crypto services (twice on QAT 2.0 `asym;sym`: once as sym, once as asym), `Dc0..Dc<n-1>`.
 */
import type { ConfigView, MergedSectionView, SectionView } from "../config/view.ts";
import type { EntryLine, Range } from "../syntax/tree.ts";
import { parseCoreAffinity } from "./core-affinity.ts";
import { isQat1 } from "./devices.ts";
import { instanceKey } from "./keys.ts";
import { type DriverPackage, packageFor } from "./packages.ts";
import { defaultServicesEnabled, enabledServices, ringMap } from "./ring-map.ts";
import type {
  CountSetting,
  DeviceConfig,
  DeviceFamily,
  DeviceSettings,
  InstanceDeclaration,
  InstanceKind,
  InstanceRequest,
  InstanceSection,
  InstanceService,
  PfServices,
  SlotService,
} from "./types.ts";

/** The kernel sections of QAT 1.7 packages, in the order the driver processes them (`adf_config_device`). */
export const KERNEL_SECTIONS: readonly string[] = ["KERNEL", "KERNEL_QAT"];

/** The section the driver processes as its accelerator section, never as a user section (`ADF_ACCEL_SEC`). */
const ACCEL_SECTION = "Accelerator";

/**
 * The PF ServicesEnabled assumed for a QAT 1.x VF when nothing says what its PF runs: the value of
 * the package's SR-IOV host PF file (`<family>pf_dev0.conf`, `cy;dc` in L.4.8 and L.4.24).
 */
export const ASSUMED_PF_SERVICES = "cy;dc";

function pfOf(settings: DeviceSettings): PfServices {
  if (settings.pfServicesEnabled === undefined) return { value: ASSUMED_PF_SERVICES, assumed: true };
  return {
    value: settings.pfServicesEnabled,
    assumed: false,
    ...(settings.pfServicesSource === undefined ? {} : { source: settings.pfServicesSource }),
  };
}

/** How a message names the PF value a VF was modelled with: "ServicesEnabled = cy;dc (assumed: ...)". */
export function describePfServices(pf: PfServices): string {
  const where = pf.assumed
    ? "assumed, as in Intel's SR-IOV host PF file; give --pf-services or lint the PF file with it"
    : pf.source === undefined
      ? "from --pf-services or .qatconf.json"
      : `from ${pf.source}`;
  return `ServicesEnabled = ${pf.value} (${where})`;
}

/** Byte order of section names, as `std::map<std::string, ...>` keeps them in adf_ctl. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Sections the driver never reads instances from (`adf_cfg_process_section`). */
const NO_INSTANCES: ReadonlySet<string> = new Set(["GENERAL", "INLINE"]);

/** Count keys of a section, by instance kind (adf_cfg_strings.h `ADF_NUM_CY`, `ADF_NUM_DC`). */
export const COUNT_KEY: Readonly<Record<InstanceKind, string>> = {
  cy: "NumberCyInstances",
  dc: "NumberDcInstances",
};

/** Key prefix of each kind (`ADF_CY`, `ADF_DC`). */
export const KIND_PREFIX: Readonly<Record<InstanceKind, string>> = { cy: "Cy", dc: "Dc" };

/**
 * Instances past this many are not expanded: no device has more ring slots than this (c4xxx: 128
 * banks of 4), so a larger count fails anyway, and a typo like `NumProcesses = 100000` stays cheap.
 */
export const MAX_EXPANDED_INSTANCES = 4096;

/**
 * What a configuration file asks of a device: services, SR-IOV, the sections that declare
 * instances and every instance the driver would create, in its allocation order. Never throws.
 *
 * @param view the file's semantic view
 * @param family the device family the file configures
 * @param isVf whether the file configures a VF (its banks are the family's VF layout)
 * @param settings the driver package to model and, for a VF, its PF's ServicesEnabled
 */
export function deviceConfig(
  view: ConfigView,
  family: DeviceFamily,
  isVf: boolean,
  settings: DeviceSettings = {},
): DeviceConfig {
  const general = view.merged("GENERAL");
  const servicesEnabledEntry = general?.entry("ServicesEnabled");
  const servicesEnabled = general?.get("ServicesEnabled") ?? defaultServicesEnabled(family.generation);
  const { package: driver, mismatch } = packageFor(family.generation, settings.driver);
  // A QAT 1.x VF has no ring map of its own: the PF sends its own (adf_pf_vf_ring_to_svc_init).
  const pfServices = isVf && isQat1(family) && family.generation !== "1.5" ? pfOf(settings) : undefined;
  const map = ringMap(family.generation, pfServices?.value ?? servicesEnabled);
  const sriovEntry = general?.entry("SRIOV_Enabled");
  const profile = general?.get("ServicesProfile");
  const deviceNumber = view.file?.index ?? 0;
  const sections = readInstanceSections(view, driver);
  const config: DeviceConfig = {
    family,
    isVf,
    layout: isVf ? family.vf : family.pf,
    servicesEnabled,
    sriovEnabled: (general?.number("SRIOV_Enabled") ?? 0) !== 0,
    deviceNumber,
    sections,
    instances: requests(sections, map, deviceNumber),
    userSections: userSections(view, driver),
  };
  if (driver) config.driver = driver;
  if (mismatch) config.driverMismatch = mismatch;
  if (pfServices) config.pfServices = pfServices;
  if (servicesEnabledEntry) config.servicesEnabledEntry = servicesEnabledEntry;
  if (map) config.ringMap = map;
  if (profile !== undefined) config.servicesProfile = profile;
  if (sriovEntry) config.sriovEntry = sriovEntry;
  return config;
}

/**
 * The sections of a file that declare instances (counts, NumProcesses or `Cy<N>`/`Dc<N>` keys),
 * in the driver's order: the package's kernel sections, then user sections by name in byte order,
 * same-named sections merged. Needs no device family, so that instance rules work on any file
 * (without a package, QAT 1.7's kernel sections). Not cached here: the linter computes it once per
 * file through {@link deviceConfig}, and a module-level cache keyed by the view would keep every
 * file's tree alive (V8's young-generation collector treats WeakMap values as live).
 */
export function readInstanceSections(view: ConfigView, driver?: DriverPackage): InstanceSection[] {
  const kernel = driver?.kernelSections ?? KERNEL_SECTIONS;
  const out: InstanceSection[] = [];
  for (const name of kernel) {
    const merged = view.merged(name);
    if (merged) out.push(readSection(merged, true));
  }
  for (const merged of sortedSections(view)) {
    if (NO_INSTANCES.has(merged.name) || kernel.includes(merged.name)) continue;
    if (declaresInstances(merged)) out.push(readSection(merged, false));
  }
  return out;
}

function sortedSections(view: ConfigView): MergedSectionView[] {
  return [...view.mergedSections()].sort((a, b) => byteOrder(a.name, b.name));
}

/** Every section the package processes as a user section (`adf_cfg_process_section`), in its order. */
function userSections(view: ConfigView, driver: DriverPackage | undefined): DeviceConfig["userSections"] {
  const kernel = driver?.kernelSections ?? KERNEL_SECTIONS;
  const noOp = driver?.noOpSections ?? ["GENERAL"];
  return sortedSections(view)
    .filter((s) => !kernel.includes(s.name) && !noOp.includes(s.name) && s.name !== ACCEL_SECTION)
    .map((s) => ({
      name: s.name,
      processes: Math.max(0, s.number("NumProcesses") ?? 0),
      numberCy: s.number(COUNT_KEY.cy) ?? 0,
    }));
}
function declaresInstances(section: MergedSectionView): boolean {
  return section
    .keys()
    .some((k) => k === COUNT_KEY.cy || k === COUNT_KEY.dc || k === "NumProcesses" || instanceKey(k) !== undefined);
}

function count(section: MergedSectionView, key: string): CountSetting | undefined {
  const entry = section.entry(key);
  return entry ? { value: section.number(key), entry } : undefined;
}

function readSection(section: MergedSectionView, kernel: boolean): InstanceSection {
  const numberCy = count(section, COUNT_KEY.cy);
  const numberDc = count(section, COUNT_KEY.dc);
  const numProcesses = kernel ? undefined : count(section, "NumProcesses");
  const processes = kernel ? 1 : clampCount(numProcesses?.value);
  const out: InstanceSection = {
    name: section.name,
    kernel,
    views: section.parts,
    limitDevAccess: !kernel && (section.number("LimitDevAccess") ?? 0) !== 0,
    processes,
    instances: declarations(section, { cy: clampCount(numberCy?.value), dc: clampCount(numberDc?.value) }),
  };
  if (numberCy) out.numberCy = numberCy;
  if (numberDc) out.numberDc = numberDc;
  if (numProcesses) out.numProcesses = numProcesses;
  return out;
}

function clampCount(value: number | undefined): number {
  return value === undefined || value < 0 ? 0 : Math.min(value, MAX_EXPANDED_INSTANCES);
}

/** Every instance written or counted in a section, Cy before Dc, by number. */
function declarations(section: MergedSectionView, counts: Record<InstanceKind, number>): InstanceDeclaration[] {
  const keys: Record<InstanceKind, Map<number, Map<string, EntryLine>>> = { cy: new Map(), dc: new Map() };
  for (const key of section.keys()) {
    const parts = instanceKey(key);
    if (!parts) continue;
    const kind: InstanceKind = parts.family === "Cy" ? "cy" : "dc";
    const { index } = parts;
    let byIndex = keys[kind].get(index);
    if (!byIndex) {
      byIndex = new Map();
      keys[kind].set(index, byIndex);
    }
    const entry = section.entry(key);
    if (entry) byIndex.set(parts.suffix, entry);
  }
  const out: InstanceDeclaration[] = [];
  for (const kind of ["cy", "dc"] as const) {
    const indexes = new Set(keys[kind].keys());
    for (let i = 0; i < counts[kind]; i++) indexes.add(i);
    for (const index of [...indexes].sort((a, b) => a - b)) {
      out.push(declaration(section, kind, index, keys[kind].get(index) ?? new Map(), index < counts[kind]));
    }
  }
  return out;
}

function declaration(
  section: MergedSectionView,
  kind: InstanceKind,
  index: number,
  keys: ReadonlyMap<string, EntryLine>,
  counted: boolean,
): InstanceDeclaration {
  const label = `${KIND_PREFIX[kind]}${index}`;
  const out: InstanceDeclaration = {
    kind,
    index,
    label,
    section: section.name,
    counted,
    keys,
    range: declarationRange(section, kind, keys),
  };
  const name = section.get(`${label}Name`);
  if (name !== undefined) out.name = name;
  const poll = section.number(`${label}IsPolled`);
  if (poll !== undefined) out.poll = poll;
  const affinity = section.get(`${label}CoreAffinity`);
  if (affinity !== undefined) {
    out.coreAffinity = affinity;
    const list = parseCoreAffinity(affinity);
    if (list.ok) out.cores = list.cores;
  }
  return out;
}

function declarationRange(section: MergedSectionView, kind: InstanceKind, keys: ReadonlyMap<string, EntryLine>): Range {
  const entry = keys.get("Name") ?? firstByPosition(keys) ?? section.entry(COUNT_KEY[kind]);
  return entry ? entry.range : (section.parts[0] as SectionView).node.header.range;
}

function firstByPosition(keys: ReadonlyMap<string, EntryLine>): EntryLine | undefined {
  let first: EntryLine | undefined;
  for (const entry of keys.values()) {
    if (!first || entry.range.start.offset < first.range.start.offset) first = entry;
  }
  return first;
}

/** The process name of copy `process` of a user section, as `adf_cfg_process_user_section` writes it. */
export function processName(section: InstanceSection, process: number, deviceNumber: number): string {
  if (section.kernel) return section.name;
  return section.limitDevAccess
    ? `${section.name}_DEV${deviceNumber}_INT_${process}`
    : `${section.name}_INT_${process}`;
}

/** Every instance the driver creates, in its order: section, process, service, number. */
function requests(
  sections: readonly InstanceSection[],
  map: readonly SlotService[] | undefined,
  deviceNumber: number,
): InstanceRequest[] {
  // Without a map (QAT 1.5, or a value the driver refuses) every counted instance is listed once
  // under its own kind, so that counts stay visible to the rules.
  const services: InstanceService[] = map ? enabledServices(map) : ["cy", "dc"];
  const out: InstanceRequest[] = [];
  for (const section of sections) {
    if (!sectionRequests(section, services, deviceNumber, out)) break;
  }
  return out;
}

/** Appends a section's instances to `out`; false once the expansion limit is reached. */
function sectionRequests(
  section: InstanceSection,
  services: readonly InstanceService[],
  deviceNumber: number,
  out: InstanceRequest[],
): boolean {
  const counted = section.instances.filter((d) => d.counted);

  for (let process = 0; process < section.processes; process++) {
    for (const service of services) {
      const kind: InstanceKind = service === "dc" ? "dc" : "cy";
      for (const d of counted) {
        if (d.kind !== kind) continue;
        if (out.length >= MAX_EXPANDED_INSTANCES) return false;
        out.push(request(section, d, service, process, deviceNumber, d.cores ?? []));
      }
    }
  }
  return true;
}

function request(
  section: InstanceSection,
  d: InstanceDeclaration,
  service: InstanceService,
  process: number,
  deviceNumber: number,
  cores: readonly number[],
): InstanceRequest {
  const out: InstanceRequest = {
    service,
    kind: d.kind,
    index: d.index,
    label: d.label,
    section: section.name,
    processName: processName(section, process, deviceNumber),
    kernel: section.kernel,
    // The driver reads a missing IsPolled as a failure before allocating; -1 marks it unreadable.
    poll: d.poll ?? -1,
    declaration: d,
  };
  if (!section.kernel) out.process = process;
  if (d.name !== undefined) out.name = d.name;
  // The copy for process p is bound to entry p % count of the list; kernel instances to entry 0.
  const core = cores[(section.kernel ? 0 : process) % Math.max(cores.length, 1)];
  if (core !== undefined) out.core = core;
  return out;
}

/**
 * A file's instance sections: from its device model when the family is known, else read from the
 * view directly (no driver package to follow).
 */
export function instanceSectionsOf(file: { device?: DeviceConfig; view: ConfigView }): InstanceSection[] {
  return file.device?.sections ?? readInstanceSections(file.view);
}

/** Whether the driver creates the section's instances: kernel sections, user sections with processes. */
export function isProcessed(section: InstanceSection): boolean {
  return section.kernel || section.processes > 0;
}

/**
 * Whether ServicesEnabled enables a kind of instance on the device; `undefined` when unknown (no
 * family, QAT 1.5, or a value the driver refuses).
 */
export function kindEnabled(file: { device?: DeviceConfig }, kind: InstanceKind): boolean | undefined {
  const map = file.device?.ringMap;
  if (!map) return undefined;
  return kind === "dc" ? map.includes("dc") : map.some((s) => s === "cy" || s === "sym" || s === "asym");
}

/** `Cy0 ("SSL0") in [SSL]`: an instance as a message names it. */
export function describeInstance(d: InstanceDeclaration): string {
  return `${d.label}${d.name === undefined ? "" : ` ("${d.name}")`} in [${d.section}]`;
}
