/**
 * The driver's own verdicts (../shared/driver-verdicts beside the checkout): one folder per file,
 * with what an Intel driver package's configuration code, run unmodified, made of it. Absent on a
 * user's clone (the tests that read them skip with a message); in CI its absence is a failure.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const VERDICTS_DIR = resolve(import.meta.dirname, "../../../shared/driver-verdicts");

export const verdictsAvailable = existsSync(VERDICTS_DIR);

if (!verdictsAvailable && process.env.CI) {
  throw new Error(`the driver verdicts are missing at ${VERDICTS_DIR}: CI must run with ../shared beside the checkout`);
}

/** A title for a verdict suite: the reason is added only when the suite is skipped. */
export function verdictSuite(title: string): string {
  return verdictsAvailable
    ? title
    : `${title} (skipped: driver verdicts not found at ${VERDICTS_DIR}; they sit beside the checkout in the project's workspace)`;
}

/** One ring request as the driver made it. */
export interface VerdictInstance {
  process: string;
  name: string;
  service: "cy" | "dc" | "sym" | "asym";
  poll: number;
  cpu: number;
  ok: boolean;
  bank: number;
  rings?: number[];
}

/** `verdict.json`, as the generator writes it. */
export interface Verdict {
  driver: string;
  family: string;
  device: string;
  ok: boolean;
  messages: Array<{ level: "err" | "info"; text: string }>;
  pfServicesEnabled?: string;
  sample?: string;
  instances: VerdictInstance[];
}

export interface VerdictCase {
  /** `QAT.L.4.24.0-00005/c6xx-11-000`. */
  id: string;
  /** The package folder: the driver package's name. */
  driver: string;
  /** The configuration file's name, as the driver reads it (`c6xx_dev0.conf`). */
  fileName: string;
  text: string;
  verdict: Verdict;
}

let cache: VerdictCase[] | undefined;

/** Every verdict, by package then folder name, read once per test process. */
export function verdictCases(): VerdictCase[] {
  if (!verdictsAvailable) return [];
  if (cache) return cache;
  const out: VerdictCase[] = [];
  for (const driver of readdirSync(VERDICTS_DIR, { withFileTypes: true })) {
    if (!driver.isDirectory()) continue;
    const dir = join(VERDICTS_DIR, driver.name);
    for (const folder of readdirSync(dir).sort()) {
      const files = readdirSync(join(dir, folder));
      const fileName = files.find((f) => f !== "verdict.json");
      if (!fileName) continue;
      out.push({
        id: `${driver.name}/${folder}`,
        driver: driver.name,
        fileName,
        text: readFileSync(join(dir, folder, fileName), "utf8"),
        verdict: JSON.parse(readFileSync(join(dir, folder, "verdict.json"), "utf8")) as Verdict,
      });
    }
  }
  cache = out.sort((a, b) => (a.id < b.id ? -1 : 1));
  return cache;
}
