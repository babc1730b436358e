/**
 * `CoreAffinity` lists as the driver reads them (FreeBSD `sys/dev/qat/qat_common/adf_cfg_section.c`
 * `adf_cfg_set_core_number_for_instance`): comma-separated decimal CPU numbers and `N-M` ranges; the
 * copy of a user section for process `p` is bound to entry `p % count`. Anything else fails the
 * device configuration ("Get core number failed").
 */

/** `ADF_CFG_MAX_CORE_NUM` (adf_cfg_common.h): the driver's array of listed CPUs holds this many. */
export const MAX_CORE_NUM = 256;

/** A parsed list, or why the driver rejects it. */
export type CoreList = { ok: true; cores: number[] } | { ok: false; error: string };

// compat_strtoul/kstrtoul in base 10: digits, an optional leading '+', nothing else.
const DECIMAL = /^\+?\d+$/;

/** Parses a CoreAffinity value (blanks already deleted, as adf_ctl does). */
export function parseCoreAffinity(value: string): CoreList {
  const cores: number[] = [];
  for (const token of value.split(",")) {
    const dash = token.indexOf("-");
    if (dash < 0) {
      if (!DECIMAL.test(token)) return bad(token);
      cores.push(Number.parseInt(token, 10));
    } else {
      const from = token.slice(0, dash);
      const to = token.slice(dash + 1);
      if (!DECIMAL.test(from) || !DECIMAL.test(to)) return bad(token);
      const start = Number.parseInt(from, 10);
      const end = Number.parseInt(to, 10);
      if (start > end) return { ok: false, error: `the range '${token}' runs backwards` };
      // Bounded so that '0-4294967295' costs nothing: past the limit the list is refused anyway.
      if (cores.length + (end - start + 1) > MAX_CORE_NUM) return tooMany();
      for (let c = start; c <= end; c++) cores.push(c);
    }
    if (cores.length > MAX_CORE_NUM) return tooMany();
  }
  return { ok: true, cores };
}

function bad(token: string): CoreList {
  return {
    ok: false,
    error: token === "" ? "it has an empty entry" : `'${token}' is not a CPU number or an N-M range`,
  };
}

function tooMany(): CoreList {
  return { ok: false, error: `it lists more than ${MAX_CORE_NUM} CPUs (ADF_CFG_MAX_CORE_NUM)` };
}
