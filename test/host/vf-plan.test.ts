import { describe, expect, it } from "vitest";
import { parseGuestRequests, planVfs, type VfPlan } from "../../src/host/vf-plan.ts";
import { planFiles, planText, refusalText } from "../../src/host/vf-plan-output.ts";
import { lint } from "../../src/lint/lint.ts";
import { domainXml } from "./fake-host.ts";
import { healthyHost, mixedGenerationsHost, PF, PF2, twoNodeHost, wrongDriverHost } from "./layouts.ts";
import { snapshotOf } from "./run.ts";
import { domainWith, validateDomain, virtXmlValidate } from "./virt-xml.ts";

type Planned = Extract<VfPlan, { ok: true }>;

function planned(plan: VfPlan): Planned {
  if (!plan.ok) throw new Error(`refused: ${refusalText(plan)}`);
  return plan;
}

function shares(plan: Planned): Record<string, string[]> {
  return Object.fromEntries(plan.guests.map((g) => [g.guest, g.vfs.map((p) => p.vf.pci.address)]));
}

describe("planVfs", () => {
  it("spreads each guest's VFs across PFs and NUMA nodes, and guests across PFs", async () => {
    const host = await snapshotOf(twoNodeHost(4));
    const plan = planned(planVfs(host, parseGuestRequests("vm1=2,vm2=2,vm3=1")));
    expect(shares(plan)).toEqual({
      vm1: ["0000:3d:01.0", "0000:b1:01.0"],
      vm2: ["0000:3d:01.1", "0000:b1:01.1"],
      vm3: ["0000:3d:01.2"],
    });
    expect(plan.guests[0]?.vfs.map((p) => [p.pf, p.vf.pci.numaNode])).toEqual([
      [PF, 0],
      [PF2, 1],
    ]);
    expect(plan.free).toBe(8);
  });

  it("balances single-VF guests over the PFs", async () => {
    const host = await snapshotOf(twoNodeHost(4));
    const plan = planned(planVfs(host, parseGuestRequests("a=1,b=1,c=1,d=1")));
    expect(Object.values(shares(plan)).map(([a]) => a?.slice(5, 7))).toEqual(["3d", "b1", "3d", "b1"]);
  });

  it("never gives a VF the host uses, one a guest has, or one another driver holds", async () => {
    const host = await snapshotOf(wrongDriverHost());
    const plan = planned(planVfs(host, [{ guest: "vm2", count: 2 }]));
    // 01.0: host's c6xxvf and vm1's; 01.1: unbound (bindable); 01.2: ixgbevf; 01.3: vfio-pci.
    expect(shares(plan)).toEqual({ vm2: ["0000:3d:01.1", "0000:3d:01.3"] });
    expect(plan.excluded.map((e) => [e.vf.pci.address, e.reason])).toEqual([
      ["0000:3d:01.0", "already given to guest vm1"],
      ["0000:3d:01.2", "held by driver ixgbevf"],
    ]);
    expect(plan.notes).toEqual([
      "vfio-pci refuses c6xxvf VF 0000:3d:01.1 unless loaded with disable_denylist=1 (see: qatconf doctor, check vfio-denylist)",
    ]);
  });

  it("leaves out a VF whose IOMMU group holds another device", async () => {
    const spec = healthyHost();
    spec.functions = spec.functions.map((f) => (f.address === "0000:3d:01.2" ? { ...f, iommuGroup: "101" } : f));
    const plan = planned(planVfs(await snapshotOf(spec), [{ guest: "vm2", count: 1 }]));
    expect(plan.excluded.map((e) => e.reason)).toContain(
      "shares IOMMU group 101 with 0000:3d:01.1: vfio gives a group to one guest whole",
    );
    expect(plan.free).toBe(13); // 16, less vm1's two, less 01.2
  });

  it("refuses when too few VFs are free, saying how many are free and how many were asked", async () => {
    const spec = healthyHost();
    spec.domains = { ...spec.domains, "vm9.xml": domainXml("vm9", ["0000:3d:02.0"]) };
    const plan = planVfs(await snapshotOf(spec), parseGuestRequests("big=10,small=4"));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect([plan.free, plan.asked]).toEqual([13, 14]);
    expect(refusalText(plan)).toBe(
      [
        "not enough free QAT VFs: 13 free, 14 asked",
        "  2 VFs already given to guest vm1",
        "  1 VF already given to guest vm9",
        "  hint: enable more VFs (qatconf doctor shows each PF's sriov_numvfs and the command), or ask for fewer",
        "",
      ].join("\n"),
    );
  });

  it("notes an IOMMU that is off", async () => {
    const spec = twoNodeHost(1);
    spec.iommuUnits = [];
    spec.functions = spec.functions.map(({ iommuGroup: _, ...f }) => f);
    const plan = planVfs(await snapshotOf(spec), [{ guest: "vm1", count: 1 }]);
    expect(plan.notes[0]).toMatch(/^the IOMMU is off/);
  });

  it("numbers each guest's VF files per device type from 0, as the guest's driver does", async () => {
    const plan = planned(planVfs(await snapshotOf(twoNodeHost(2)), parseGuestRequests("vm1=3")));
    expect(plan.guests[0]?.vfs.map((p) => p.guestConfigName)).toEqual([
      "c6xxvf_dev0.conf",
      "c6xxvf_dev1.conf",
      "c6xxvf_dev2.conf",
    ]);
  });
});

describe("parseGuestRequests", () => {
  it("reads NAME=COUNT lists", () => {
    expect(parseGuestRequests("vm1=2, db.prod=1")).toEqual([
      { guest: "vm1", count: 2 },
      { guest: "db.prod", count: 1 },
    ]);
  });

  it.each([
    ["vm1", /is not NAME=COUNT/],
    ["vm1=0", /the count must be 1 or more/],
    ["vm1=1,vm1=2", /guest 'vm1' is named twice/],
    ["../x=1", /is not NAME=COUNT/],
    ["vm1=-1", /is not NAME=COUNT/],
  ])("refuses %s", (text, message) => {
    expect(() => parseGuestRequests(text)).toThrow(message);
  });
});

describe("the guest's VF configuration", () => {
  it("is qatconf vf-config's file for the whole VF, lint-clean, on CPU 0", async () => {
    const plan = planned(planVfs(await snapshotOf(twoNodeHost(1)), parseGuestRequests("vm1=1")));
    const text = plan.guests[0]?.vfs[0]?.guestConfig ?? "";
    expect(lint(text, { fileName: "c6xxvf_dev0.conf" }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // A c6xx VF is one bank of 16 rings: cy;dc holds 2 Cy and 2 Dc instances.
    expect(text).toContain("ServicesEnabled = cy;dc");
    expect(text).toContain("NumberCyInstances = 2\nNumberDcInstances = 2");
    expect(text.match(/^\w+CoreAffinity = .*$/gm)).toEqual([
      "Cy0CoreAffinity = 0",
      "Cy1CoreAffinity = 0",
      "Dc0CoreAffinity = 0",
      "Dc1CoreAffinity = 0",
    ]);
  });

  it("names a 401xx VF's guest file after the 4xxx driver that runs it", async () => {
    const spec = mixedGenerationsHost();
    spec.functions = spec.functions.map((f) =>
      f.device === "4941" ? { ...f, device: "4943" } : f.device === "4940" ? { ...f, device: "4942" } : f,
    );
    const plan = planned(planVfs(await snapshotOf(spec), parseGuestRequests("vm1=4")));
    expect(plan.guests[0]?.vfs.map((p) => p.guestConfigName).sort()).toEqual([
      "4xxxvf_dev0.conf",
      "4xxxvf_dev1.conf",
      "c6xxvf_dev0.conf",
      "c6xxvf_dev1.conf",
    ]);
    expect(plan.notes).toEqual([]);
  });
});

describe("the plan's files", () => {
  it("are a hostdev XML, a VF file per VF and an attach script per guest", async () => {
    const plan = planned(planVfs(await snapshotOf(twoNodeHost(2)), parseGuestRequests("vm1=2")));
    expect(planFiles(plan).map((f) => f.path)).toEqual([
      "vm1/hostdev-0000_3d_01_0.xml",
      "vm1/hostdev-0000_b1_01_0.xml",
      "vm1/c6xxvf_dev0.conf",
      "vm1/c6xxvf_dev1.conf",
      "vm1/attach.sh",
    ]);
    const script = planFiles(plan).find((f) => f.path === "vm1/attach.sh");
    expect(script?.content).toContain(
      "virsh nodedev-detach pci_0000_3d_01_0\nvirsh attach-device vm1 hostdev-0000_3d_01_0.xml --config\n",
    );
    expect(planText(plan)).toContain("--- vm1/c6xxvf_dev0.conf, vm1/c6xxvf_dev1.conf (the same text)");
    expect(planText(plan, "/tmp/out/")).toContain(
      "    virsh attach-device vm1 /tmp/out/vm1/hostdev-0000_b1_01_0.xml --config",
    );
  });

  it("hostdev XML for every planned VF passes virt-xml-validate inside the guest's domain", async (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const plan = planned(planVfs(await snapshotOf(twoNodeHost(4)), parseGuestRequests("vm1=3,vm2=5")));
    for (const g of plan.guests) {
      const r = validateDomain(
        tool.path,
        domainWith(
          g.guest,
          g.vfs.map((p) => p.xml),
        ),
      );
      expect(r.output, g.guest).toContain("validates");
      expect(r.status).toBe(0);
    }
  });
});

describe("planVfs from the library", () => {
  it("refuses a guest name that would leave the output folder or break attach.sh, as --guests does", async () => {
    const host = await snapshotOf(healthyHost());
    for (const guest of ["../etc", "vm1\nreboot", "a/b", ""]) {
      expect(() => planVfs(host, [{ guest, count: 1 }])).toThrow(/is not NAME=COUNT/);
    }
    expect(() => planVfs(host, [{ guest: "vm1", count: 0 }])).toThrow(/count must be 1 or more/);
  });
});
