/**
 * doctor's host picture without a browser: who holds each VF, escaping of names from the host's
 * files, a guest's view (VFs without their PF), a host with no QAT device, and the findings tables.
 */
import { afterAll, describe, expect, it } from "vitest";
import { doctor } from "../../src/host/doctor.ts";
import { Inventory } from "../../src/host/inventory.ts";
import { readHost } from "../../src/host/snapshot.ts";
import { hostMapHtml, hostMapSvg } from "../../src/render/host-map.ts";
import { buildHost, domainXml, type FakeHost, intelCpuinfo, removeHost } from "../host/fake-host.ts";
import { qatlibHost } from "../host/intree-layouts.ts";
import { healthyHost, twoNodeHost } from "../host/layouts.ts";

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await removeHost(root);
});

async function picture(layout: FakeHost) {
  const root = await buildHost(layout);
  roots.push(root);
  const host = await readHost(root);
  const diagnostics = doctor(host);
  const inventory = new Inventory(host);
  return { svg: hostMapSvg(inventory, diagnostics), html: hostMapHtml(inventory, diagnostics), inventory, diagnostics };
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe("hostMapSvg", () => {
  it("draws every PF and VF once, with who holds each", async () => {
    const layout = twoNodeHost(4);
    const { svg, inventory } = await picture(layout);
    expect(count(svg, '<g class="pf"')).toBe(2);
    expect(count(svg, '<g class="vf ')).toBe(inventory.vfs.length);
    expect(count(svg, 'data-holder="free"')).toBe(8);
    expect(svg).toContain("VFs 4 of 16 enabled · NUMA node 1");
  });

  it("draws qatlib's VFs as the host's, and a VF on qat_vfio_pci as free under that driver's name", async () => {
    const { svg } = await picture(qatlibHost());
    expect(count(svg, 'data-holder="host"')).toBe(16);
    expect(svg).toContain('data-who="qatlib (vfio-pci)"');
    const layout = twoNodeHost(1);
    const vf = layout.functions.find((f) => f.address === "0000:3d:01.0");
    if (vf) vf.driver = "qat_vfio_pci";
    const other = await picture(layout);
    expect(other.svg).toMatch(/data-address="0000:3d:01\.0"[^>]*data-holder="free"[^>]*data-who="qat_vfio_pci"/);
  });

  it("keeps a guest's name that looks like markup as text", async () => {
    const layout = healthyHost();
    layout.domains = { "evil.xml": domainXml(`vm>"1'`, ["0000:3d:01.3"]) };
    const { svg, html } = await picture(layout);
    // XML allows > and quotes in a domain's <name>: the picture must keep them text.
    expect(svg).toContain('data-who="vm&gt;&quot;1&#39;"');
    expect(html).not.toContain(`vm>"1'`);
  });

  it("marks a VF the host holds while a guest names it, and folds the inventory notes", async () => {
    const layout = healthyHost();
    const vf = layout.functions.find((f) => f.address === "0000:3d:01.0");
    if (vf) vf.driver = "c6xxvf";
    const { svg, html, diagnostics } = await picture(layout);
    expect(svg).toMatch(/<g class="vf conflict" data-address="0000:3d:01\.0"/);
    const notes = diagnostics.filter((d) => d.severity === "info").length;
    expect(html).toContain(`<summary>${notes} note(s): what doctor found on the host</summary>`);
  });

  it("shows a guest's VFs without their PF, and says when there is no QAT device", async () => {
    const guest = await picture({
      functions: [{ address: "0000:00:05.0", device: "37c9", driver: "c6xxvf" }],
      cpuinfo: intelCpuinfo(),
    });
    expect(guest.svg).toContain("VFs without a PF on this host (a guest&#39;s view)");
    expect(guest.svg).toContain("this is a guest");
    const empty = await picture({ functions: [], cpuinfo: intelCpuinfo() });
    expect(empty.svg).toContain("No QAT device found.");
  });
});
