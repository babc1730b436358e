/**
 * libvirt domain XML, both ways: the PCI `<hostdev>` devices a domain definition already holds
 * (read from `/etc/libvirt/qemu/*.xml`), and the `<hostdev>` element that gives a guest one VF.
 *
 * Domain files are written by libvirt itself in a regular shape, so a small reader that knows
 * elements, attributes and comments is enough; no XML library is needed for it.
 */

import { formatPciAddress, libvirtAddressAttributes, parsePciAddress } from "./pci-address.ts";
import { rangeAt } from "./text-range.ts";
import type { GuestDomain, GuestHostdev } from "./types.ts";

/**
 * Where a device sits in the guest's PCI tree: bus (a PCI controller's index), slot, function, and
 * `multifunction='on'` on function 0 of a slot that holds more functions.
 */
export interface GuestPciAddress {
  bus: number;
  slot: number;
  fn: number;
  multifunction?: boolean;
}

/**
 * The `<hostdev>` element libvirt attaches with `virsh attach-device`; `managed='yes'` lets libvirt
 * bind vfio-pci. Without `guest` libvirt picks the guest-side address itself.
 */
export function hostdevXml(address: string, guest?: GuestPciAddress): string {
  const parts = parsePciAddress(address);
  if (!parts) throw new Error(`not a PCI address: ${address}`);
  const inGuest =
    guest === undefined
      ? []
      : [
          `  <address type='pci' ${libvirtAddressAttributes({ domain: 0, bus: guest.bus, slot: guest.slot, fn: guest.fn })}${guest.multifunction ? " multifunction='on'" : ""}/>`,
        ];
  return [
    "<hostdev mode='subsystem' type='pci' managed='yes'>",
    "  <driver name='vfio'/>",
    "  <source>",
    `    <address ${libvirtAddressAttributes(parts)}/>`,
    "  </source>",
    ...inGuest,
    "</hostdev>",
    "",
  ].join("\n");
}

/** The guest-side PCI controllers vf-plan adds: a PCIe root port (q35) or a PCI bridge (i440fx). */
export type PciControllerModel = "pcie-root-port" | "pci-bridge";

/** A `<controller type='pci'>` that gives the guest bus `index`; libvirt places the controller itself. */
export function pciControllerXml(index: number, model: PciControllerModel): string {
  return `<controller type='pci' index='${index}' model='${model}'/>\n`;
}

/** The name, machine type and PCI controller indexes of a domain definition; undefined without a name. */
export function readDomain(path: string, text: string): GuestDomain | undefined {
  const xml = withoutComments(text);
  const guest = domainName(xml);
  if (guest === undefined) return undefined;
  const machine = /<type\b([^>]*)>/.exec(/<os\b[^>]*>([\s\S]*?)<\/os>/.exec(xml)?.[1] ?? "")?.[1];
  const pciControllers: number[] = [];
  for (const m of xml.matchAll(/<controller\b([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1] ?? "");
    const index = Number(attrs.get("index"));
    if (attrs.get("type") === "pci" && Number.isInteger(index) && index >= 0) pciControllers.push(index);
  }
  const type = machine === undefined ? undefined : attributes(machine).get("machine");
  return { guest, path, ...(type ? { machine: type } : {}), pciControllers };
}

/** The PCI hostdevs of one domain definition, with the domain's name. */
export function readDomainHostdevs(path: string, text: string): GuestHostdev[] {
  const xml = withoutComments(text);
  const name = domainName(xml);
  if (name === undefined) return [];
  const out: GuestHostdev[] = [];
  for (const m of xml.matchAll(/<hostdev\b([^>]*)>([\s\S]*?)<\/hostdev>/g)) {
    const attrs = attributes(m[1] ?? "");
    if (attrs.get("mode") !== "subsystem" || attrs.get("type") !== "pci") continue;
    const source = /<source\b[^>]*>([\s\S]*?)<\/source>/.exec(m[2] ?? "")?.[1];
    const addr = source === undefined ? undefined : /<address\b([^>]*?)\/?>/.exec(source)?.[1];
    const address = addr === undefined ? undefined : pciFromAttributes(attributes(addr));
    if (address === undefined) continue;
    const start = m.index;
    out.push({ guest: name, address, path, range: rangeAt(text, start, start + m[0].length) });
  }
  return out;
}

/** The text with comments blanked, not removed, so that offsets still point into the original. */
function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, " "));
}

function domainName(xml: string): string | undefined {
  return /<name>\s*([^<]*?)\s*<\/name>/.exec(xml)?.[1];
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")/g)) {
    out.set(m[1] ?? "", m[2] ?? m[3] ?? "");
  }
  return out;
}

// libvirt reads these as C integers (`0x3d` hex, `61` decimal); a missing domain is 0.
const LIMITS = { domain: 0xffff, bus: 0xff, slot: 0x1f, function: 7 } as const;

function pciFromAttributes(attrs: Map<string, string>): string | undefined {
  const value = (key: keyof typeof LIMITS): number | undefined => {
    const raw = attrs.get(key) ?? (key === "domain" ? "0" : undefined);
    const n = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= LIMITS[key] ? n : undefined;
  };
  const domain = value("domain");
  const bus = value("bus");
  const slot = value("slot");
  const fn = value("function");
  if (domain === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return formatPciAddress({ domain, bus, slot, fn });
}
