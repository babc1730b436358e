/**
 * The table of sections and keys the QAT driver reads: where each key belongs, what its value must
 * look like, its default, the driver generations that read it, whether the driver warns that it is
 * deprecated, and the source it was read from. Data only: `keys.ts` looks keys up in it, and
 * `instance-key-table.ts` holds the `Cy<N>`, `Dc<N>` and `Bank<N>` keys.
 *
 * Keys are case-sensitive C strings to the driver (`strcmp`), so `numprocesses` is not
 * `NumProcesses`.
 */
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

// Citations, shared with instance-key-table.ts.
export const STRINGS = "freebsd/freebsd-src sys/dev/qat/include/common/adf_cfg_strings.h";
export const COMMON = "freebsd/freebsd-src sys/dev/qat/include/common/adf_cfg_common.h";
const DEVICE = "freebsd/freebsd-src sys/dev/qat/qat_common/adf_cfg_device.c";
export const SECTION = "freebsd/freebsd-src sys/dev/qat/qat_common/adf_cfg_section.c";
const ADF_CTL17 = "drew442/QAT.L.4.28.0-00004 quickassist/utilities/adf_ctl/src/dev_config.cpp (validate_config)";
const OOT17_DEVICE = "drew442/QAT.L.4.28.0-00004 quickassist/qat/drivers/crypto/qat/qat_common/adf_cfg_device.c";
const QAT20_STRINGS = "QAT20 out-of-tree package qat_common/adf_cfg_strings.h (KPT, PM, SIOV, AT keys)";
export const QAT15_CONFIG =
  "halmartin/wired-15-42-mx84 quickassist/qatmux/QAT1.5/quickassist/adf/user/config_ctl/include/adf_config.h";
const SAMPLES = "Intel's sample files (QAT_Engine qat_hw_config, qat/config; ../shared/corpus)";

const GEN2: readonly Generation[] = ["1.6", "1.7", "1.8"];
const GEN4: readonly Generation[] = ["2.0"];
export const GEN15: readonly Generation[] = ["1.5"];

const SERVICES_PROFILES = ["DEFAULT", "CRYPTO", "COMPRESSION", "CUSTOM1"] as const;

// Constructors of the entries: a [GENERAL] key unless `extra` says where the driver reads it.
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

/** Keys read by exact name (every key but the `Cy<N>`, `Dc<N>` and `Bank<N>` patterns). */
export const EXACT_KEYS: readonly KeySpec[] = [
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
  integer(
    "NumberCyInstances",
    "crypto instances of the section (per process in a user section)",
    `${STRINGS} (ADF_NUM_CY); ${SECTION} (adf_cfg_create_rings_entries_for_cy_inst)`,
    { sections: ["kernel", "user"] },
  ),
  integer(
    "NumberDcInstances",
    "compression instances of the section (per process in a user section)",
    `${STRINGS} (ADF_NUM_DC); ${SECTION} (adf_cfg_create_rings_entries_for_dc_inst)`,
    { sections: ["kernel", "user"] },
  ),
  integer(
    "NumProcesses",
    "processes that may use the section (the driver makes one copy per process)",
    `${STRINGS} (ADF_NUM_PROCESSES); ${SECTION} (adf_cfg_process_user_section)`,
    { sections: ["user"], default: "0" },
  ),
  flag(
    "LimitDevAccess",
    "limit the section's processes to this device",
    `${STRINGS} (ADF_LIMIT_DEV_ACCESS); ${SECTION} (adf_cfg_process_user_section)`,
    { sections: ["user"], default: "0" },
  ),
  integer("NumberAdis", "assignable device interfaces for Scalable IOV", QAT20_STRINGS, {
    sections: ["siov"],
    generations: GEN4,
  }),
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

/** The longest key, value or section name the driver takes, in bytes: 128-byte buffers with the NUL. */
export const MAX_STRING_BYTES = 127;

/** The ServicesProfile values of QAT 1.6-1.8 (`adf_cfg_fw_string_to_id`); absent means DEFAULT. */
export const SERVICES_PROFILE_VALUES: readonly string[] = SERVICES_PROFILES;

/**
 * ServicesEnabled values the QAT 1.6-1.8 driver accepts under each non-default ServicesProfile
 * (`adf_profiles[]` of the out-of-tree package; DEFAULT is the family's own list). A VF always uses
 * DEFAULT: only the PF driver has the `get_fw_image_type` hook.
 */
export const PROFILE_SERVICES: ReadonlyMap<string, readonly string[]> = new Map([
  ["CRYPTO", ["cy", "sym", "asym"]],
  ["COMPRESSION", ["dc", "sym", "sym;dc", "dc;sym"]],
]);

/** The services QAT 1.5's adf_ctl recognises, in any order separated by `;`. */
export const QAT15_SERVICE_TOKENS: readonly string[] = ["cy0", "cy1", "dc"];
