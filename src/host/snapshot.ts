/**
 * Takes a read-only snapshot of a host: its PCI functions from sysfs, IOMMU units, kernel command
 * line, CPU flags, QAT configuration files in /etc and libvirt domain definitions. The root may be
 * `/` or a saved copy of those files (as `tar` or `cp -a` keep sysfs's relative links), read through
 * {@link HostTree}, which keeps every read inside the root. Nothing is written; a file that cannot
 * be read is left out of the snapshot rather than failing it.
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isDriverFileName, parseFileName } from "../config/file-name.ts";
import { InputError, ioReason, readText } from "../io/read-text.ts";
import { CONSUMER_PATHS } from "./consumer-files.ts";
import { HostTree, MANIFEST } from "./host-tree.ts";
import { readDomain, readDomainHostdevs } from "./libvirt-xml.ts";
import { comparePciAddresses, normalizePciAddress } from "./pci-address.ts";
import type {
  DeviceNode,
  GuestDomain,
  HostConfigFile,
  HostGroup,
  HostSnapshot,
  LoadedModule,
  PciFunction,
  QatlibFiles,
  SavedText,
} from "./types.ts";

/** Options of {@link readHost}. */
export interface ReadHostOptions {
  /** A saved `dmesg` output to read (a path on this machine, not under the root). */
  dmesg?: string;
  /** A saved `lspci -vvvnn` output to read. */
  lspci?: string;
}

const PCI_DEVICES = "/sys/bus/pci/devices";

/** Where `qatconf snapshot` keeps the saved texts under its folder; `doctor --root` reads them unless told others. */
export const SAVED_TEXTS = { dmesg: "qatconf-dmesg.txt", lspci: "qatconf-lspci.txt" } as const;

/**
 * Reads the host under `root`. Throws only when the root itself, or a text named in `options`,
 * cannot be read: those are the caller's mistakes, everything else is a finding.
 */
export async function readHost(root = "/", options: ReadHostOptions = {}): Promise<HostSnapshot> {
  return readHostTree(new HostTree(root), options);
}

/**
 * {@link readHost} through a given tree (a recording one for `qatconf snapshot`). Under a saved
 * snapshot (a root with a {@link MANIFEST}), the texts it saved are read when none are given.
 */
export async function readHostTree(host: HostTree, given: ReadHostOptions = {}): Promise<HostSnapshot> {
  const root = host.root;
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${root}: ${ioReason(error)}`);
  });
  if (!info.isDirectory()) throw new Error(`${root} is not a directory`);
  const options = root === "/" ? given : { ...(await savedTexts(root)), ...given };
  const [pci, iommuUnits, cmdline, cpuinfo, denylist, configs, guests, consumerFiles, dmesg, lspci] = await Promise.all(
    [
      readPciFunctions(host),
      host.list("/sys/class/iommu"),
      host.text("/proc/cmdline"),
      host.text("/proc/cpuinfo"),
      host.text("/sys/module/vfio_pci/parameters/disable_denylist"),
      readConfigs(host),
      readGuests(host),
      readConsumerFiles(host),
      options.dmesg === undefined ? undefined : saved(options.dmesg),
      options.lspci === undefined ? undefined : saved(options.lspci),
    ],
  );
  const snapshot: HostSnapshot = {
    root,
    pci,
    iommuUnits: iommuUnits.sort(),
    configs,
    consumerFiles,
    guestHostdevs: guests.hostdevs,
    guestDomains: guests.domains,
  };
  if (cmdline !== undefined) snapshot.cmdline = cmdline.trim();
  if (cpuinfo !== undefined) Object.assign(snapshot, parseCpuinfo(cpuinfo));
  if (denylist !== undefined) snapshot.vfioDisableDenylist = denylist.trim();
  if (dmesg) snapshot.dmesg = dmesg;
  if (lspci) snapshot.lspci = lspci;
  Object.assign(snapshot, await readDriverStack(host));
  return snapshot;
}

/**
 * What tells which QAT driver runs the host and what qatlib needs: loaded modules, groups, the
 * /dev/vfio nodes' owners, firmware files, qatlib's service files, memlock limits, the out-of-tree
 * package's init script.
 */
async function readDriverStack(host: HostTree): Promise<Partial<HostSnapshot>> {
  const [modules, group, vfio, firmware, usrFirmware, qatlib, limits, limitsD, initd] = await Promise.all([
    host.text("/proc/modules"),
    host.text("/etc/group"),
    readDeviceNodes(host, "/dev/vfio"),
    host.list("/lib/firmware", isFirmware),
    host.list("/usr/lib/firmware", isFirmware),
    readQatlib(host),
    host.text("/etc/security/limits.conf"),
    readFiles(host, "/etc/security/limits.d", (n) => n.endsWith(".conf")),
    host.list("/etc/init.d", (n) => n === "qat_service"),
  ]);
  const out: Partial<HostSnapshot> = { vfioNodes: vfio, qatlib };
  if (modules !== undefined) out.modules = parseModules(modules);
  if (group !== undefined) out.groups = parseGroups(group);
  out.firmware = [...new Set([...firmware, ...usrFirmware])].sort();
  out.limits = [...(limits === undefined ? [] : [{ path: "/etc/security/limits.conf", text: limits }]), ...limitsD];
  if (initd.includes("qat_service")) out.ootService = "/etc/init.d/qat_service";
  return out;
}

function isFirmware(name: string): boolean {
  return name.startsWith("qat_");
}

/** The texts a snapshot saved beside its tree (none for a plain copy). */
async function savedTexts(root: string): Promise<ReadHostOptions> {
  const out: ReadHostOptions = {};
  if ((await stat(join(root, MANIFEST)).catch(() => undefined)) === undefined) return out;
  for (const kind of ["dmesg", "lspci"] as const) {
    const path = join(root, SAVED_TEXTS[kind]);
    if ((await stat(path).catch(() => undefined))?.isFile()) out[kind] = path;
  }
  return out;
}

/** `/proc/modules` lines: `name size refs deps state address [(flags)]`; `O` flags an out-of-tree module. */
export function parseModules(textOfModules: string): LoadedModule[] {
  return textOfModules
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && f[0] !== "")
    .map((f) => ({
      name: f[0] as string,
      state: f[4] as string,
      outOfTree: /^\([A-Z]*O[A-Z]*\)$/.test(f.at(-1) as string),
    }));
}

/** `/etc/group` lines: `name:password:gid:members`. */
export function parseGroups(textOfGroups: string): HostGroup[] {
  return textOfGroups
    .split("\n")
    .map((line) => line.split(":"))
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2] as string))
    .map((f) => ({
      name: f[0] as string,
      gid: Number(f[2]),
      members: (f[3] ?? "").split(",").filter((m) => m !== ""),
    }));
}

/** Owner group and mode of each `/dev/vfio/N` node, resolved inside the root like every read. */
async function readDeviceNodes(host: HostTree, dir: string): Promise<DeviceNode[]> {
  const names = (await host.list(dir, (n) => n !== "vfio" && n !== "devices")).sort();
  const nodes = await Promise.all(
    names.map(async (name) => {
      const facts = await host.nodeFacts(`${dir}/${name}`);
      return facts === undefined ? undefined : { name, ...facts };
    }),
  );
  return nodes.filter((n) => n !== undefined);
}

const UNIT_DIRS = [
  "/etc/systemd/system",
  "/usr/lib/systemd/system",
  "/lib/systemd/system",
  "/usr/local/lib/systemd/system",
];

async function readQatlib(host: HostTree): Promise<QatlibFiles> {
  const [sysconfig, units, wants] = await Promise.all([
    host.text("/etc/sysconfig/qat"),
    Promise.all(UNIT_DIRS.map(async (d) => ({ path: `${d}/qat.service`, text: await host.text(`${d}/qat.service`) }))),
    host.list("/etc/systemd/system/multi-user.target.wants", (n) => n === "qat.service"),
  ]);
  const out: QatlibFiles = { enabled: wants.includes("qat.service") };
  if (sysconfig !== undefined) out.sysconfig = { path: "/etc/sysconfig/qat", text: sysconfig };
  const unit = units.find((u) => u.text !== undefined);
  if (unit) out.unit = { path: unit.path, text: unit.text as string };
  return out;
}

async function readFiles(host: HostTree, dir: string, keep: (name: string) => boolean): Promise<HostConfigFile[]> {
  const names = (await host.list(dir, keep)).sort();
  const files = await Promise.all(
    names.map(async (n) => {
      const content = await host.text(`${dir}/${n}`);
      return content === undefined ? undefined : { path: `${dir}/${n}`, text: content };
    }),
  );
  return files.filter((f) => f !== undefined);
}

/** The flags and vendor of the first CPU of `/proc/cpuinfo`. */
export function parseCpuinfo(cpuinfo: string): { cpuFlags?: string[]; cpuVendor?: string; cpuCount?: number } {
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:(.*)$`, "m").exec(cpuinfo)?.[1]?.trim();
  const out: { cpuFlags?: string[]; cpuVendor?: string; cpuCount?: number } = {};
  const processors = cpuinfo.match(/^processor\s*:/gm)?.length ?? 0;
  if (processors > 0) out.cpuCount = processors;
  const flags = field("flags");
  if (flags !== undefined) out.cpuFlags = flags.split(/\s+/).filter((f) => f !== "");
  const vendor = field("vendor_id");
  if (vendor !== undefined) out.cpuVendor = vendor;
  return out;
}

async function readPciFunctions(host: HostTree): Promise<PciFunction[]> {
  const names = await host.list(PCI_DEVICES, (n) => normalizePciAddress(n) !== undefined);
  const functions = await Promise.all(names.map((n) => readPciFunction(host, n)));
  return functions.sort((a, b) => comparePciAddresses(a.address, b.address));
}

async function readPciFunction(host: HostTree, name: string): Promise<PciFunction> {
  const dir = join(PCI_DEVICES, name);
  const file = (f: string): Promise<string | undefined> => host.text(join(dir, f)).then((t) => t?.trim());
  const [vendor, device, classCode, numa, total, num, driver, group, physfn, entries, real, qatDir, state, services] =
    await Promise.all([
      file("vendor"),
      file("device"),
      file("class"),
      file("numa_node"),
      file("sriov_totalvfs"),
      file("sriov_numvfs"),
      host.linkName(join(dir, "driver")),
      host.linkName(join(dir, "iommu_group")),
      host.linkName(join(dir, "physfn")),
      host.list(dir, (n) => /^virtfn\d+$/.test(n)),
      host.realHostPath(dir),
      host.isDirectory(join(dir, "qat")),
      file("qat/state"),
      file("qat/cfg_services"),
    ]);
  const fn: PciFunction = {
    address: normalizePciAddress(name) ?? name,
    vendor: hexId(vendor, 4),
    device: hexId(device, 4),
    classCode: hexId(classCode, 6),
    numaNode: integer(numa) ?? -1,
    virtfns: await readVirtfns(host, dir, entries),
    inTreeQatSysfs: qatDir,
    sysfsPath: `${PCI_DEVICES}/${name}`,
  };
  if (driver !== undefined) fn.driver = driver;
  if (group !== undefined) fn.iommuGroup = group;
  if (state !== undefined) fn.qatState = state;
  if (services !== undefined) fn.cfgServices = services;
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

async function readVirtfns(host: HostTree, dir: string, entries: string[]): Promise<string[]> {
  const numbered = entries
    .map((e) => ({ e, n: /^virtfn(\d+)$/.exec(e)?.[1] }))
    .filter((x): x is { e: string; n: string } => x.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  const links = await Promise.all(numbered.map(({ e }) => host.linkName(join(dir, e))));
  return links.map((l) => (l === undefined ? undefined : normalizePciAddress(l))).filter((a) => a !== undefined);
}

async function readConfigs(host: HostTree): Promise<HostConfigFile[]> {
  return readFiles(host, "/etc", (n) => isDriverFileName(parseFileName(n)));
}

/** The programs' files doctor knows where to find (`CONSUMER_PATHS`), the ones that exist. */
async function readConsumerFiles(host: HostTree): Promise<HostConfigFile[]> {
  const files = await Promise.all(
    CONSUMER_PATHS.map(async (path) => {
      const content = await host.text(path);
      return content === undefined ? undefined : { path, text: content };
    }),
  );
  return files.filter((f) => f !== undefined);
}

async function readGuests(
  host: HostTree,
): Promise<{ hostdevs: HostSnapshot["guestHostdevs"]; domains: GuestDomain[] }> {
  const dir = "/etc/libvirt/qemu";
  const names = (await host.list(dir, (n) => n.endsWith(".xml"))).sort();
  const read = await Promise.all(
    names.map(async (n) => {
      const content = await host.text(`${dir}/${n}`);
      return content === undefined
        ? undefined
        : { hostdevs: readDomainHostdevs(`${dir}/${n}`, content), domain: readDomain(`${dir}/${n}`, content) };
    }),
  );
  return {
    hostdevs: read.flatMap((r) => r?.hostdevs ?? []),
    domains: read.flatMap((r) => (r?.domain ? [r.domain] : [])),
  };
}

/** A saved text the user named (`--dmesg`, `--lspci`): read strictly, a FIFO included (`--dmesg <(dmesg)`). */
async function saved(path: string): Promise<SavedText> {
  try {
    return { path, text: await readText(path, { named: true }) };
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof InputError ? error.message : String(error)}`);
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
