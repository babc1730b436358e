/**
 * The table of sections and keys the QAT driver reads: where each key belongs, what its value must
 * look like, its default, the driver generations that read it, whether the driver warns that it is
 * deprecated, and the source it was read from. Lookups are precomputed at module load (maps and
 * three compiled patterns), so that linting a key costs one map lookup.
 *
 * Keys are case-sensitive C strings to the driver (`strcmp`), so `numprocesses` is not
 * `NumProcesses`. Instance keys (`Cy3Name`, `Dc0IsPolled`) are a prefix (`Cy`/`Dc`), an index and a
 * suffix, as the driver builds them with `ADF_CY "%d" ...` formats.
 */
import { driverKey, type SectionView } from "../config/view.ts";
import { closest } from "../text/suggest.ts";
import type { Generation } from "./types.ts";

/** The kinds of section the driver tells apart (FreeBSD `adf_cfg_section.c` `adf_cfg_process_section`). */
export type SectionKind = "general" | "kernel" | "user" | "inline" | "siov" | "accelerator";

/** What a value must look like. */
export type ValueType =
  /** Decimal, or hex with `0x`: the driver parses it with `kstrtoul`/`compat_strtoul`. */
  | "integer"
  /** `0` or `1`. */
  | "boolean"
  /** One of `values`, compared as strings. */
  | "enum"
  /** Any text (an instance name, a firmware file). */
  | "string"
  /** A core list such as `0`, `0,2,4` or `0-3` (checked by the `core-affinity` rule). */
  | "cpu-list"
  /** Accelerator numbers such as `0` or `0,1,2,3` (QAT 1.5 `adf_get_range`). */
  | "number-list"
  /** A ServicesEnabled value (checked by the `services-enabled` rule). */
  | "services";

/** One key the driver reads. */
export interface KeySpec {
  /** The key, or its pattern for instance and bank keys (`Cy<N>Name`, `Bank<N>CoreAffinity`). */
  name: string;
  /** Sections where the driver reads it. */
  sections: readonly SectionKind[];
  type: ValueType;
  /** Accepted values of an `enum` key. */
  values?: readonly string[];
  /** Inclusive bounds of an integer key. */
  min?: number;
  max?: number;
  /** The driver's value when the key is absent, when it has one. */
  default?: string;
  /** Driver generations that read the key; absent means every generation. */
  generations?: readonly Generation[];
  /** Generations whose driver prints "Parameter '%s' has been deprecated" when the key is set. */
  deprecatedIn?: readonly Generation[];
  /** One line for messages and docs. */
  description: string;
  /** Where this was read: repository, path and symbol. */
  source: string;
}

/** A key of the table matched against a key as written. */
export interface KeyMatch {
  spec: KeySpec;
  /** The instance or bank number of a pattern key (`3` in `Cy3Name`). */
  index?: number;
}

/** The parts of an instance key: `Cy3IsPolled` is service `Cy`, index 3, suffix `IsPolled`. */
/** The key families of instances: `Cy<N>...` and `Dc<N>...` (adf_cfg_strings.h `ADF_CY`, `ADF_DC`). */
export type KeyFamily = "Cy" | "Dc";

/** A key of an instance, split: `Cy12CoreAffinity` is Cy, 12, CoreAffinity. */
export interface InstanceKey {
  family: KeyFamily;
  index: number;
  suffix: string;
}

// Source shorthands.
const STRINGS = "freebsd/freebsd-src sys/dev/qat/include/common/adf_cfg_strings.h";
const COMMON = "freebsd/freebsd-src sys/dev/qat/include/common/adf_cfg_common.h";
const DEVICE = "freebsd/freebsd-src sys/dev/qat/qat_common/adf_cfg_device.c";
const SECTION = "freebsd/freebsd-src sys/dev/qat/qat_common/adf_cfg_section.c";
const ADF_CTL17 = "drew442/QAT.L.4.28.0-00004 quickassist/utilities/adf_ctl/src/dev_config.cpp (validate_config)";
const OOT17_DEVICE = "drew442/QAT.L.4.28.0-00004 quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c";
const QAT20_STRINGS = "QAT20 out-of-tree package qat_common/adf_cfg_strings.h (KPT, PM, SIOV, AT keys)";
const QAT15_CONFIG =
  "halmartin/wired-15-42-mx84 quickassist/qatmux/QAT1.5/quickassist/adf/user/config_ctl/include/adf_config.h";
const SAMPLES = "Intel's sample files (QAT_Engine qat_hw_config, qat/config; ../shared/corpus)";

const GEN2: readonly Generation[] = ["1.6", "1.7", "1.8"];
const GEN4: readonly Generation[] = ["2.0"];
const GEN15: readonly Generation[] = ["1.5"];

const SERVICES_PROFILES = ["DEFAULT", "CRYPTO", "COMPRESSION", "CUSTOM1"] as const;

function flag(name: string, description: string, source: string, extra: Partial<KeySpec> = {}): KeySpec {
  return { name, sections: ["general"], type: "boolean", description, source, ...extra };
}

function integer(name: string, description: string, source: string, extra: Partial<KeySpec> = {}): KeySpec {
  return { name, sections: ["general"], type: "integer", min: 0, description, source, ...extra };
}

const STATS = ["General", "Dh", "Drbg", "Dsa", "Ecc", "KeyGen", "Dc", "Ln", "Prime", "Rsa", "Sym", "Misc"].map((s) =>
  flag(
    `stats${s}`,
    `collect ${s} statistics in the user-space library`,
    `${DEVICE} (adf_cfg_static_conf, SAL_STATS_CFG_*)`,
    {
      default: "1",
    },
  ),
);

/** Keys read by exact name. */
const EXACT: readonly KeySpec[] = [
  {
    name: "ServicesEnabled",
    sections: ["general"],
    type: "services",
    description: "the services the device runs (cy, dc, sym, asym and their combinations)",
    source: `${DEVICE} (adf_cfg_get_services_enabled)`,
  },
  {
    name: "ConfigVersion",
    sections: ["general"],
    type: "enum",
    values: ["2"],
    description: "configuration file format; adf_ctl of QAT 1.6 and later accepts only 2",
    source: `${ADF_CTL17}: "Only version 2 config file supported"; QAT 1.5 also reads 1 (${QAT15_CONFIG})`,
  },
  {
    name: "ServicesProfile",
    sections: ["general"],
    type: "enum",
    values: SERVICES_PROFILES,
    default: "DEFAULT",
    generations: GEN2,
    description: "firmware profile, which narrows the accepted ServicesEnabled values",
    source: `${OOT17_DEVICE} (adf_cfg_get_fw_image_type, adf_profiles[])`,
  },
  integer("CyNumConcurrentSymRequests", "ring size of symmetric crypto requests", STRINGS, { default: "512", min: 1 }),
  integer("CyNumConcurrentAsymRequests", "ring size of asymmetric crypto requests", STRINGS, { default: "64", min: 1 }),
  integer("DcNumConcurrentRequests", "ring size of compression requests", STRINGS, { default: "512", min: 1 }),
  ...STATS,
  {
    name: "DcIntermediateBufferSizeInKB",
    sections: ["general"],
    type: "enum",
    values: ["32", "64"],
    default: "64",
    description: "size of the compression intermediate buffers",
    source: `${STRINGS} (ADF_INTER_BUF_SIZE)`,
  },
  flag(
    "AutoResetOnError",
    "reset the device automatically after a fatal error",
    `${STRINGS} (ADF_AUTO_RESET_ON_ERROR)`,
    {
      default: "0",
    },
  ),
  flag("SRIOV_Enabled", "enable SR-IOV virtual functions on the PF", SAMPLES),
  {
    name: "Firmware_MofPath",
    sections: ["general"],
    type: "string",
    generations: ["1.5", "1.6"],
    description: "MOF firmware file",
    source: SAMPLES,
  },
  {
    name: "Firmware_MmpPath",
    sections: ["general"],
    type: "string",
    generations: ["1.5", "1.6"],
    description: "MMP firmware file",
    source: SAMPLES,
  },
  flag("PmIdleSupport", "power management idle support", QAT20_STRINGS, { generations: GEN4 }),
  integer("PmIdleInterruptDelay", "power management idle interrupt delay", SAMPLES, { generations: GEN4 }),
  integer(
    "HeartbeatTimer",
    "heartbeat period in milliseconds",
    `${STRINGS} (ADF_HEARTBEAT_TIMER); ${COMMON} (ADF_MIN_HB_TIMER_MS 100, ADF_CFG_HB_DEFAULT_VALUE 500)`,
    {
      min: 100,
      default: "500",
    },
  ),
  flag(
    "KptEnabled",
    "key protection technology",
    `${STRINGS} (ADF_DEV_KPT_ENABLE); ${DEVICE} (adf_cfg_deprecated_params)`,
    {
      deprecatedIn: GEN2,
    },
  ),
  integer("KptMaxSWKPerFn", "most KPT wrapping keys per function", `${QAT20_STRINGS}; 4xxx sample comment`, {
    min: 1,
    max: 128,
    default: "1",
    generations: GEN4,
  }),
  integer("KptMaxSWKPerPASID", "most KPT wrapping keys per PASID", `${QAT20_STRINGS}; 4xxx sample comment`, {
    min: 1,
    max: 128,
    default: "1",
    generations: GEN4,
  }),
  integer(
    "KptMaxSWKLifetime",
    "KPT wrapping key lifetime in seconds (0: no limit)",
    `${QAT20_STRINGS} (ADF_4XXX_KPT_MAX_SWK_TTL 31536000)`,
    {
      max: 31536000,
      default: "0",
      generations: GEN4,
    },
  ),
  flag("KptSWKShared", "share KPT wrapping keys between processes", QAT20_STRINGS, { default: "0", generations: GEN4 }),
  flag("ATEnabled", "address translation services", QAT20_STRINGS, { generations: GEN4 }),
  flag("SVMEnabled", "shared virtual memory", QAT20_STRINGS, { generations: GEN4 }),
  flag("UQEnabled", "user queues", QAT20_STRINGS, { generations: GEN4 }),
  flag("ServiceChainingEnabled", "service chaining", QAT20_STRINGS, { generations: GEN4 }),
  integer("NumCyAccelUnits", "accelerator units given to crypto", `${STRINGS} (ADF_NUM_CY_ACCEL_UNITS)`),
  integer("NumDcAccelUnits", "accelerator units given to compression", `${STRINGS} (ADF_NUM_DC_ACCEL_UNITS)`),
  integer("NumInlineAccelUnits", "accelerator units given to inline", `${STRINGS} (ADF_NUM_INLINE_ACCEL_UNITS)`),
  integer("NumAsymAccelUnits", "accelerator units given to asymmetric crypto", QAT20_STRINGS, { generations: GEN4 }),
  integer("NumSymAccelUnits", "accelerator units given to symmetric crypto", QAT20_STRINGS, { generations: GEN4 }),
  flag(
    "StorageEnabled",
    "storage firmware",
    `${STRINGS} (ADF_STORAGE_FIRMWARE_ENABLED); ${DEVICE} (adf_cfg_deprecated_params)`,
    {
      deprecatedIn: GEN2,
    },
  ),
  flag(
    "PkeServiceDisabled",
    "disable public key crypto",
    `${STRINGS} (ADF_PKE_DISABLED); ${DEVICE} (adf_cfg_deprecated_params)`,
    {
      deprecatedIn: GEN2,
    },
  ),
  // QAT 1.8 (c4xxx, a "GEN3" device to the driver) still reads it: adf_cfg_check_deprecated_params skips it there.
  flag(
    "RateLimitingEnabled",
    "rate limiting firmware",
    `${STRINGS} (ADF_RL_FIRMWARE_ENABLED); ${OOT17_DEVICE} (adf_cfg_check_deprecated_params)`,
    {
      deprecatedIn: ["1.6", "1.7"],
    },
  ),
  flag("WirelessEnabled", "wireless firmware", SAMPLES),
  flag("ProcDebug", "per-device debug entries in /proc", SAMPLES),
  integer("cyHmacAuthMode", "HMAC authentication mode of the crypto library", SAMPLES),
  integer("dcTotalSRAMAvailable", "SRAM given to compression", SAMPLES),
  flag(
    "ReportParityCompressionError",
    "report compression parity errors",
    `${QAT15_CONFIG} (adf_config_set_report_parity_error)`,
  ),
  integer(
    "CySymAndDcWatchDogTimer",
    "watchdog timer of symmetric crypto and compression",
    `${STRINGS} (ADF_DEV_SSM_WDT_BULK)`,
  ),
  integer("CyAsymWatchDogTimer", "watchdog timer of asymmetric crypto", `${STRINGS} (ADF_DEV_SSM_WDT_PKE)`),
  flag(
    "InterruptCoalescingEnabled",
    "interrupt coalescing default of every bank",
    `${SECTION} (adf_cfg_create_accel_section)`,
    {
      default: "1",
    },
  ),
  integer(
    "InterruptCoalescingTimerNs",
    "interrupt coalescing timer default, in ns",
    `${SECTION} (adf_cfg_create_accel_section)`,
    {
      default: "10000",
    },
  ),
  integer(
    "InterruptCoalescingNumResponses",
    "interrupt coalescing response count default",
    `${SECTION} (adf_cfg_create_accel_section); ${QAT15_CONFIG} (COALESCING_NUM_MAX 248)`,
    { default: "0", max: 248 },
  ),
  {
    name: "NumberCyInstances",
    sections: ["kernel", "user"],
    type: "integer",
    min: 0,
    description: "crypto instances of the section (per process in a user section)",
    source: `${STRINGS} (ADF_NUM_CY); ${SECTION} (adf_cfg_create_rings_entries_for_cy_inst)`,
  },
  {
    name: "NumberDcInstances",
    sections: ["kernel", "user"],
    type: "integer",
    min: 0,
    description: "compression instances of the section (per process in a user section)",
    source: `${STRINGS} (ADF_NUM_DC); ${SECTION} (adf_cfg_create_rings_entries_for_dc_inst)`,
  },
  {
    name: "NumProcesses",
    sections: ["user"],
    type: "integer",
    min: 0,
    default: "0",
    description: "processes that may use the section (the driver makes one copy per process)",
    source: `${STRINGS} (ADF_NUM_PROCESSES); ${SECTION} (adf_cfg_process_user_section)`,
  },
  {
    name: "LimitDevAccess",
    sections: ["user"],
    type: "boolean",
    default: "0",
    description: "limit the section's processes to this device",
    source: `${STRINGS} (ADF_LIMIT_DEV_ACCESS); ${SECTION} (adf_cfg_process_user_section)`,
  },
  {
    name: "NumberAdis",
    sections: ["siov"],
    type: "integer",
    min: 0,
    generations: GEN4,
    description: "assignable device interfaces for Scalable IOV",
    source: QAT20_STRINGS,
  },
  ...["InlineIngress", "InlineEgress", "InlineCongestionManagmentProfile", "InlineIPsecAlgoGroup"].map(
    (name): KeySpec => ({
      name,
      sections: ["inline"],
      type: "string",
      generations: ["1.8"],
      description: "inline IPsec setting (c4xxx)",
      source: `${STRINGS} (ADF_INLINE_*)`,
    }),
  ),
];

function instance(
  suffix: string,
  type: ValueType,
  description: string,
  source: string,
  extra: Partial<KeySpec> = {},
): KeySpec {
  return { name: suffix, sections: ["kernel", "user"], type, description, source, ...extra };
}

const INT_SOURCE = `${SECTION} (adf_cfg_add_cy_inst_info, adf_cfg_add_dc_inst_info: written by the driver)`;

/** Suffixes shared by `Cy<N>` and `Dc<N>` instance keys. */
const SHARED_SUFFIXES: readonly KeySpec[] = [
  instance("Name", "string", "instance name", `${STRINGS} (ADF_CY_NAME_FORMAT, ADF_DC_NAME_FORMAT)`),
  instance(
    "IsPolled",
    "integer",
    "0 interrupt, 1 poll, 2 epoll",
    `${STRINGS} (ADF_POLL_MODE); ${COMMON} (ADF_CFG_RESP_POLL 1, ADF_CFG_RESP_EPOLL 2)`,
    {
      min: 0,
      max: 2,
    },
  ),
  instance(
    "CoreAffinity",
    "cpu-list",
    "cores the instance may run on",
    `${STRINGS} (ADF_CY_CORE_AFFINITY_FORMAT); ${SECTION} (adf_cfg_set_core_number_for_instance)`,
  ),
  instance(
    "AcceleratorNumber",
    "number-list",
    "accelerator(s) of the instance (QAT 1.5)",
    `${QAT15_CONFIG} (ACCEL_NUM_STR)`,
  ),
  instance(
    "ExecutionEngine",
    "integer",
    "execution engine of the instance (QAT 1.5, ConfigVersion 1)",
    `${QAT15_CONFIG} (EXEC_ENGINE_STR)`,
    {
      min: 0,
      generations: GEN15,
    },
  ),
  instance("BankNumber", "integer", "bank of the instance", INT_SOURCE, { min: 0 }),
];

const CY_SUFFIXES: readonly KeySpec[] = [
  ...SHARED_SUFFIXES,
  instance(
    "NumConcurrentSymRequests",
    "integer",
    "symmetric ring size of the instance",
    `${STRINGS} (ADF_CY_RING_SYM_SIZE_FORMAT)`,
    { min: 1 },
  ),
  instance(
    "NumConcurrentAsymRequests",
    "integer",
    "asymmetric ring size of the instance",
    `${STRINGS} (ADF_CY_RING_ASYM_SIZE_FORMAT)`,
    { min: 1 },
  ),
  ...["BankNumberAsym", "BankNumberSym", "RingAsymTx", "RingAsymRx", "RingSymTx", "RingSymRx"].map((s) =>
    instance(s, "integer", "ring placement of the instance", INT_SOURCE, { min: 0 }),
  ),
  ...["RingSymTxHi", "RingSymRxHi", "RingSymTxLo", "RingSymRxLo"].map((s) =>
    instance(s, "integer", "ring placement of the instance (QAT 1.5)", `${QAT15_CONFIG} (RING_SYM_*_STR)`, {
      min: 0,
      generations: GEN15,
    }),
  ),
];

const DC_SUFFIXES: readonly KeySpec[] = [
  ...SHARED_SUFFIXES,
  instance(
    "NumConcurrentRequests",
    "integer",
    "compression ring size of the instance",
    `${STRINGS} (ADF_DC_RING_SIZE_FORMAT)`,
    { min: 1 },
  ),
  ...["RingTx", "RingRx"].map((s) => instance(s, "integer", "ring placement of the instance", INT_SOURCE, { min: 0 })),
];

/** Suffixes of `Bank<N>` keys, in the driver's `Accelerator<N>` sections. */
const BANK_SUFFIXES: readonly KeySpec[] = [
  {
    name: "InterruptCoalescingEnabled",
    sections: ["accelerator"],
    type: "boolean",
    description: "interrupt coalescing of the bank",
    source: `${STRINGS} (ADF_ETRMGR_COALESCING_ENABLED_FORMAT)`,
  },
  {
    name: "InterruptCoalescingTimerNs",
    sections: ["accelerator"],
    type: "integer",
    min: 0,
    description: "interrupt coalescing timer of the bank",
    source: `${STRINGS} (ADF_ETRMGR_COALESCE_TIMER_FORMAT)`,
  },
  {
    name: "InterruptCoalescingNumResponses",
    sections: ["accelerator"],
    type: "integer",
    min: 0,
    description: "interrupt coalescing responses of the bank",
    source: `${STRINGS} (ADF_ETRMGR_COALESCING_MSG_ENABLED_FORMAT)`,
  },
  {
    name: "CoreAffinity",
    sections: ["accelerator"],
    type: "integer",
    min: 0,
    description: "core of the bank's interrupt",
    source: `${STRINGS} (ADF_ETRMGR_CORE_AFFINITY_FORMAT)`,
  },
];

/** Sections with a meaning of their own; every other name is a user process section. */
export const KNOWN_SECTIONS: ReadonlyMap<string, SectionKind> = new Map<string, SectionKind>([
  ["GENERAL", "general"],
  ["KERNEL", "kernel"],
  ["KERNEL_QAT", "kernel"],
  ["INLINE", "inline"],
  ["SIOV", "siov"],
]);

/** Section names a misspelt section is compared against (WIRELESS: QAT 1.5's wireless process section). */
export const SPECIAL_SECTION_NAMES: readonly string[] = [...KNOWN_SECTIONS.keys(), "WIRELESS"];

const ACCELERATOR_SECTION = /^Accelerator\d*$/;
/**
 * `Cy<N><Suffix>`, N in decimal as the driver's `snprintf("%d")` writes it: the driver builds every
 * key it reads that way, so `Cy01Name` is nobody's key (nor `Bank01...`).
 */
const INSTANCE_KEY = /^(Cy|Dc)(0|[1-9]\d*)([A-Za-z]\w*)$/;
const BANK_KEY = /^Bank(0|[1-9]\d*)(.*)$/;

const BY_NAME = new Map<string, KeySpec>(EXACT.map((k) => [k.name, k]));
const EXACT_MATCH = new Map<string, KeyMatch>(EXACT.map((k) => [k.name, { spec: k }]));
const CY_BY_SUFFIX = new Map<string, KeySpec>(CY_SUFFIXES.map((k) => [k.name, displayed(k, "Cy")]));
const DC_BY_SUFFIX = new Map<string, KeySpec>(DC_SUFFIXES.map((k) => [k.name, displayed(k, "Dc")]));
const BANK_BY_SUFFIX = new Map<string, KeySpec>(BANK_SUFFIXES.map((k) => [k.name, displayed(k, "Bank")]));

/** The pattern spec as messages show it (`Cy<N>Name`), keeping the suffix for lookups. */
function displayed(spec: KeySpec, prefix: string): KeySpec {
  return { ...spec, name: `${prefix}<N>${spec.name}` };
}

/** Every exact key name, for "did you mean" over exact keys. */
export const EXACT_KEY_NAMES: readonly string[] = [...BY_NAME.keys()];
/** Instance key suffixes per service, for "did you mean" over instance keys. */
export const INSTANCE_SUFFIXES: Readonly<Record<"Cy" | "Dc", readonly string[]>> = {
  Cy: [...CY_BY_SUFFIX.keys()],
  Dc: [...DC_BY_SUFFIX.keys()],
};
/** `Bank<N>` key suffixes. */
export const BANK_SUFFIX_NAMES: readonly string[] = [...BANK_BY_SUFFIX.keys()];

/** The kind of a section, by its name as the driver reads it (case-sensitive). */
export function sectionKind(name: string): SectionKind {
  return KNOWN_SECTIONS.get(name) ?? (ACCELERATOR_SECTION.test(name) ? "accelerator" : "user");
}

/**
 * Splits an instance key (`Cy3IsPolled`) into family, index and suffix; `undefined` for other keys,
 * including ones the driver never builds (`Cy01Name`, `Cy0_Name`). The suffix is not checked against
 * the table. The one definition of an instance key: the linter, the editors and the language server
 * ask it, with the key as the driver reads it or as written (blanks are deleted first, as adf_ctl does).
 */
export function instanceKey(key: string): InstanceKey | undefined {
  const m = INSTANCE_KEY.exec(BLANK.test(key) ? driverKey(key) : key);
  if (!m) return undefined;
  const index = Number(m[2]);
  if (!Number.isSafeInteger(index)) return undefined;
  return { family: m[1] as KeyFamily, index, suffix: m[3] as string };
}

const BLANK = /[\s]/;

// Keys repeat across files (Cy0Name, NumberCyInstances): remembering pattern matches saves the
// regular expressions on most lookups. Bounded, so that a long-running process fed arbitrary text
// does not grow it without end.
const MEMO = new Map<string, KeyMatch | null>();
const MEMO_LIMIT = 4096;

/** The table entry of a key as the driver reads it (exact, case-sensitive), or `undefined`. */
export function lookupKey(key: string): Readonly<KeyMatch> | undefined {
  const exact = EXACT_MATCH.get(key);
  if (exact) return exact;
  const known = MEMO.get(key);
  if (known !== undefined) return known ?? undefined;
  const found = lookupPattern(key);
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(key, found ?? null);
  return found;
}

function lookupPattern(key: string): KeyMatch | undefined {
  const inst = instanceKey(key);
  if (inst) {
    const spec = (inst.family === "Cy" ? CY_BY_SUFFIX : DC_BY_SUFFIX).get(inst.suffix);
    return spec ? { spec, index: inst.index } : undefined;
  }
  const bank = BANK_KEY.exec(key);
  if (bank) {
    const spec = BANK_BY_SUFFIX.get(bank[2] as string);
    const index = Number(bank[1]);
    return spec && Number.isSafeInteger(index) ? { spec, index } : undefined;
  }
  return undefined;
}

/** Whether the driver reads this key in a section of this kind. */
export function readIn(spec: KeySpec, kind: SectionKind): boolean {
  return spec.sections.includes(kind);
}

/** Whether the key exists for this generation (keys without a generation list exist in all). */
export function existsIn(spec: KeySpec, generation: Generation): boolean {
  return spec.generations === undefined || spec.generations.includes(generation);
}

/** Every key of the table (instance and bank keys as patterns), for docs and `qatconf keys`. */
export function allKeys(): readonly KeySpec[] {
  return [...EXACT, ...CY_BY_SUFFIX.values(), ...DC_BY_SUFFIX.values(), ...BANK_BY_SUFFIX.values()];
}

/** The longest key, value or section name the driver takes, in bytes: 128-byte buffers with the NUL. */
export const MAX_STRING_BYTES = 127;

/** The ServicesProfile values of QAT 1.6-1.8 (`adf_cfg_fw_string_to_id`); absent means DEFAULT. */
export const SERVICES_PROFILE_VALUES: readonly string[] = SERVICES_PROFILES;

/**
 * ServicesEnabled values the QAT 1.6-1.8 driver accepts under each non-default ServicesProfile
 * (`adf_profiles[]` of the out-of-tree package; DEFAULT is the family's own list). A VF always uses
 * DEFAULT: only the PF driver has the `get_fw_image_type` hook.
 */
const PROFILE_SERVICES: ReadonlyMap<string, readonly string[]> = new Map([
  ["CRYPTO", ["cy", "sym", "asym"]],
  ["COMPRESSION", ["dc", "sym", "sym;dc", "dc;sym"]],
]);

/** The services a ServicesProfile accepts, given the family's DEFAULT list. */
export function servicesForProfile(profile: string, defaults: readonly string[]): readonly string[] {
  return PROFILE_SERVICES.get(profile) ?? defaults;
}

/** The services QAT 1.5's adf_ctl recognises, in any order separated by `;`. */
export const QAT15_SERVICE_TOKENS: readonly string[] = ["cy0", "cy1", "dc"];

/**
 * The special section names a section name looks like a misspelling of (`GENRAL`, `Kernel`), or
 * none. An exact special name is not a misspelling.
 */
export function specialSectionSuggestions(name: string): readonly string[] {
  if (KNOWN_SECTIONS.has(name) || ACCELERATOR_SECTION.test(name)) return [];
  let found = SECTION_MEMO.get(name);
  if (!found) {
    found = closest(name, SPECIAL_SECTION_NAMES).filter((s) => s !== "WIRELESS" || name.toUpperCase() === "WIRELESS");
    if (SECTION_MEMO.size >= MEMO_LIMIT) SECTION_MEMO.clear();
    SECTION_MEMO.set(name, found);
  }
  return found;
}

// User section names repeat across files (SSL, SHIM): remember their edit distances.
const SECTION_MEMO = new Map<string, readonly string[]>();

const LOOSE_INSTANCE_KEY = /^(cy|dc)(\d+)(.*)$/i;
const LOOSE_BANK_KEY = /^bank(\d+)(.*)$/i;

/**
 * Known keys close to an unknown one, best first: instance and bank keys are matched on their
 * suffix with the index kept (`Cy0IsPoled` -> `Cy0IsPolled`), other keys by edit distance; a key
 * that is the start of exactly one known key (`Cy0Accelerator`) suggests it.
 */
export function keySuggestions(key: string): readonly string[] {
  let found = SUGGESTION_MEMO.get(key);
  if (!found) {
    found = suggestKeys(key);
    if (SUGGESTION_MEMO.size >= MEMO_LIMIT) SUGGESTION_MEMO.clear();
    SUGGESTION_MEMO.set(key, found);
  }
  return found;
}

// Unknown keys repeat across files too (Cy0Accelerator in every SHIM section): remember their
// suggestions, each a search by edit distance over the whole table.
const SUGGESTION_MEMO = new Map<string, readonly string[]>();

function suggestKeys(key: string): string[] {
  const inst = LOOSE_INSTANCE_KEY.exec(key);
  if (inst) {
    const service = (inst[1] as string).toLowerCase() === "cy" ? "Cy" : "Dc";
    // The number as the driver writes it: `Cy01Name` means `Cy1Name`.
    const prefix = `${service}${canonicalNumber(inst[2] as string)}`;
    return suffixSuggestions(inst[3] as string, INSTANCE_SUFFIXES[service]).map((s) => prefix + s);
  }
  const bank = LOOSE_BANK_KEY.exec(key);
  if (bank) {
    const prefix = `Bank${canonicalNumber(bank[1] as string)}`;
    return suffixSuggestions(bank[2] as string, BANK_SUFFIX_NAMES).map((s) => prefix + s);
  }
  return suffixSuggestions(key, EXACT_KEY_NAMES);
}

/** Digits without leading zeros (`"01"` -> `"1"`, `"0"` stays), as `snprintf("%d")` writes them. */
function canonicalNumber(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

function suffixSuggestions(written: string, known: readonly string[]): string[] {
  if (known.includes(written)) return [written];
  const near = closest(written, known);
  if (near.length > 0 || written.length < 4) return near;
  const lower = written.toLowerCase();
  const extended = known.filter((k) => k.toLowerCase().startsWith(lower));
  return extended.length === 1 ? extended : [];
}

/**
 * The special sections a user-kind section was probably meant to be: [general] is surely
 * [GENERAL]; [GENRAL] likely is, unless it has NumProcesses, which makes it a user process section
 * whatever its name.
 */
export function meantSections(section: SectionView): readonly string[] {
  const name = section.name;
  if (sectionKind(name) !== "user") return [];
  const caseOnly = [...KNOWN_SECTIONS.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  if (caseOnly) return [caseOnly];
  return section.has("NumProcesses") ? [] : specialSectionSuggestions(name);
}
