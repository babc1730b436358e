/**
 * What qatlib's readers make of `/etc/sysconfig/qat`. Two programs read it, differently:
 *
 * - systemd, as `qat.service`'s `EnvironmentFile=-/etc/sysconfig/qat`: every `KEY=VALUE` line becomes
 *   an environment variable of `qat_init.sh` and `qatmgr` (`POLICY`, and `qat_init.sh`'s overrides
 *   `VFIO_DRIVER`, `QAT_USER_GROUP`, `LKCF_LIST`); `qatmgr --policy=${POLICY}` reads POLICY.
 * - `qat_init.sh` itself, for `ServicesEnabled`: `awk -F'ServicesEnabled=' '{print $2}' FILE |
 *   grep '\S'`, compared as an exact string with its `SERVICES_LIST`. A value not in the list is
 *   ignored without a word and the PFs keep the kernel's defaults.
 *
 * Sources: intel/qatlib@e5fb666 quickassist/utilities/service/qat_init.sh.in (`check_config`,
 * `SERVICES_LIST`), qat.service.in, quickassist/utilities/qat_mgr/qat_mgr.c (`POLICY_MAX`).
 */
import { findFamily, qatlibDrives } from "../model/devices.ts";
import { print } from "../syntax/parse.ts";
import { ENV_NAME } from "../syntax/parse-sysconfig.ts";
import type { ConfigDocument, EntryLine, Line, Position, Range } from "../syntax/tree.ts";

/** `SERVICES_LIST` of qat_init.sh (26.08): the only spellings it writes to `qat/cfg_services`. */
export const SERVICES_LIST: readonly string[] = [
  "sym",
  "asym",
  "dc",
  "decomp",
  "dcc",
  "sym;asym",
  "sym;dc",
  "sym;decomp",
  "asym;dc",
  "asym;decomp",
  "dc;decomp",
  "sym;asym;dc",
  "sym;asym;decomp",
  "sym;dc;decomp",
  "asym;dc;decomp",
];

/** The services the kernel's token parser knows (adf_cfg_services.c `adf_cfg_services`). */
export const SERVICE_NAMES: readonly string[] = ["asym", "sym", "dc", "dcc", "decomp"];

/** The separator qat_init.sh's awk splits each line on. */
export const SERVICES_MARK = "ServicesEnabled=";

/** One line's contribution to qat_init.sh's ServicesEnabled: awk's `$2`, kept by `grep '\S'`. */
export interface AwkRecord {
  /** Offsets of `$2` in the text (after the first `ServicesEnabled=` to the next one or the line end). */
  start: number;
  end: number;
  /** `$2` itself; a CR of a CRLF line end is part of it, as awk splits records on LF only. */
  value: string;
}

/** What qat_init.sh reads as ServicesEnabled from a file's text. */
export interface AwkServices {
  /** The lines whose `$2` has a non-blank character, in order. */
  records: AwkRecord[];
  /** `$(...)` of the pipeline: the records joined by LF (empty when there is none). */
  value: string;
  /** Whether `value` is in SERVICES_LIST, so that qat_init.sh applies it. */
  applied: boolean;
}

/** Runs qat_init.sh's `check_config` on a text (see the module comment). */
export function awkServices(text: string): AwkServices {
  const records: AwkRecord[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const at = text.indexOf(SERVICES_MARK, lineStart);
    if (at >= 0 && at < lineEnd) {
      const start = at + SERVICES_MARK.length;
      const next = text.indexOf(SERVICES_MARK, start);
      const end = next >= 0 && next < lineEnd ? next : lineEnd;
      const value = text.slice(start, end);
      if (/\S/.test(value)) records.push({ start, end, value });
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  const value = records.map((r) => r.value).join("\n");
  return { records, value, applied: SERVICES_LIST.includes(value) };
}

/**
 * The spelling of SERVICES_LIST that means what `written` seems to mean, if there is one: quotes,
 * blanks and a trailing comment dropped, `,` read as `;`, the services in the list's order, `cy`
 * (the out-of-tree package's word) read as `sym;asym`. `undefined` when the services are unknown,
 * repeated, or a combination the list does not hold (such as `dcc` with another service).
 */
export function acceptedSpelling(written: string): string | undefined {
  let v = written.replace(/\r$/, "").trim();
  const hash = v.search(/\s#/);
  if (hash >= 0) v = v.slice(0, hash).trim();
  v = v.replace(/^(["'])(.*)\1$/, "$2").trim();
  const tokens = v
    .split(/[;,]/)
    .map((t) => t.trim().toLowerCase())
    .flatMap((t) => (t === "cy" ? ["sym", "asym"] : [t]));
  if (tokens.some((t) => !SERVICE_NAMES.includes(t)) || new Set(tokens).size !== tokens.length) return undefined;
  return SERVICES_LIST.find((s) => {
    const listed = s.split(";");
    return listed.length === tokens.length && listed.every((t) => tokens.includes(t));
  });
}

/** The kernel's service rules per device generation (adf_gen4_hw_data.c, qat_6xxx/adf_6xxx_hw_data.c). */
export type ServicesGeneration = "gen4" | "gen6";

/** The generation of a qatlib device name (`--device`), or `undefined` for one qatlib does not drive. */
export function servicesGeneration(device: string): ServicesGeneration | undefined {
  const family = findFamily(device);
  if (!family || !qatlibDrives(family)) return undefined;
  return family.generation === "GEN6" ? "gen6" : "gen4";
}

/**
 * Why a kernel of this generation refuses a `cfg_services` value that its token parser reads, or
 * `undefined` when it accepts it: `adf_gen4_services_supported` (one service, or two without `dcc`,
 * never `decomp`) and the 6xxx `services_supported` (up to three, `dcc` only alone).
 */
export function kernelRefusal(value: string, generation: ServicesGeneration): string | undefined {
  const tokens = value.split(";");
  if (generation === "gen4") {
    if (tokens.includes("decomp")) return "decomp is a QAT GEN6 (6xxx) service: GEN4 kernels refuse it";
    if (tokens.length > 2) return "GEN4 combines at most two services";
  }
  if (tokens.length > 3) return "no device combines more than three services";
  if (tokens.includes("dcc") && tokens.length > 1) return "dcc (compression chaining) cannot be combined";
  return undefined;
}

/** qatmgr's `POLICY_MAX`: `MAX_DEVS` = `ADF_MAX_DEVICES` = 256 PFs x 16 (icp_accel_devices.h). */
export const POLICY_MAX = 4096;

/**
 * Why `qatmgr --policy=VALUE` exits with "Invalid policy", or `undefined` when it takes the value:
 * `parse_and_validate_arg` wants the whole string to be a decimal `strtoll` number in 0..POLICY_MAX.
 */
export function policyProblem(value: string): string | undefined {
  if (value === "") return "it is empty";
  // strtoll skips leading blanks and takes a sign; the end pointer must reach the end of the string.
  if (!/^[ \t\n\v\f\r]*[+-]?\d+$/.test(value)) return "it is not a whole decimal number";
  const n = Number(value.trim());
  if (n < 0 || n > POLICY_MAX) return `it is outside 0..${POLICY_MAX}`;
  return undefined;
}

/**
 * The variables a qatlib environment file sets, each with its lines in order (systemd takes the
 * last); a line whose name systemd refuses sets nothing (the grammar reports it).
 */
export function assignments(doc: ConfigDocument): Map<string, EntryLine[]> {
  const byKey = new Map<string, EntryLine[]>();
  for (const line of doc.lines) {
    if (line.kind !== "entry" || !line.hasEquals || !ENV_NAME.test(line.key.text)) continue;
    const list = byKey.get(line.key.text) ?? [];
    list.push(line);
    byKey.set(line.key.text, list);
  }
  return byKey;
}

/** The environment systemd builds from the file: each variable's value from its last line. */
export function environment(doc: ConfigDocument): Map<string, string> {
  const env = new Map<string, string>();
  for (const [key, entries] of assignments(doc)) env.set(key, (entries.at(-1) as EntryLine).value);
  return env;
}

/** The variables qatlib's service reads from the file, with what each does. */
export const QATLIB_VARIABLES: Readonly<Record<string, string>> = {
  POLICY: "qatmgr --policy: how many VFs each process gets (0: one from each PF)",
  ServicesEnabled: "qat_init.sh: the services written to each PF's qat/cfg_services",
  VFIO_DRIVER: "qat_init.sh: the driver the VFs are bound to (default vfio-pci)",
  QAT_USER_GROUP: "qat_init.sh: the group given /dev/vfio/N (default qat)",
  LKCF_LIST: "qat_init.sh: VFs (BDF patterns) bound to the kernel's VF driver instead of vfio",
};

/** The line holding an offset of the document's text (the last line for the end of the text). */
export function lineAt(doc: ConfigDocument, offset: number): Line {
  const lines = doc.lines;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as Line).range.start.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo] as Line;
}

/** The range of two offsets of one line of the document. */
export function rangeIn(doc: ConfigDocument, start: number, end: number): Range {
  const line = lineAt(doc, start);
  const base = line.range.start;
  const at = (offset: number): Position => ({
    offset,
    line: base.line,
    column: base.column + offset - base.offset,
  });
  return { start: at(start), end: at(Math.min(end, line.range.end.offset)) };
}

/** qat_init.sh's reading of the document's ServicesEnabled (see {@link awkServices}). */
export function documentServices(doc: ConfigDocument): AwkServices {
  return awkServices(print(doc));
}

/** The live `ServicesEnabled` lines: entries of that exact name (systemd would set the variable). */
export function servicesEntries(doc: ConfigDocument): EntryLine[] {
  return doc.lines.filter((l): l is EntryLine => l.kind === "entry" && l.key.text === "ServicesEnabled");
}
