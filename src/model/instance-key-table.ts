/**
 * The keys the driver builds from a number: `Cy<N><Suffix>` and `Dc<N><Suffix>` of an instance, as
 * its `ADF_CY "%d" ...` formats write them, and `Bank<N><Suffix>` of an `Accelerator<N>` section.
 * Each entry's `name` is the suffix; `keys.ts` matches keys as written against it.
 */
import { COMMON, GEN15, type KeySpec, QAT15_CONFIG, SECTION, STRINGS, type ValueType } from "./key-table.ts";

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

export const CY_KEY_SUFFIXES: readonly KeySpec[] = [
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

export const DC_KEY_SUFFIXES: readonly KeySpec[] = [
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
export const BANK_KEY_SUFFIXES: readonly KeySpec[] = [
  bank(
    "InterruptCoalescingEnabled",
    "boolean",
    "interrupt coalescing of the bank",
    "ADF_ETRMGR_COALESCING_ENABLED_FORMAT",
  ),
  bank(
    "InterruptCoalescingTimerNs",
    "integer",
    "interrupt coalescing timer of the bank",
    "ADF_ETRMGR_COALESCE_TIMER_FORMAT",
  ),
  bank(
    "InterruptCoalescingNumResponses",
    "integer",
    "interrupt coalescing responses of the bank",
    "ADF_ETRMGR_COALESCING_MSG_ENABLED_FORMAT",
  ),
  bank("CoreAffinity", "integer", "core of the bank's interrupt", "ADF_ETRMGR_CORE_AFFINITY_FORMAT"),
];

/** A `Bank<N>` key suffix, read from adf_cfg_strings.h's `symbol` format; integers are never negative. */
function bank(suffix: string, type: "boolean" | "integer", description: string, symbol: string): KeySpec {
  const spec: KeySpec = {
    name: suffix,
    sections: ["accelerator"],
    type,
    description,
    source: `${STRINGS} (${symbol})`,
  };
  return type === "integer" ? { ...spec, min: 0 } : spec;
}
