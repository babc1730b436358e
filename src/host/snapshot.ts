/**
 * Takes a read-only snapshot of a host: its PCI functions from sysfs, IOMMU units, kernel command
 * line, CPU flags, QAT configuration files in /etc and libvirt domain definitions. The root may be
 * `/` or a saved copy of those files (as `tar` or `cp -a` keep sysfs's relative links). Nothing is
 * written; a file that cannot be read is left out of the snapshot rather than failing it.
 */
import { readdir, readFile, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isDriverFileName, parseFileName } from "../config/file-name.ts";
import { readDomainHostdevs } from "./libvirt-xml.ts";
import { comparePciAddresses, normalizePciAddress } from "./pci-address.ts";
import type { HostConfigFile, HostSnapshot, PciFunction, SavedText } from "./types.ts";

/** Options of {@link readHost}. */
export interface ReadHostOptions {
  /** A saved `dmesg` output to read (a path on this machine, not under the root). */
  dmesg?: string;
  /** A saved `lspci -vvvnn` output to read. */
  lspci?: string;
}

const PCI_DEVICES = "/sys/bus/pci/devices";

/**
 * Reads the host under `root`. Throws only when the root itself, or a text named in `options`,
 * cannot be read: those are the caller's mistakes, everything else is a finding.
 */
export async function readHost(root = "/", options: ReadHostOptions = {}): Promise<HostSnapshot> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${root}: ${error.code ?? error.message}`);
  });
  if (!info.isDirectory()) throw new Error(`${root} is not a directory`);
  const at = (hostPath: string): string => join(root, hostPath);
  const [pci, iommuUnits, cmdline, cpuinfo, denylist, configs, guestHostdevs, dmesg, lspci] = await Promise.all([
    readPciFunctions(root),
    list(at("/sys/class/iommu")),
    text(at("/proc/cmdline")),
    text(at("/proc/cpuinfo")),
    text(at("/sys/module/vfio_pci/parameters/disable_denylist")),
    readConfigs(root),
    readGuests(root),
    options.dmesg === undefined ? undefined : saved(options.dmesg),
    options.lspci === undefined ? undefined : saved(options.lspci),
  ]);
  const snapshot: HostSnapshot = { root, pci, iommuUnits: iommuUnits.sort(), configs, guestHostdevs };
  if (cmdline !== undefined) snapshot.cmdline = cmdline.trim();
  if (cpuinfo !== undefined) Object.assign(snapshot, parseCpuinfo(cpuinfo));
  if (denylist !== undefined) snapshot.vfioDisableDenylist = denylist.trim();
  if (dmesg) snapshot.dmesg = dmesg;
  if (lspci) snapshot.lspci = lspci;
  return snapshot;
}

/** The flags and vendor of the first CPU of `/proc/cpuinfo`. */
export function parseCpuinfo(cpuinfo: string): { cpuFlags?: string[]; cpuVendor?: string } {
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:(.*)$`, "m").exec(cpuinfo)?.[1]?.trim();
  const out: { cpuFlags?: string[]; cpuVendor?: string } = {};
  const flags = field("flags");
  if (flags !== undefined) out.cpuFlags = flags.split(/\s+/).filter((f) => f !== "");
  const vendor = field("vendor_id");
  if (vendor !== undefined) out.cpuVendor = vendor;
  return out;
}

async function readPciFunctions(root: string): Promise<PciFunction[]> {
  const names = await list(join(root, PCI_DEVICES));
  const functions = await Promise.all(
    names.filter((n) => normalizePciAddress(n) !== undefined).map((n) => readPciFunction(root, n)),
  );
  return functions.sort((a, b) => comparePciAddresses(a.address, b.address));
}

async function readPciFunction(root: string, name: string): Promise<PciFunction> {
  const dir = join(root, PCI_DEVICES, name);
  const file = (f: string): Promise<string | undefined> => text(join(dir, f)).then((t) => t?.trim());
  const [vendor, device, classCode, numa, total, num, driver, group, physfn, entries, real, qatDir] = await Promise.all(
    [
      file("vendor"),
      file("device"),
      file("class"),
      file("numa_node"),
      file("sriov_totalvfs"),
      file("sriov_numvfs"),
      linkName(join(dir, "driver")),
      linkName(join(dir, "iommu_group")),
      linkName(join(dir, "physfn")),
      list(dir),
      realpath(dir).catch(() => undefined),
      stat(join(dir, "qat")).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ],
  );
  const fn: PciFunction = {
    address: normalizePciAddress(name) ?? name,
    vendor: hexId(vendor, 4),
    device: hexId(device, 4),
    classCode: hexId(classCode, 6),
    numaNode: integer(numa) ?? -1,
    virtfns: await readVirtfns(dir, entries),
    inTreeQatSysfs: qatDir,
    sysfsPath: `${PCI_DEVICES}/${name}`,
  };
  if (driver !== undefined) fn.driver = driver;
  if (group !== undefined) fn.iommuGroup = group;
  const totalVfs = integer(total);
  if (totalVfs !== undefined) fn.sriovTotalVfs = totalVfs;
  const numVfs = integer(num);
  if (numVfs !== undefined) fn.sriovNumVfs = numVfs;
  const pf = physfn === undefined ? undefined : normalizePciAddress(physfn);
  if (pf !== undefined) fn.physfn = pf;
  // The folder above a function's real sysfs folder is its bridge, or the host bridge `pci0000:3a`.
  const upstream = real === undefined ? undefined : normalizePciAddress(basename(dirname(real)));
  if (upstream !== undefined) fn.upstream = upstream;
  return fn;
}

async function readVirtfns(dir: string, entries: string[]): Promise<string[]> {
  const numbered = entries
    .map((e) => ({ e, n: /^virtfn(\d+)$/.exec(e)?.[1] }))
    .filter((x): x is { e: string; n: string } => x.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  const links = await Promise.all(numbered.map(({ e }) => linkName(join(dir, e))));
  return links.map((l) => (l === undefined ? undefined : normalizePciAddress(l))).filter((a) => a !== undefined);
}

async function readConfigs(root: string): Promise<HostConfigFile[]> {
  const names = (await list(join(root, "etc"))).filter((n) => isDriverFileName(parseFileName(n))).sort();
  const files = await Promise.all(
    names.map(async (n) => {
      const content = await text(join(root, "etc", n));
      return content === undefined ? undefined : { path: `/etc/${n}`, text: content };
    }),
  );
  return files.filter((f) => f !== undefined);
}

async function readGuests(root: string): Promise<HostSnapshot["guestHostdevs"]> {
  const dir = "/etc/libvirt/qemu";
  const names = (await list(join(root, dir))).filter((n) => n.endsWith(".xml")).sort();
  const domains = await Promise.all(
    names.map(async (n) => {
      const content = await text(join(root, dir, n));
      return content === undefined ? [] : readDomainHostdevs(`${dir}/${n}`, content);
    }),
  );
  return domains.flat();
}

async function saved(path: string): Promise<SavedText> {
  try {
    return { path, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function text(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function list(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

async function linkName(path: string): Promise<string | undefined> {
  try {
    return basename(await readlink(path));
  } catch {
    return undefined;
  }
}

function hexId(value: string | undefined, width: number): string {
  if (value === undefined) return "";
  const v = value.toLowerCase().replace(/^0x/, "");
  return v.padStart(width, "0");
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}
