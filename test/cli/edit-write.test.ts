/**
 * A write that fails part-way leaves the original file intact and no temporary file behind: the
 * editors' `--write` goes through `emit`, whose file-system calls a test can make fail.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emit } from "../../src/cli/output.ts";
import { addInstances } from "../../src/linted-edits.ts";

const ORIGINAL =
  "[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n\n[SSL]\nNumberCyInstances = 0\nNumberDcInstances = 0\nNumProcesses = 1\n";
const dir = mkdtempSync(join(tmpdir(), "qatconf-edit-write-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an edit's --write that fails", () => {
  const fail = (call: string) => async (): Promise<never> => {
    throw new Error(`injected ${call} failure`);
  };

  it.each(["rename", "open"] as const)("at %s leaves the original byte for byte, mode and all", async (call) => {
    const file = join(dir, `c6xx_dev0-${call}.conf`);
    writeFileSync(file, ORIGINAL);
    chmodSync(file, 0o640);
    const edited = addInstances(ORIGINAL, { cy: 1 }, { fileName: "c6xx_dev0.conf" });
    expect(edited.changed).toBe(true);
    await expect(emit(file, ORIGINAL, edited.text, { write: true, fs: { [call]: fail(call) } })).rejects.toThrow(
      `injected ${call} failure`,
    );
    expect(readFileSync(file, "utf8")).toBe(ORIGINAL);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((n) => n.includes(".qatconf-"))).toEqual([]);
  });

  it("when the disk is full, while writing the temporary file", async () => {
    const file = join(dir, "c6xx_dev0-full.conf");
    writeFileSync(file, ORIGINAL);
    const { open } = await import("node:fs/promises");
    const full = (async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      handle.writeFile = async () => {
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      };
      return handle;
    }) as typeof open;
    await expect(emit(file, ORIGINAL, `${ORIGINAL}X = 1\n`, { write: true, fs: { open: full } })).rejects.toThrow(
      "ENOSPC",
    );
    expect(readFileSync(file, "utf8")).toBe(ORIGINAL);
    expect(readdirSync(dir).filter((n) => n.includes(".qatconf-"))).toEqual([]);
  });
});
