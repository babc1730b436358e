/**
 * Real tools for real tests (pre-commit, virt-xml-validate, lspci) come from Debian's packages. A
 * test asks for one here: when it is missing and we are root with apt-get (a developer machine or
 * CI here), it is installed; otherwise the caller skips with the reason. In CI a missing tool that
 * cannot be installed is an error, never a skip.
 */
import { execFileSync, spawnSync } from "node:child_process";

let aptUpdated = false;

function which(command: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Returns the path of `command`, installing Debian package `debPackage` first if needed and possible.
 * Returns `undefined` (with `reason` set) when the tool cannot be had outside CI.
 */
export function ensureTool(command: string, debPackage: string): { path?: string; reason?: string } {
  const found = which(command);
  if (found) return { path: found };
  const canInstall = process.getuid?.() === 0 && which("apt-get") !== undefined;
  if (canInstall) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    try {
      if (!aptUpdated) {
        execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", env, timeout: 300_000 });
        aptUpdated = true;
      }
      execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", debPackage], {
        stdio: "ignore",
        env,
        timeout: 600_000,
      });
    } catch (error) {
      if (process.env.CI) throw new Error(`cannot install ${debPackage} for ${command}: ${String(error)}`);
    }
    const installed = which(command);
    if (installed) return { path: installed };
  }
  const reason = `${command} not found and cannot be installed here (Debian package ${debPackage})`;
  if (process.env.CI) throw new Error(reason);
  return { reason };
}
