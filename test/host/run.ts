/** Builds a fake host, snapshots it and runs doctor, cleaning up after itself. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { doctor } from "../../src/host/doctor.ts";
import { readHost } from "../../src/host/snapshot.ts";
import type { HostDiagnostic, HostSnapshot } from "../../src/host/types.ts";
import { buildHost, type FakeHost, removeHost } from "./fake-host.ts";

/** Saved texts to pass as `--dmesg` / `--lspci`. */
export interface SavedTexts {
  dmesg?: string;
  lspci?: string;
}

/** Snapshots a fake host (written to a temporary tree, then removed). */
export async function snapshotOf(spec: FakeHost, saved: SavedTexts = {}): Promise<HostSnapshot> {
  const root = await buildHost(spec);
  try {
    const options: { dmesg?: string; lspci?: string } = {};
    for (const kind of ["dmesg", "lspci"] as const) {
      const text = saved[kind];
      if (text === undefined) continue;
      const path = join(root, `${kind}.txt`);
      await writeFile(path, text);
      options[kind] = path;
    }
    return await readHost(root, options);
  } finally {
    await removeHost(root);
  }
}

/** The doctor's findings for a fake host. */
export async function doctorOf(spec: FakeHost, saved: SavedTexts = {}): Promise<HostDiagnostic[]> {
  return doctor(await snapshotOf(spec, saved));
}

/** Findings of one check (or lint rule), optionally of one severity. */
export function findings(all: readonly HostDiagnostic[], ruleId: string, severity?: string): HostDiagnostic[] {
  return all.filter((d) => d.ruleId === ruleId && (severity === undefined || d.severity === severity));
}

/** Findings worse than info. */
export function problems(all: readonly HostDiagnostic[]): HostDiagnostic[] {
  return all.filter((d) => d.severity !== "info");
}
