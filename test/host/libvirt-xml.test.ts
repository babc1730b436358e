import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostdevXml, pciControllerXml, readDomain, readDomainHostdevs } from "../../src/host/libvirt-xml.ts";
import { formatPciAddress } from "../../src/host/pci-address.ts";
import { domainXml } from "./fake-host.ts";
import { domainWith, validateDomain, virtXmlValidate } from "./virt-xml.ts";

const pciAddress = fc
  .record({
    domain: fc.integer({ min: 0, max: 0xffff }),
    bus: fc.integer({ min: 0, max: 0xff }),
    slot: fc.integer({ min: 0, max: 0x1f }),
    fn: fc.integer({ min: 0, max: 7 }),
  })
  .map(formatPciAddress);

describe("readDomainHostdevs", () => {
  it("reads the source address of each PCI hostdev, with its line", () => {
    const xml = domainXml("vm1", ["0000:3d:01.0", "0000:b1:02.7"]);
    expect(
      readDomainHostdevs("/etc/libvirt/qemu/vm1.xml", xml).map((h) => [h.guest, h.address, h.range.start.line]),
    ).toEqual([
      ["vm1", "0000:3d:01.0", 14],
      ["vm1", "0000:b1:02.7", 20],
    ]);
  });

  it("ignores commented-out and non-PCI hostdevs and the guest-side address", () => {
    const xml = `<domain type='kvm'>
  <name>db</name>
  <devices>
    <!-- <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0' bus='0x3d' slot='1' function='0'/></source></hostdev> -->
    <hostdev mode='subsystem' type='usb' managed='yes'><source><vendor id='0x1234'/><product id='0xbeef'/></source></hostdev>
    <hostdev mode="subsystem" type="pci" managed="no">
      <driver name="vfio"/>
      <source>
        <address bus="61" slot="2" function="3"/>
      </source>
      <address type="pci" domain="0x0000" bus="0x00" slot="0x09" function="0x0"/>
    </hostdev>
  </devices>
</domain>`;
    const [only, ...rest] = readDomainHostdevs("/etc/libvirt/qemu/db.xml", xml);
    expect(rest).toEqual([]);
    // Decimal numbers are C integers to libvirt; a missing domain is 0.
    expect(only).toMatchObject({ guest: "db", address: "0000:3d:02.3", path: "/etc/libvirt/qemu/db.xml" });
    expect(only?.range.start.line).toBe(6);
  });

  it("gives nothing for a file without a domain name", () => {
    const nameless = domainWith("x", [hostdevXml("0000:3d:01.1")]).replace("<name>x</name>", "");
    expect(readDomainHostdevs("x.xml", nameless)).toEqual([]);
  });

  it("reads back every address hostdevXml writes", () => {
    fc.assert(
      fc.property(pciAddress, (address) => {
        const [h] = readDomainHostdevs("t.xml", domainWith("t", [hostdevXml(address)]));
        expect(h?.address).toBe(address);
      }),
    );
  });
});

describe("hostdevXml's guest-side address", () => {
  it("follows the source, with multifunction='on' only where asked", () => {
    const first = hostdevXml("0000:6b:00.1", { bus: 0x10, slot: 0, fn: 0, multifunction: true });
    expect(first).toContain(
      "  </source>\n  <address type='pci' domain='0x0000' bus='0x10' slot='0x00' function='0x0' multifunction='on'/>\n</hostdev>",
    );
    expect(hostdevXml("0000:6b:00.2", { bus: 0x10, slot: 0, fn: 1 })).not.toContain("multifunction");
    // The guest-side address is not read back as the source.
    expect(readDomainHostdevs("t.xml", domainWith("t", [first]))[0]?.address).toBe("0000:6b:00.1");
  });
});

describe("readDomain", () => {
  it("reads the machine type and the PCI controllers' indexes, ignoring comments and other controllers", () => {
    const xml = `<domain type='kvm'>
  <name>vm1</name>
  <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>
  <devices>
    <controller type='usb' index='0' model='qemu-xhci'/>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type="pci" index="1" model="pcie-root-port">
      <target chassis='1' port='0x10'/>
    </controller>
    <!-- <controller type='pci' index='9' model='pcie-root-port'/> -->
  </devices>
</domain>`;
    expect(readDomain("/etc/libvirt/qemu/vm1.xml", xml)).toEqual({
      guest: "vm1",
      path: "/etc/libvirt/qemu/vm1.xml",
      machine: "pc-q35-7.2",
      pciControllers: [0, 1],
    });
    expect(readDomain("x.xml", "<domain/>")).toBeUndefined();
  });
});

describe("hostdevXml against libvirt's schema (virt-xml-validate)", () => {
  it("validates inside a domain, for ordinary and extreme addresses", (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const devices = ["0000:3d:01.1", "0000:00:00.0", "ffff:ff:1f.7"].map((a) => hostdevXml(a));
    const r = validateDomain(tool.path, domainWith("vm1", devices));
    expect(r.output).toContain("validates");
    expect(r.status).toBe(0);
  });

  it("validates a guest-side multifunction slot behind the controller that gives its bus", (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const devices = [
      pciControllerXml(12, "pcie-root-port"),
      pciControllerXml(13, "pci-bridge"),
      hostdevXml("0000:6b:00.1", { bus: 12, slot: 0, fn: 0, multifunction: true }),
      hostdevXml("0000:6b:00.2", { bus: 12, slot: 0, fn: 7 }),
      hostdevXml("0000:e8:00.1", { bus: 13, slot: 1, fn: 0 }),
    ];
    const r = validateDomain(tool.path, domainWith("vm1", devices));
    expect(r.output).toContain("validates");
    expect(r.status).toBe(0);
  });

  it("is a real check: an out-of-range function fails it", (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const broken = hostdevXml("0000:3d:01.1").replace("function='0x1'", "function='0x8'");
    const r = validateDomain(tool.path, domainWith("vm1", [broken]));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("fails to validate");
  });
});
