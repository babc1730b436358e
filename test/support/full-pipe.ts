/**
 * Runs a command with stdout on a non-blocking pipe that nobody reads for half a second, so that
 * its writes past the pipe's 64 KB meet EAGAIN (stdio.ts then hands them to Node's stream): how
 * many bytes arrived, and the exit status. Python makes the pipe, as Node's spawn would make the
 * child's stdio blocking.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { ROOT } from "./cli.ts";

const SCRIPT = `
import json, os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
time.sleep(0.5)
data = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
print(json.dumps({"length": len(data), "status": child.wait()}))
`;

/** Runs `command` with stdout on a full non-blocking pipe (see above). */
export function throughFullPipe(command: readonly string[]): { length: number; status: number } {
  const r = spawnSync("python3", ["-c", SCRIPT, ...command], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { length: number; status: number };
}

/**
 * Writes `dir`: 400 copies of the shipped sample with findings for lint (no keys for Cy0 to Cy98)
 * and `Key=Value` lines for fmt to respace, so that both print a few hundred kilobytes.
 */
export function untidyRepository(dir: string): string {
  const text = readFileSync(resolve(ROOT, "samples/c6xx_dev0.conf"), "utf8")
    .replace(/^NumberCyInstances = \d+/m, "NumberCyInstances = 99")
    .replaceAll(" = ", "=");
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, `h${i}_c6xx_dev0.conf`), text);
  return dir;
}
