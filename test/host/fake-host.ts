/**
 * Fake host trees for doctor and vf-plan tests: the sysfs layout the kernel exposes (real device
 * folders under /sys/devices, relative links from /sys/bus/pci/devices, `driver`, `iommu_group`,
 * `physfn`, `virtfnN`), /proc files, /etc configuration files and libvirt domain definitions.
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

/** One PCI function of a fake host. */
export interface FakeFunction {
  address: string;
  vendor?: string;
  device: string;
  classCode?: string;
  driver?: string;
  numaNode?: number;
  iommuGroup?: string;
  totalVfs?: number;
  numVfs?: number;
  /** For a VF: its PF's address (the VF folder sits beside the PF's, as in sysfs). */
  physfn?: string;
  /** The bridge above it (must be listed too); the host bridge when absent. */
  upstream?: string;
  /** Whether to create the in-tree driver's `qat/` folder. */
  inTree?: boolean;
  /** `qat/state` and `qat/cfg_services` of the in-tree driver (they imply `inTree`). */
  qatState?: string;
  cfgServices?: string;
}

/** A whole fake host. */
export interface FakeHost {
  functions: FakeFunction[];
  iommuUnits?: string[];
  cmdline?: string;
  cpuinfo?: string;
  /** `/sys/module/vfio_pci/parameters/disable_denylist`. */
  vfioDisableDenylist?: string;
  /** Files of /etc by name (`c6xx_dev0.conf`). */
  etc?: Record<string, string>;
  /** Domain XML files of /etc/libvirt/qemu by name (`vm1.xml`). */
  domains?: Record<string, string>;
  /** Any other file by its path under the root (`proc/modules`, `etc/group`, `dev/vfio/12`). */
  files?: Record<string, string>;
  /** Permission bits of files of `files` (`dev/vfio/12`: 0o660). */
  modes?: Record<string, number>;
}

const DEVICE_ROOT = "sys/devices/pci0000:00";

/** Builds the tree in a new temporary folder and returns its path (remove it with {@link removeHost}). */
export async function buildHost(host: FakeHost): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "qatconf-host-"));
  const byAddress = new Map(host.functions.map((f) => [f.address, f]));
  const folder = (f: FakeFunction): string => {
    const parentAddress = f.physfn !== undefined ? byAddress.get(f.physfn)?.upstream : f.upstream;
    const parent = parentAddress === undefined ? undefined : byAddress.get(parentAddress);
    return join(parent ? folder(parent) : join(root, DEVICE_ROOT), f.address);
  };
  await mkdir(join(root, "sys/bus/pci/devices"), { recursive: true });
  for (const f of host.functions) await writeFunction(root, f, folder(f), host.functions, folder);
  for (const unit of host.iommuUnits ?? []) await mkdir(join(root, "sys/class/iommu", unit), { recursive: true });
  if (host.cmdline !== undefined) await put(join(root, "proc/cmdline"), `${host.cmdline}\n`);
  if (host.cpuinfo !== undefined) await put(join(root, "proc/cpuinfo"), host.cpuinfo);
  if (host.vfioDisableDenylist !== undefined) {
    await put(join(root, "sys/module/vfio_pci/parameters/disable_denylist"), `${host.vfioDisableDenylist}\n`);
  }
  await mkdir(join(root, "etc"), { recursive: true });
  for (const [name, text] of Object.entries(host.etc ?? {})) await put(join(root, "etc", name), text);
  for (const [name, text] of Object.entries(host.domains ?? {})) await put(join(root, "etc/libvirt/qemu", name), text);
  for (const [path, text] of Object.entries(host.files ?? {})) await put(join(root, path), text);
  for (const [path, mode] of Object.entries(host.modes ?? {})) await chmod(join(root, path), mode);
  return root;
}

/** Removes a tree made by {@link buildHost}. */
export async function removeHost(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

async function writeFunction(
  root: string,
  f: FakeFunction,
  dir: string,
  all: readonly FakeFunction[],
  folder: (f: FakeFunction) => string,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await put(join(dir, "vendor"), `0x${f.vendor ?? "8086"}\n`);
  await put(join(dir, "device"), `0x${f.device}\n`);
  await put(join(dir, "class"), `0x${f.classCode ?? "0b4000"}\n`);
  await put(join(dir, "numa_node"), `${f.numaNode ?? 0}\n`);
  if (f.totalVfs !== undefined) {
    await put(join(dir, "sriov_totalvfs"), `${f.totalVfs}\n`);
    await put(join(dir, "sriov_numvfs"), `${f.numVfs ?? 0}\n`);
  }
  if (f.inTree || f.qatState !== undefined || f.cfgServices !== undefined) await mkdir(join(dir, "qat"));
  if (f.qatState !== undefined) await put(join(dir, "qat/state"), `${f.qatState}\n`);
  if (f.cfgServices !== undefined) await put(join(dir, "qat/cfg_services"), `${f.cfgServices}\n`);
  await link(join(root, "sys/bus/pci/devices", f.address), dir);
  if (f.driver !== undefined) {
    const driverDir = join(root, "sys/bus/pci/drivers", f.driver);
    await mkdir(driverDir, { recursive: true });
    await link(join(dir, "driver"), driverDir);
  }
  if (f.iommuGroup !== undefined) {
    const groupDir = join(root, "sys/kernel/iommu_groups", f.iommuGroup);
    await mkdir(groupDir, { recursive: true });
    await link(join(dir, "iommu_group"), groupDir);
  }
  const pf = f.physfn === undefined ? undefined : all.find((x) => x.address === f.physfn);
  if (pf) await link(join(dir, "physfn"), folder(pf));
  const vfs = all.filter((x) => x.physfn === f.address);
  for (const [n, vf] of vfs.entries()) await link(join(dir, `virtfn${n}`), folder(vf));
}

/** A relative symbolic link, as sysfs makes them (so that a copied tree still resolves). */
async function link(path: string, target: string): Promise<void> {
  await symlink(relative(dirname(path), target), path);
}

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** `/proc/cpuinfo` of an Intel CPU with (or without) VT-x. */
export function intelCpuinfo(vmx = true): string {
  const flags = `fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov${vmx ? " vmx" : ""} sse sse2 ssse3 aes avx`;
  return `processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel name\t: Intel(R) Xeon(R) Gold 6252 CPU @ 2.10GHz\nflags\t\t: ${flags}\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\nflags\t\t: ${flags}\n`;
}

/** The VFs of a PF: `count` functions from slot 1 on, `vfio-pci` bound unless told otherwise. */
export function vfsOf(
  pf: string,
  count: number,
  options: { device: string; driver?: string; firstGroup?: number; numaNode?: number },
): FakeFunction[] {
  const [domain, bus] = pf.split(":");
  return Array.from({ length: count }, (_, i) => {
    const slot = 1 + Math.floor(i / 8);
    const vf: FakeFunction = {
      address: `${domain}:${bus}:${slot.toString(16).padStart(2, "0")}.${i % 8}`,
      device: options.device,
      physfn: pf,
      numaNode: options.numaNode ?? 0,
    };
    if (options.driver !== undefined) vf.driver = options.driver;
    if (options.firstGroup !== undefined) vf.iommuGroup = String(options.firstGroup + i);
    return vf;
  });
}

/** A libvirt domain definition with PCI hostdevs at these addresses. */
export function domainXml(name: string, addresses: readonly string[]): string {
  const hostdevs = addresses.map((a) => {
    const [domain, bus, rest = ""] = a.split(":");
    const [slot, fn] = rest.split(".");
    return [
      "    <hostdev mode='subsystem' type='pci' managed='yes'>",
      "      <source>",
      `        <address domain='0x${domain}' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'/>`,
      "      </source>",
      "      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>",
      "    </hostdev>",
    ].join("\n");
  });
  return [
    "<!--",
    "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE",
    "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:",
    `  virsh edit ${name}`,
    "-->",
    "<domain type='kvm'>",
    `  <name>${name}</name>`,
    "  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>",
    "  <memory unit='KiB'>4194304</memory>",
    "  <os>",
    "    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>",
    "  </os>",
    "  <devices>",
    ...hostdevs,
    "  </devices>",
    "</domain>",
    "",
  ].join("\n");
}
