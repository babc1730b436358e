import { execFileSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { doctor } from "../../src/host/doctor.ts";
import { MANIFEST } from "../../src/host/host-tree.ts";
import { maskSecrets, saveHost } from "../../src/host/save-snapshot.ts";
import { readHost, SAVED_TEXTS } from "../../src/host/snapshot.ts";
import { runCli } from "../support/cli.ts";
import { buildHost, domainXml, type FakeHost } from "./fake-host.ts";
import { GID, inTreeQat1Host, procModules, qatlib6xxxHost, qatlibGuest, qatlibHost } from "./intree-layouts.ts";
import {
  healthyHost,
  mixedGenerationsHost,
  noIommuHost,
  PF,
  twoNodeHost,
  vfsNotEnabledHost,
  wrongDriverHost,
} from "./layouts.ts";
import { lspciText } from "./lspci-fixture.ts";

const cleanup: string[] = [];

afterEach(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function built(spec: FakeHost): Promise<string> {
  const root = await buildHost(spec);
  cleanup.push(root);
  return root;
}

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "qatconf-snap-"));
  cleanup.push(dir);
  return dir;
}

/** Every path under `dir` (files, links, folders), relative, with links shown as `path -> target`. */
async function listing(dir: string, under = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const name = under === "" ? entry.name : `${under}/${entry.name}`;
    if (entry.isSymbolicLink()) out.push(`${name} -> ${await readlink(join(dir, name))}`);
    else out.push(name);
    if (entry.isDirectory()) out.push(...(await listing(dir, name)));
  }
  return out.sort();
}

const withModules = (spec: FakeHost, modules: Array<[string, boolean?]>): FakeHost => ({
  ...spec,
  files: { ...spec.files, "proc/modules": procModules(modules) },
});

const LAYOUTS: Array<[string, () => FakeHost]> = [
  ["healthy out-of-tree host", healthyHost],
  ["two NUMA nodes", () => twoNodeHost()],
  ["no IOMMU", noIommuHost],
  ["VFs not enabled", vfsNotEnabledHost],
  ["wrong drivers", wrongDriverHost],
  ["mixed generations", mixedGenerationsHost],
  ["in-tree QAT 1.x with SR-IOV", inTreeQat1Host],
  ["healthy qatlib", qatlibHost],
  ["qatlib on a 6xxx", qatlib6xxxHost],
  ["a qatlib guest", qatlibGuest],
  ["qatlib: /dev/vfio not group-writable", () => ({ ...qatlibHost(), modes: { "dev/vfio/200": 0o600 } })],
  ["both drivers installed", () => withModules(inTreeQat1Host(), [["qat_c62x", true], ["intel_qat"], ["qat_c62x"]])],
];

describe("qatconf snapshot: a round trip through doctor --root", () => {
  it.each(LAYOUTS)("%s: doctor finds the same in the snapshot as on the host, paths included", async (_name, spec) => {
    const root = await built(spec());
    const out = join(await scratch(), "snap");
    const saved = await saveHost(out, { root });
    const [before, after] = [await readHost(root), await readHost(out)];
    expect({ ...after, root: "" }).toEqual({ ...before, root: "" });
    const findings = doctor(after);
    expect(findings).toEqual(doctor(before));
    expect(findings.length).toBeGreaterThan(0);
    expect(saved.files).toBeGreaterThan(0);
  });

  it("keeps sysfs's links as links, device nodes' owner and mode as data, and firmware files by name only", async () => {
    const root = await built(qatlibHost());
    const out = join(await scratch(), "snap");
    const saved = await saveHost(out, { root });
    const files = await listing(out);
    expect(files).toContain("sys/bus/pci/devices/0000:6b:00.0 -> ../../../devices/pci0000:00/0000:6b:00.0");
    expect(files).toContain("sys/devices/pci0000:00/0000:6b:00.0/driver -> ../../../bus/pci/drivers/4xxx");
    expect(files).toContain("sys/devices/pci0000:00/0000:6b:00.0/virtfn0 -> ../0000:6b:01.0");
    expect(files).toContain("sys/devices/pci0000:00/0000:6b:01.0/physfn -> ../0000:6b:00.0");
    expect(files).toContain("sys/devices/pci0000:00/0000:6b:01.0/iommu_group -> ../../../kernel/iommu_groups/200");
    // The links' targets are not saved: doctor reads only their names.
    expect(files.some((f) => f.startsWith("sys/bus/pci/drivers/"))).toBe(false);
    const manifest = JSON.parse(await readFile(join(out, MANIFEST), "utf8"));
    expect(manifest.nodes["/dev/vfio/200"]).toEqual({ gid: GID, mode: 0o660 });
    expect(saved.nodes).toBe(16);
    // The node in the snapshot is a private empty file: its facts come from the manifest.
    expect((await lstat(join(out, "dev/vfio/200"))).mode & 0o777).toBe(0o600);
    expect((await readHost(out)).vfioNodes?.[0]).toEqual({ name: "200", gid: GID, mode: 0o660 });
    const firmware = files.filter((f) => f.startsWith("lib/firmware/"));
    expect(firmware.length).toBeGreaterThan(0);
    for (const f of firmware) expect(await readFile(join(out, f), "utf8")).toBe("");
  });

  it("saves the dmesg and lspci texts given, which doctor --root reads back without being told", async () => {
    const root = await built(healthyHost());
    const texts = await scratch();
    const dmesg = join(texts, "dmesg.txt");
    const lspci = join(texts, "lspci.txt");
    await writeFile(dmesg, "[    1.234567] DMAR: IOMMU enabled\n[   40.000000] QAT: Failed to start device qat_dev1\n");
    await writeFile(lspci, lspciText({ pfMps: 128, bridgeMps: 256 }));
    const out = join(await scratch(), "snap");
    await saveHost(out, { root, dmesg, lspci });
    const before = doctor(await readHost(root, { dmesg, lspci }));
    const after = doctor(await readHost(out));
    // The saved texts are named by where they are now, in the snapshot; all else is the same.
    const moved = JSON.stringify(after)
      .replaceAll(join(out, SAVED_TEXTS.dmesg), dmesg)
      .replaceAll(join(out, SAVED_TEXTS.lspci), lspci);
    expect(JSON.parse(moved)).toEqual(before);
    expect(before.some((d) => d.path === dmesg)).toBe(true);
    expect(before.some((d) => d.message.includes(lspci))).toBe(true);
    expect(JSON.parse(await readFile(join(out, MANIFEST), "utf8")).texts).toEqual({ dmesg, lspci });
  });
});

describe("qatconf snapshot saves nothing doctor does not read", () => {
  it("leaves out /etc's other files, keys and shadow, and masks passwords in the files it reads", async () => {
    const xml = domainXml("vm1", [`${PF.slice(0, -1)}1`]).replace(
      "  </devices>",
      "    <graphics type='vnc' port='-1' passwd='hunter2-secret'/>\n  </devices>",
    );
    const spec = healthyHost();
    const root = await built({
      ...spec,
      etc: { ...spec.etc, shadow: "root:$6$secret-hash:19000::::::\n", hosts: "127.0.0.1 localhost\n" },
      domains: { "vm1.xml": xml },
      files: {
        ...spec.files,
        "etc/ssh/ssh_host_ed25519_key": "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-key\n",
        "etc/haproxy/haproxy.cfg": "global\n  ssl-engine qatengine\nlisten stats\n  stats auth admin:s3cret-pw\n",
        "root/.ssh/id_rsa": "secret-key\n",
      },
    });
    const out = join(await scratch(), "snap");
    await saveHost(out, { root });
    const files = await listing(out);
    expect(files.filter((f) => f.startsWith("etc/") && !f.startsWith("etc/libvirt"))).toEqual(
      expect.not.arrayContaining(["etc/shadow", "etc/hosts", "etc/ssh", "etc/ssh/ssh_host_ed25519_key"]),
    );
    expect(files.some((f) => f.startsWith("root"))).toBe(false);
    for (const f of files) {
      const path = join(out, f.split(" -> ")[0] as string);
      if (!(await lstat(path)).isFile()) continue;
      const text = await readFile(path, "utf8");
      expect(text).not.toMatch(/secret|s3cret/);
    }
    expect(await readFile(join(out, "etc/libvirt/qemu/vm1.xml"), "utf8")).toContain("passwd='**************'");
    // Masked to the same length: the guests' hostdevs keep their positions.
    expect((await readHost(out)).guestHostdevs).toEqual((await readHost(root)).guestHostdevs);
  });

  it("masks HAProxy's passwords character for character", () => {
    const cfg = "listen s\n  stats auth admin:pw12\nuserlist u\n  user bob insecure-password abc\n";
    expect(maskSecrets("/etc/haproxy/haproxy.cfg", cfg)).toBe(
      "listen s\n  stats auth admin:****\nuserlist u\n  user bob insecure-password ***\n",
    );
    expect(maskSecrets("/etc/c6xx_dev0.conf", "passwd='x'\n")).toBe("passwd='x'\n");
  });
});

describe("qatconf snapshot refuses an OUT it could be tricked by", () => {
  it("refuses a non-empty OUT, even one holding only a planted link, and writes nothing through it", async () => {
    const root = await built(healthyHost());
    const outside = await scratch();
    const out = await scratch();
    await symlink(outside, join(out, "etc"));
    await expect(saveHost(out, { root })).rejects.toThrow(`${out} is not empty: give a new or empty folder`);
    expect(await readdir(outside)).toEqual([]);
    expect(await listing(out)).toEqual([`etc -> ${outside}`]);
  });

  it("refuses an OUT that is a link or a file; takes an empty folder", async () => {
    const root = await built(healthyHost());
    const dir = await scratch();
    const empty = join(dir, "empty");
    await mkdir(empty);
    await symlink(empty, join(dir, "link"));
    await writeFile(join(dir, "file"), "x");
    await expect(saveHost(join(dir, "link"), { root })).rejects.toThrow("is a symbolic link");
    await expect(saveHost(join(dir, "file"), { root })).rejects.toThrow("exists and is not a folder");
    expect(await readdir(empty)).toEqual([]);
    await saveHost(empty, { root });
    expect(await readdir(empty)).toContain(MANIFEST);
  });

  it("removes what it made when it fails", async () => {
    const root = await built(healthyHost());
    const out = join(await scratch(), "snap");
    await expect(saveHost(out, { root, dmesg: join(root, "missing.txt") })).rejects.toThrow(/missing\.txt/);
    await expect(lstat(out)).rejects.toThrow();
  });
});

describe("qatconf snapshot OUT.tar.gz", () => {
  it("packs the same folder into one archive that tar extracts, links kept, for doctor --root", async () => {
    const root = await built(qatlibHost());
    const dir = await scratch();
    const archive = join(dir, "host.tar.gz");
    await saveHost(archive, { root });
    expect(await readdir(dir)).toEqual(["host.tar.gz"]);
    const extracted = join(dir, "x");
    await mkdir(extracted);
    execFileSync("tar", ["-xzf", archive, "-C", extracted]);
    const folder = join(dir, "folder");
    await saveHost(folder, { root });
    expect(await listing(extracted)).toEqual(await listing(folder));
    expect(doctor(await readHost(extracted))).toEqual(doctor(await readHost(root)));
  });

  it("refuses a name that exists, a planted link included, and writes nothing through it", async () => {
    const root = await built(healthyHost());
    const dir = await scratch();
    const target = join(dir, "elsewhere");
    await symlink(target, join(dir, "host.tgz"));
    await expect(saveHost(join(dir, "host.tgz"), { root })).rejects.toThrow("host.tgz exists: give a new file name");
    await expect(lstat(target)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["host.tgz"]);
  });
});

describe("qatconf snapshot (CLI)", () => {
  it("saves, says how to read it back, and exits 2 on an OUT that is not empty", async () => {
    const root = await built(inTreeQat1Host());
    const out = join(await scratch(), "snap");
    const r = runCli(["snapshot", out, "--root", root]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`read it back with: qatconf doctor --root ${out}`);
    const back = runCli(["doctor", "--root", out, "--format", "json"]);
    const direct = runCli(["doctor", "--root", root, "--format", "json"]);
    expect(back.stdout).toBe(direct.stdout);
    expect(back.status).toBe(direct.status);
    const again = runCli(["snapshot", out, "--root", root]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`qatconf snapshot: ${out} is not empty: give a new or empty folder\n`);
  });
});
