/**
 * `bin/qatconf.js` on a Node.js older than 22 must say so in one line and exit 2, not die with a
 * SyntaxError or a stack trace from the bundle. The real check runs it on the system's Node 20
 * (Debian's /usr/bin/node here), which proves the entry point parses on an old Node too.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../support/cli.ts";

const SYSTEM_NODE = "/usr/bin/node";

function majorOf(node: string): number | undefined {
  if (!existsSync(node)) return undefined;
  const r = spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" });
  return r.status === 0 ? Number(r.stdout.trim().split(".")[0]) : undefined;
}

const systemMajor = majorOf(SYSTEM_NODE);
const oldNode = systemMajor !== undefined && systemMajor < 22;
const skipReason =
  systemMajor === undefined ? `no ${SYSTEM_NODE}` : `${SYSTEM_NODE} is Node ${systemMajor}, not older than 22`;

const MESSAGE =
  /^qatconf: requires Node\.js 22 or newer \(this is Node\.js \d+\.\d+\.\d+\); install Node\.js 22\+ and try again\n$/;

describe.skipIf(!oldNode)(`bin/qatconf.js on an old Node${oldNode ? "" : ` (skipped: ${skipReason})`}`, () => {
  it("refuses in one line, naming the version, and exits 2", () => {
    const r = spawnSync(SYSTEM_NODE, [BIN, "lint", resolve(ROOT, "samples/c6xx_dev0.conf")], { encoding: "utf8" });
    expect(r.stderr).toMatch(MESSAGE);
    expect(r.stderr).toContain(`this is Node.js ${systemMajor}.`);
    expect(r.stdout).toBe("");
    expect(r.status).toBe(2);
  });
});

describe("bin/qatconf.js version check", () => {
  it("refuses any Node whose major version is below 22, whatever the command", () => {
    // Node 22 pretending to be 21.7.3: the check reads process.versions.node and nothing else.
    const pretend = "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '21.7.3' } });";
    const r = spawnSync(process.execPath, ["-e", `${pretend} require(${JSON.stringify(BIN)});`], { encoding: "utf8" });
    expect(r.stderr).toMatch(MESSAGE);
    expect(r.stderr).toContain("this is Node.js 21.7.3)");
    expect(r.status).toBe(2);
  });
});
