import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHost, removeHost } from "../host/fake-host.ts";
import { twoNodeHost } from "../host/layouts.ts";
import { runCli } from "../support/cli.ts";

let root: string;
let out: string;

beforeAll(async () => {
  root = await buildHost(twoNodeHost(2));
  out = await mkdtemp(join(tmpdir(), "qatconf-plan-"));
});

afterAll(async () => {
  await removeHost(root);
  await rm(out, { recursive: true, force: true });
});

describe("qatconf vf-plan", () => {
  it("prints each guest's VFs, virsh commands, hostdev XML and VF files", () => {
    const r = runCli(["vf-plan", "--root", root, "--guests", "vm1=2,vm2=1"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^3 of 4 free QAT VFs for 2 guests\n/);
    expect(r.stdout).toContain(
      "    virsh nodedev-detach pci_0000_3d_01_0\n    virsh attach-device vm1 vm1/hostdev-0000_3d_01_0.xml --config\n",
    );
    expect(r.stdout).toContain(
      "--- vm1/hostdev-0000_b1_01_0.xml\n<hostdev mode='subsystem' type='pci' managed='yes'>\n  <driver name='vfio'/>\n  <source>\n    <address domain='0x0000' bus='0xb1' slot='0x01' function='0x0'/>",
    );
    expect(r.stdout).toContain(
      "--- vm1/c6xxvf_dev0.conf, vm1/c6xxvf_dev1.conf, vm2/c6xxvf_dev0.conf (the same text)\n# Intel C62x chipset virtual function",
    );
  });

  it("refuses a --guest-stack it does not know, and with qatlib leaves the c6xx VFs out (exit 1)", () => {
    const bad = runCli(["vf-plan", "--root", root, "--guests", "vm1=1", "--guest-stack", "dpdk"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("qatconf vf-plan: --guest-stack: 'dpdk' is not one of out-of-tree, qatlib\n");
    const r = runCli(["vf-plan", "--root", root, "--guests", "vm1=1", "--guest-stack", "qatlib"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not enough free QAT VFs: 0 free, 1 asked\n  4 VFs qatlib does not drive c6xx VFs\n");
  });

  it("writes the files under --out, the attach script executable", () => {
    const r = runCli(["vf-plan", "--root", root, "--guests", "vm1=1", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Files written under ${out}:`);
    expect(readFileSync(join(out, "vm1/hostdev-0000_3d_01_0.xml"), "utf8")).toContain(
      "bus='0x3d' slot='0x01' function='0x0'",
    );
    expect(readFileSync(join(out, "vm1/c6xxvf_dev0.conf"), "utf8")).toContain("NumberCyInstances = 2");
    expect(statSync(join(out, "vm1/attach.sh")).mode & 0o111).not.toBe(0);
    expect(existsSync(join(out, "vm2"))).toBe(false);
  });

  it("never writes or chmods through a link planted in --out: the link is replaced", async () => {
    const planted = await mkdtemp(join(tmpdir(), "qatconf-plan-planted-"));
    const victim = join(planted, "victim");
    writeFileSync(victim, "precious\n", { mode: 0o600 });
    const dir = join(planted, "out");
    mkdirSync(join(dir, "vm1"), { recursive: true });
    symlinkSync(victim, join(dir, "vm1/attach.sh"));
    symlinkSync(victim, join(dir, "vm1/c6xxvf_dev0.conf"));
    try {
      expect(runCli(["vf-plan", "--root", root, "--guests", "vm1=1", "--out", dir]).status).toBe(0);
      expect(readFileSync(victim, "utf8")).toBe("precious\n");
      expect(statSync(victim).mode & 0o777).toBe(0o600);
      expect(lstatSync(join(dir, "vm1/attach.sh")).isFile()).toBe(true);
      expect(readFileSync(join(dir, "vm1/attach.sh"), "utf8")).toMatch(/^#!\/bin\/sh\n/);
    } finally {
      await rm(planted, { recursive: true, force: true });
    }
  });

  it("refuses a guest folder under --out that is a link (exit 2), writing nothing through it", async () => {
    const planted = await mkdtemp(join(tmpdir(), "qatconf-plan-planted-"));
    const elsewhere = join(planted, "etc");
    mkdirSync(elsewhere);
    const dir = join(planted, "out");
    mkdirSync(dir);
    symlinkSync(elsewhere, join(dir, "vm1"));
    try {
      const r = runCli(["vf-plan", "--root", root, "--guests", "vm1=1", "--out", dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`qatconf vf-plan: cannot write under ${dir}: ${join(dir, "vm1")} is a symbolic link\n`);
      expect(existsSync(join(elsewhere, "attach.sh"))).toBe(false);
    } finally {
      await rm(planted, { recursive: true, force: true });
    }
  });

  it("refuses with exit 1 when too few VFs are free, saying how many", () => {
    const r = runCli(["vf-plan", "--root", root, "--guests", "vm1=3,vm2=2"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("qatconf vf-plan: not enough free QAT VFs: 4 free, 5 asked\n");
  });

  it("exits 2 on a bad --guests list or a missing one", () => {
    const bad = runCli(["vf-plan", "--root", root, "--guests", "vm1=two"]);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      "qatconf vf-plan: 'vm1=two' is not NAME=COUNT (NAME: letters, digits, . _ + -)\n",
    ]);
    expect(runCli(["vf-plan", "--root", root]).status).toBe(2);
  });
});
