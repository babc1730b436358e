/**
 * The driver packages qatconf models: Intel's out-of-tree Linux packages, whose configuration code
 * (`quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_*.c`) decides where every instance goes and
 * what refuses a file. They differ in ways a file can feel, each named here with the function behind
 * it, and each checked against `../shared/driver-verdicts/` (what that package's own code, run
 * unmodified, made of 624 files).
 */
import type { Generation } from "./types.ts";

/** How a package's allocator shares banks (`adf_cfg_bundle.c`: `adf_cfg_can_be_shared`, `adf_cfg_get_ring_pairs`). */
export type SharingModel = "qat17" | "qat20";

/** One driver package and what its configuration code does differently. */
export interface DriverPackage {
  /** The package's name as Intel spells it: `QAT.L.4.24.0-00005`. */
  id: string;
  /** Short forms accepted by `--driver` (`4.24`). The first is the one messages use. */
  short: readonly string[];
  /** For messages: "QAT 1.7 Linux package L.4.24". */
  title: string;
  /** The hardware generations the package drives. */
  generations: readonly Generation[];
  /** Families (file-name ids) the package ships a driver for. */
  families: readonly string[];
  /**
   * Sections the package treats as kernel sections, in processing order (`adf_config_device`):
   * QAT 1.7 `KERNEL` then `KERNEL_QAT`; QAT 2.0 only `KERNEL` (`[KERNEL_QAT]` is a user section there).
   */
  kernelSections: readonly string[];
  /** Sections processed as no-ops (`adf_cfg_process_section`): never user sections. */
  noOpSections: readonly string[];
  /**
   * Whether ServicesProfile selects the accepted ServicesEnabled values (`adf_profiles[]` with
   * `get_fw_image_type`, L.4.24); L.4.8 has one table (`adf_cfg_svcs[]`) whatever the profile.
   */
  honoursServicesProfile: boolean;
  /** The driver's message for a ServicesEnabled value it refuses (`adf_cfg_get_services_enabled`). */
  invalidServices(value: string, profileId: number): string;
  /**
   * L.4.24 only: a lone user section with crypto and one process spreads its crypto instances over
   * free banks (`adf_cfg_process_user_cy_section` sets `is_user_bundle_dist_needed`; any user
   * section with `NumProcesses != 1` clears it; `adf_cfg_can_be_shared` then refuses a used bank
   * while `bundles_free`).
   */
  spreadsLoneCryptoSection: boolean;
  /**
   * L.4.24 only: `adf_cfg_create_rings_entries_for_cy_inst`/`_dc_inst` refuse instances of a service
   * the ServicesEnabled string does not name, with these messages.
   */
  refusesUnenabledService?: { dc: string; cy: string };
  sharing: SharingModel;
  /** Where each behaviour was read: public copies of the package. */
  sources: readonly string[];
}

const QAT17_FAMILIES_424 = ["dh895xcc", "c6xx", "c3xxx", "200xx", "d15xx", "c4xxx"];

/** The packages, newest first within each generation. */
const PACKAGES: readonly DriverPackage[] = [
  {
    id: "QAT.L.4.24.0-00005",
    short: ["4.24", "L.4.24", "QAT1.7.L.4.24.0-00005"],
    title: "QAT 1.7 Linux package L.4.24.0-00005",
    generations: ["1.6", "1.7", "1.8"],
    families: QAT17_FAMILIES_424,
    kernelSections: ["KERNEL", "KERNEL_QAT"],
    noOpSections: ["GENERAL"],
    honoursServicesProfile: true,
    invalidServices: (value, profile) => `Invalid ServicesEnabled ${value} for ServicesProfile: ${profile}`,
    spreadsLoneCryptoSection: true,
    refusesUnenabledService: {
      dc: "NumDcInstances > 0, when DC is not enabled",
      cy: "NumCyInstances > 0, when CY is not enabled",
    },
    sharing: "qat17",
    sources: [
      "nobidev/vyos-qat (QAT.L.4.24.0-00005) quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c, adf_cfg_bundle.c, adf_cfg_section.c",
    ],
  },
  {
    id: "QAT1.7.L.4.8.0-00005",
    short: ["4.8", "L.4.8", "QAT.L.4.8.0-00005"],
    title: "QAT 1.7 Linux package L.4.8.0-00005",
    generations: ["1.6", "1.7", "1.8"],
    families: ["dh895xcc", "c6xx", "c3xxx", "d15xx"],
    kernelSections: ["KERNEL", "KERNEL_QAT"],
    noOpSections: ["GENERAL"],
    honoursServicesProfile: false,
    invalidServices: (value) => `Invalid services enabled: ${value}`,
    spreadsLoneCryptoSection: false,
    sharing: "qat17",
    sources: [
      "patchguard/qatdriver (qat1.7.l.4.8.0-00005) quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c, adf_cfg_bundle.c, adf_cfg_section.c",
    ],
  },
  {
    id: "QAT20.L.1.1.50-00003",
    short: ["1.1.50", "L.1.1.50", "QAT20.L.1.1.50"],
    title: "QAT 2.0 Linux package L.1.1.50-00003",
    generations: ["2.0"],
    families: ["4xxx", "401xx", "402xx", "vqat-adi"],
    kernelSections: ["KERNEL"],
    noOpSections: ["GENERAL", "INLINE", "SIOV"],
    honoursServicesProfile: false,
    invalidServices: (value) => `Invalid services enabled: ${value}`,
    spreadsLoneCryptoSection: false,
    sharing: "qat20",
    sources: [
      "zhiyisun/qat (QAT20.L.1.1.50-00003) quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c, adf_cfg_bundle.c, adf_cfg_section.c; qat_4xxx/adf_4xxx_hw_data.c",
    ],
  },
];

/** Every modelled package, newest first within each generation. */
export function allPackages(): readonly DriverPackage[] {
  return PACKAGES;
}

/** Names `--driver` accepts, for help texts and "did you mean" messages. */
export function packageNames(): string[] {
  return PACKAGES.flatMap((p) => [p.id, ...p.short]);
}

/**
 * The package named by `--driver` or `"driver"`: its full name (`QAT.L.4.24.0-00005`) or a short
 * form (`4.24`, `L.4.24`), case-insensitive; `undefined` when none matches.
 */
export function findPackage(name: string): DriverPackage | undefined {
  const n = name.trim().toLowerCase();
  return PACKAGES.find((p) => p.id.toLowerCase() === n || p.short.some((s) => s.toLowerCase() === n));
}

/** The newest modelled package for a generation (the default), `undefined` for QAT 1.5. */
export function defaultPackage(generation: Generation): DriverPackage | undefined {
  return PACKAGES.find((p) => p.generations.includes(generation));
}

/**
 * The package a file is modelled with: the one asked for when it drives the file's generation,
 * else the generation's default. `mismatch` is set when the asked-for package does not drive the
 * generation (the caller says so), so that one setting can serve a mixed folder.
 */
export function packageFor(
  generation: Generation,
  asked: DriverPackage | undefined,
): { package?: DriverPackage; mismatch?: DriverPackage } {
  if (asked?.generations.includes(generation)) return { package: asked };
  const fallback = defaultPackage(generation);
  return { ...(fallback ? { package: fallback } : {}), ...(asked ? { mismatch: asked } : {}) };
}
