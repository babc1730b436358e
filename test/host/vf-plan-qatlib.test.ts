import { describe, expect, it } from "vitest";
import { type GuestPlan, parseGuestRequests, planVfs, type VfPlan } from "../../src/host/vf-plan.ts";
import { planFiles, planText, refusalText } from "../../src/host/vf-plan-output.ts";
import { domainXml, type FakeHost, intelCpuinfo, vfsOf } from "./fake-host.ts";
import { PF4, procModules } from "./intree-layouts.ts";
import { BOOT, FIRMWARE, mixedGenerationsHost } from "./layouts.ts";
import { snapshotOf } from "./run.ts";
import { domainWith, validateDomain, virtXmlValidate } from "./virt-xml.ts";

const PF4B = "0000:e8:00.0";

/** Two in-tree 4xxx PFs whose VFs are on vfio-pci for guests: no qatlib on the host. */
function gen4PassthroughHost(vfsPerPf = 16): FakeHost {
  const pf = (address: string, group: number, numaNode: number) => ({
    address,
    device: "4940",
    driver: "4xxx",
    totalVfs: 16,
    numVfs: vfsPerPf,
    iommuGroup: String(group),
    numaNode,
    inTree: true,
  });
  return {
    functions: [
      pf(PF4, 3, 0),
      ...vfsOf(PF4, vfsPerPf, { device: "4941", driver: "vfio-pci", firstGroup: 200 }),
      pf(PF4B, 4, 1),
      ...vfsOf(PF4B, vfsPerPf, { device: "4941", driver: "vfio-pci", firstGroup: 300, numaNode: 1 }),
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on iommu=pt`,
    cpuinfo: intelCpuinfo(),
    files: { ...FIRMWARE, "proc/modules": procModules([["qat_4xxx"], ["intel_qat"]]) },
  };
}

/** vm1's definition: a q35 guest whose PCI controllers go up to index 5 (or i440fx, up to 2). */
function withGuest(host: FakeHost, machine = "pc-q35-7.2"): FakeHost {
  const controllers = machine.includes("q35")
    ? ["pcie-root' index='0", "pcie-root-port' index='1", "pcie-root-port' index='5"]
    : ["pci-root' index='0", "pci-bridge' index='2"];
  const xml = domainXml("vm1", [])
    .replace("machine='pc-q35-7.2'", `machine='${machine}'`)
    .replace(
      "  </devices>",
      `${controllers.map((c) => `    <controller type='pci' model='${c}'/>`).join("\n")}\n  </devices>`,
    );
  return { ...host, domains: { "vm1.xml": xml } };
}

type Planned = Extract<VfPlan, { ok: true }>;

function planned(plan: VfPlan): Planned {
  if (!plan.ok) throw new Error(`refused: ${refusalText(plan)}`);
  return plan;
}

/** Per VF: host address -> guest bus:slot.function, with `+mf` for multifunction. */
function layout(g: GuestPlan | undefined): string[] {
  return (g?.vfs ?? []).map((p) => {
    const a = p.guestAddress;
    return `${p.vf.pci.address} -> ${a ? `${a.bus}:${a.slot}.${a.fn}${a.multifunction ? "+mf" : ""}` : "none"}`;
  });
}

describe("vf-plan for qatlib guests", () => {
  it("puts each host PF's VFs on a new bus of their own, functions 0.. of one slot, function 0 multifunction", async () => {
    const host = await snapshotOf(withGuest(gen4PassthroughHost()));
    const plan = planned(planVfs(host, parseGuestRequests("vm1=4"), { guestStack: "qatlib" }));
    const [g] = plan.guests;
    // The guest's controllers end at index 5: the PFs get buses 6 and 7.
    expect(g?.controllers.map((c) => [c.index, c.model, c.pf])).toEqual([
      [6, "pcie-root-port", PF4],
      [7, "pcie-root-port", PF4B],
    ]);
    expect(layout(g)).toEqual([
      "0000:6b:01.0 -> 6:0.0+mf",
      "0000:6b:01.1 -> 6:0.1",
      "0000:e8:01.0 -> 7:0.0+mf",
      "0000:e8:01.1 -> 7:0.1",
    ]);
    expect(g?.vfs[0]?.xml).toContain(
      "<address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0' multifunction='on'/>",
    );
  });

  it("writes no VF file, and attaches the controllers before the VFs", async () => {
    const host = await snapshotOf(withGuest(gen4PassthroughHost()));
    const plan = planned(planVfs(host, parseGuestRequests("vm1=2"), { guestStack: "qatlib" }));
    const files = planFiles(plan).map((f) => f.path);
    expect(files).toEqual([
      "vm1/controller-pci-6.xml",
      "vm1/controller-pci-7.xml",
      "vm1/hostdev-0000_6b_01_0.xml",
      "vm1/hostdev-0000_e8_01_0.xml",
      "vm1/attach.sh",
    ]);
    expect(files.some((f) => f.endsWith(".conf"))).toBe(false);
    const script = planFiles(plan).find((f) => f.path === "vm1/attach.sh")?.content ?? "";
    expect(script.indexOf("controller-pci-7.xml")).toBeLessThan(script.indexOf("nodedev-detach"));
    const text = planText(plan);
    expect(text).toContain("Guest vm1 (2 VFs, qatlib):");
    expect(text).toContain("4xxxvf VF 0000:6b:01.0 of PF 0000:6b:00.0, NUMA node 0 -> in the guest: 0000:06:00.0");
    expect(text).not.toContain("_dev0.conf");
  });

  it("uses a PCI bridge, slot 1, on an i440fx guest", async () => {
    const host = await snapshotOf(withGuest(gen4PassthroughHost(), "pc-i440fx-8.0"));
    const plan = planned(planVfs(host, parseGuestRequests("vm1=2"), { guestStack: "qatlib" }));
    expect(plan.guests[0]?.controllers.map((c) => [c.index, c.model])).toEqual([
      [3, "pci-bridge"],
      [4, "pci-bridge"],
    ]);
    expect(layout(plan.guests[0])).toEqual(["0000:6b:01.0 -> 3:1.0+mf", "0000:e8:01.0 -> 4:1.0+mf"]);
  });

  it("notes a guest it has no definition for, and assumes q35 from bus 1", async () => {
    const plan = planned(
      planVfs(await snapshotOf(gen4PassthroughHost()), parseGuestRequests("new=1"), { guestStack: "qatlib" }),
    );
    expect(plan.guests[0]?.controllers.map((c) => [c.index, c.model])).toEqual([[1, "pcie-root-port"]]);
    expect(plan.notes.join("\n")).toContain("guest new has no definition under /etc/libvirt/qemu");
  });

  it("notes VFs of the same PF the guest already has, which qatlib would count as another PF", async () => {
    const spec = withGuest(gen4PassthroughHost());
    const xml = spec.domains?.["vm1.xml"] ?? "";
    spec.domains = {
      "vm1.xml": xml.replace(
        "  </devices>",
        `${domainXml("x", ["0000:6b:02.7"]).split("<devices>\n")[1]?.split("  </devices>")[0]}  </devices>`,
      ),
    };
    const plan = planned(planVfs(await snapshotOf(spec), parseGuestRequests("vm1=2"), { guestStack: "qatlib" }));
    expect(plan.notes).toEqual([
      `guest vm1 already has VFs of PF ${PF4}: the new ones go on guest bus 6, which qatlib counts as another PF; for one PF on one bus, detach the old ones and plan them all together`,
    ]);
  });

  it("takes at most 8 VFs of one PF for a guest, and refuses when that leaves too few", async () => {
    const host = await snapshotOf(withGuest(gen4PassthroughHost()));
    const plan = planned(planVfs(host, parseGuestRequests("vm1=16"), { guestStack: "qatlib" }));
    const perPf = (pf: string) => plan.guests[0]?.vfs.filter((p) => p.pf === pf).length;
    expect([perPf(PF4), perPf(PF4B)]).toEqual([8, 8]);
    const refused = planVfs(host, parseGuestRequests("vm1=17"), { guestStack: "qatlib" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refusalText(refused)).toContain(
      "cannot share 17 of 32 free QAT VFs as asked: guest vm1 cannot get 17 VFs with at most 8 of one PF",
    );
    // The out-of-tree guest has no such limit.
    expect(planVfs(host, parseGuestRequests("vm1=17")).ok).toBe(true);
  });

  it("leaves QAT 1.x VFs out: qatlib does not drive them", async () => {
    const plan = planVfs(await snapshotOf(mixedGenerationsHost()), parseGuestRequests("vm1=3"), {
      guestStack: "qatlib",
    });
    expect(plan.ok).toBe(false);
    expect(plan.free).toBe(2);
    expect(plan.excluded.map((e) => [e.vf.pci.address, e.reason.split(" (")[0]])).toEqual([
      ["0000:3d:01.0", "qatlib does not drive c6xx VFs"],
      ["0000:3d:01.1", "qatlib does not drive c6xx VFs"],
    ]);
  });

  it("keeps the out-of-tree layout by default: libvirt places the VFs, each gets its VF file", async () => {
    const plan = planned(planVfs(await snapshotOf(withGuest(gen4PassthroughHost())), parseGuestRequests("vm1=2")));
    expect(plan.guests[0]?.controllers).toEqual([]);
    expect(plan.guests[0]?.vfs.map((p) => [p.guestAddress, p.guestConfigName])).toEqual([
      [undefined, "4xxxvf_dev0.conf"],
      [undefined, "4xxxvf_dev1.conf"],
    ]);
    expect(plan.guests[0]?.vfs[0]?.xml).not.toContain("<address type='pci'");
  });

  it("gives XML that passes virt-xml-validate inside the guest's domain, controllers included", async (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    for (const machine of ["pc-q35-7.2", "pc-i440fx-8.0"]) {
      const host = await snapshotOf(withGuest(gen4PassthroughHost(), machine));
      const plan = planned(planVfs(host, parseGuestRequests("vm1=11,vm2=5"), { guestStack: "qatlib" }));
      for (const g of plan.guests) {
        const devices = [...g.controllers.map((c) => c.xml), ...g.vfs.map((p) => p.xml)];
        const r = validateDomain(tool.path, domainWith(g.guest, devices));
        expect(r.output, `${machine} ${g.guest}`).toContain("validates");
        expect(r.status).toBe(0);
      }
    }
  });
});
