/**
 * The one writer: what it keeps of the file it replaces (owner, group, mode, extended attributes,
 * the link that led to it), what it never follows (a planted backup link), and what it refuses (a
 * file changed since it was read, a lock held too long). Kills and concurrent runs use real processes.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileChangedError, writeFileAtomic } from "../../src/io/atomic-write.ts";
import { BIN } from "../support/cli.ts";
import { ensureTool } from "../support/tools.ts";

const dir = mkdtempSync(join(tmpdir(), "qatconf-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function fresh(text = "[GENERAL]\nServicesEnabled = cy\n"): string {
  const sub = mkdtempSync(join(dir, `case${n++}-`));
  const file = join(sub, "c6xx_dev0.conf");
  writeFileSync(file, text);
  return file;
}

const leftovers = (folder: string): string[] => readdirSync(folder).filter((f) => f.includes(".qatconf"));

describe("writeFileAtomic", () => {
  it("edits the real file behind a symbolic link and leaves the link a link", async () => {
    const file = fresh();
    const link = join(file, "../link_dev0.conf");
    symlinkSync("c6xx_dev0.conf", link);
    await writeFileAtomic(link, "new\n", { expected: readFileSync(file, "utf8") });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("c6xx_dev0.conf");
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("keeps the owner, group and mode (setgid bit included)", async () => {
    const file = fresh();
    if (process.getuid?.() === 0) chownSync(file, 4321, 4322);
    chmodSync(file, 0o2640);
    const before = statSync(file);
    await writeFileAtomic(file, "new\n");
    const after = statSync(file);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([before.uid, before.gid, 0o2640]);
    expect(after.ino).not.toBe(before.ino);
  });

  it("keeps extended attributes (where SELinux labels and ACLs live)", async (context) => {
    const setfattr = ensureTool("setfattr", "attr");
    const getfattr = ensureTool("getfattr", "attr");
    if (!setfattr.path || !getfattr.path) return context.skip(setfattr.reason ?? getfattr.reason);
    const file = fresh();
    execFileSync(setfattr.path, ["-n", "user.qatconf-test", "-v", "kept", file]);
    await writeFileAtomic(file, "new\n");
    const attrs = execFileSync(getfattr.path, ["-d", file], { encoding: "utf8" });
    expect(attrs).toContain('user.qatconf-test="kept"');
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("never writes through a planted FILE.bak link: the backup replaces the link", async () => {
    const file = fresh("original\n");
    chmodSync(file, 0o600);
    const secret = join(file, "../secret");
    writeFileSync(secret, "root only\n", { mode: 0o600 });
    symlinkSync(secret, `${file}.bak`);
    await writeFileAtomic(file, "new\n", { backupSuffix: ".bak" });
    expect(readFileSync(secret, "utf8")).toBe("root only\n");
    expect(lstatSync(`${file}.bak`).isFile()).toBe(true);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe("original\n");
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("refuses a file changed since it was read, writing nothing", async () => {
    const file = fresh("read\n");
    writeFileSync(file, "changed by someone else\n");
    const write = writeFileAtomic(file, "mine\n", { expected: "read\n" });
    await expect(write).rejects.toBeInstanceOf(FileChangedError);
    await expect(write).rejects.toThrow("changed by another program since it was read");
    expect(readFileSync(file, "utf8")).toBe("changed by someone else\n");
    expect(leftovers(join(file, ".."))).toEqual([]);
  });

  it("refuses to edit a file that is not regular, and a link to nothing", async () => {
    const file = fresh();
    // A FIFO of our own, never a system device: a broken writer would replace whatever it is given.
    const fifo = join(file, "../fifo_dev0.conf");
    execFileSync("mkfifo", [fifo]);
    await expect(writeFileAtomic(fifo, "x")).rejects.toThrow("not a regular file");
    await expect(writeFileAtomic(fifo, "x", { followLinks: false })).rejects.toThrow("not a regular file");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const dangling = join(file, "../dangling_dev0.conf");
    symlinkSync("nowhere", dangling);
    await expect(writeFileAtomic(dangling, "x")).rejects.toThrow("a symbolic link to a file that does not exist");
  });

  it("removes its temporary file when killed in the middle of a write", async () => {
    const file = fresh("original\n");
    const folder = join(file, "..");
    // A child that stops inside the write, after its temporary file exists, until it is killed.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(join(import.meta.dirname, "../../src/io/atomic-write.ts"))};
      const hang = () => { process.stdout.write("ready\\n"); return new Promise(() => setInterval(() => {}, 1000)); };
      await writeFileAtomic(${JSON.stringify(file)}, "new\\n", { fs: { rename: hang } });
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((ready) => child.stdout.on("data", () => ready()));
    expect(leftovers(folder).length).toBeGreaterThan(0);
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    expect(leftovers(folder)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe("original\n");
  });
});

describe("ten concurrent `qatconf set --write` on one file", () => {
  it("lose no edit silently: each one is in the file or its run exited 2 saying so", async () => {
    const file = fresh("[GENERAL]\nServicesEnabled = cy\nConfigVersion = 2\n");
    const runs = Array.from({ length: 10 }, (_, i) => {
      const child = spawn(process.execPath, [BIN, "set", file, `GENERAL.Key${i}=${i}`, "--write"], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      return new Promise<{ i: number; status: number | null; stderr: string }>((done) =>
        child.on("exit", (status) => done({ i, status, stderr })),
      );
    });
    const results = await Promise.all(runs);
    const text = readFileSync(file, "utf8");
    for (const r of results) {
      if (r.status === 0) expect(text).toContain(`Key${r.i} = ${r.i}`);
      else {
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("changed by another program since it was read");
        expect(text).not.toContain(`Key${r.i} =`);
      }
    }
    expect(results.some((r) => r.status === 0)).toBe(true);
    expect(leftovers(join(file, ".."))).toEqual([]);
  });
});
