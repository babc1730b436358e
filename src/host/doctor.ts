/**
 * `doctor`: runs every host check over a snapshot and returns its findings, each tied to the sysfs
 * folder, file or saved text it is about. Checks report data; nothing here prints or writes.
 */
import type { RuleSetting } from "../lint/types.ts";
import { HOST_CHECKS } from "./checks/index.ts";
import { Inventory } from "./inventory.ts";
import { comparePciAddresses } from "./pci-address.ts";
import { FIRST_LINE } from "./text-range.ts";
import type { HostCheck, HostDiagnostic, HostSnapshot } from "./types.ts";

/** Options of {@link doctor}. */
export interface DoctorOptions {
  /** Per-check severity overrides, or `off` (keyed by check id). */
  checks?: Record<string, RuleSetting>;
}

/** The findings about one path, as doctor's reporters group them. */
export interface DoctorGroup {
  path: string;
  diagnostics: HostDiagnostic[];
}

const BY_ID = new Map(HOST_CHECKS.map((c) => [c.id, c]));

/** Every doctor check, in the order they run. */
export function allHostChecks(): readonly HostCheck[] {
  return HOST_CHECKS;
}

/** The doctor check with this id, or `undefined`. */
export function findHostCheck(id: string): HostCheck | undefined {
  return BY_ID.get(id);
}

/** Runs every check over the snapshot; findings come back grouped by path (see {@link groupByPath}). */
export function doctor(host: HostSnapshot, options: DoctorOptions = {}): HostDiagnostic[] {
  const inventory = new Inventory(host);
  const out: HostDiagnostic[] = [];
  for (const check of HOST_CHECKS) {
    const setting = options.checks?.[check.id];
    if (setting === "off") continue;
    check.check({
      host,
      inventory,
      report(finding) {
        const { severity, range, ruleId, ...rest } = finding;
        // A surfaced lint diagnostic keeps its own severity; the override applies to the check's own.
        const own = ruleId === undefined;
        out.push({
          ...rest,
          ruleId: ruleId ?? check.id,
          severity: own && setting !== undefined ? setting : (severity ?? check.defaultSeverity),
          range: range ?? FIRST_LINE,
        });
      },
    });
  }
  return out;
}

/**
 * Groups findings by path: host-wide places first (/proc, /sys/class, /sys/module), then devices in
 * PCI order, then files under /etc, then saved texts; within a path, by line, in check order.
 */
export function groupByPath(diagnostics: readonly HostDiagnostic[]): DoctorGroup[] {
  const groups = new Map<string, HostDiagnostic[]>();
  for (const d of diagnostics) {
    const list = groups.get(d.path);
    if (list) list.push(d);
    else groups.set(d.path, [d]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([path, list]) => ({ path, diagnostics: list.sort((x, y) => x.range.start.line - y.range.start.line) }));
}

const DEVICES = "/sys/bus/pci/devices/";

function rank(path: string): number {
  if (path.startsWith("/proc/") || path.startsWith("/sys/class/") || path.startsWith("/sys/module/")) return 0;
  if (path.startsWith(DEVICES)) return 2;
  if (path.startsWith("/sys/")) return 1;
  if (path.startsWith("/etc/libvirt/")) return 4;
  if (path.startsWith("/etc/")) return 3;
  return 5;
}

function comparePaths(a: string, b: string): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (rank(a) === 2) return comparePciAddresses(a.slice(DEVICES.length), b.slice(DEVICES.length));
  return a < b ? -1 : a > b ? 1 : 0;
}
