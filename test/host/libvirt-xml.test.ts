import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostdevXml, readDomainHostdevs } from "../../src/host/libvirt-xml.ts";
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

describe("hostdevXml against libvirt's schema (virt-xml-validate)", () => {
  it("validates inside a domain, for ordinary and extreme addresses", (context) => {
    const tool = virtXmlValidate();
    if (!tool.path) {
      context.skip(tool.reason);
      return;
    }
    const devices = ["0000:3d:01.1", "0000:00:00.0", "ffff:ff:1f.7"].map(hostdevXml);
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
