/**
 * PCI addresses as sysfs, lspci, libvirt and virsh each spell them: `0000:3d:01.1`, `3d:01.1`,
 * `<address domain='0x0000' bus='0x3d' slot='0x01' function='0x1'/>`, `pci_0000_3d_01_1`.
 */

/** The four parts of a PCI address, as numbers. */
export interface PciAddressParts {
  domain: number;
  bus: number;
  slot: number;
  fn: number;
}

const FULL = /^([0-9a-f]{4,8}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;
const SHORT = /^([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;

/**
 * Parses `0000:3d:01.1`, or `3d:01.1` (domain 0, as lspci prints it on single-domain hosts).
 * Returns `undefined` for anything else.
 */
export function parsePciAddress(text: string): PciAddressParts | undefined {
  const t = text.trim();
  const full = FULL.exec(t);
  if (full) return parts(full[1], full[2], full[3], full[4]);
  const short = SHORT.exec(t);
  return short ? parts("0", short[1], short[2], short[3]) : undefined;
}

function parts(domain = "0", bus = "0", slot = "0", fn = "0"): PciAddressParts {
  return {
    domain: Number.parseInt(domain, 16),
    bus: Number.parseInt(bus, 16),
    slot: Number.parseInt(slot, 16),
    fn: Number.parseInt(fn, 16),
  };
}

/** The canonical sysfs spelling: `0000:3d:01.1`. */
export function formatPciAddress(p: PciAddressParts): string {
  return `${hex(p.domain, 4)}:${hex(p.bus, 2)}:${hex(p.slot, 2)}.${p.fn.toString(16)}`;
}

/** Normalises any accepted spelling to `0000:3d:01.1`, or `undefined`. */
export function normalizePciAddress(text: string): string | undefined {
  const p = parsePciAddress(text);
  return p ? formatPciAddress(p) : undefined;
}

/** The libvirt node device name `virsh nodedev-detach` takes: `pci_0000_3d_01_1`. */
export function nodedevName(address: string): string {
  return `pci_${address.replace(/[:.]/g, "_")}`;
}

/** The attributes of a libvirt `<address>` element for this function. */
export function libvirtAddressAttributes(p: PciAddressParts): string {
  return `domain='0x${hex(p.domain, 4)}' bus='0x${hex(p.bus, 2)}' slot='0x${hex(p.slot, 2)}' function='0x${p.fn.toString(16)}'`;
}

/** Orders addresses as the kernel enumerates them (domain, bus, slot, function). */
export function comparePciAddresses(a: string, b: string): number {
  const pa = parsePciAddress(a);
  const pb = parsePciAddress(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  return pa.domain - pb.domain || pa.bus - pb.bus || pa.slot - pb.slot || pa.fn - pb.fn;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}
