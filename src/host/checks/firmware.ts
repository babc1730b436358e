import { label } from "../inventory.ts";
import type { HostCheck, QatFunction } from "../types.ts";

/**
 * The firmware each PF's driver asks the kernel for (`request_firmware`), by device: the AE image and
 * the MMP (public key) image. Without them the device does not come up ("Failed to load MMP" /
 * "Failed to load acceleration FW" in dmesg).
 */
const FIRMWARE: Record<string, readonly string[]> = {
  dh895xcc: ["qat_895xcc.bin", "qat_895xcc_mmp.bin"],
  c6xx: ["qat_c62x.bin", "qat_c62x_mmp.bin"],
  c3xxx: ["qat_c3xxx.bin", "qat_c3xxx_mmp.bin"],
  "4xxx": ["qat_4xxx.bin", "qat_4xxx_mmp.bin"],
  "401xx": ["qat_4xxx.bin", "qat_4xxx_mmp.bin"],
  "402xx": ["qat_402xx.bin", "qat_402xx_mmp.bin"],
  "420xx": ["qat_420xx.bin", "qat_420xx_mmp.bin"],
  "6xxx": ["qat_6xxx.bin", "qat_6xxx_mmp.bin"],
};

/** The firmware files a PF's driver loads, or undefined for a device this check does not know. */
export function firmwareFor(pf: QatFunction): readonly string[] | undefined {
  return FIRMWARE[pf.family.id];
}

/** Each QAT PF's firmware files are in /lib/firmware (plain, or compressed as the kernel accepts). */
export const firmware: HostCheck = {
  id: "firmware",
  defaultSeverity: "error",
  description: "The firmware files each PF's driver loads are in /lib/firmware",
  check({ inventory, report }) {
    const present = new Set(inventory.host.firmware ?? []);
    const has = (name: string): boolean => ["", ".xz", ".zst"].some((ext) => present.has(`${name}${ext}`));
    const reported = new Set<string>();
    for (const pf of inventory.pfs) {
      const needed = firmwareFor(pf);
      if (!needed || inventory.holder(pf) === "vfio") continue;
      const missing = needed.filter((n) => !has(n));
      const key = missing.join(" ");
      if (missing.length === 0 || reported.has(key)) continue;
      reported.add(key);
      report({
        path: "/lib/firmware",
        message: `${label(pf)} needs ${missing.join(" and ")} in /lib/firmware: without ${missing.length === 1 ? "it" : "them"} the driver cannot start the device`,
        hint:
          inventory.driverStack(pf) === "out-of-tree"
            ? "reinstall the out-of-tree package (its installer copies the firmware)"
            : "install the distribution's firmware package (linux-firmware, firmware-misc-nonfree) or copy the files from git.kernel.org linux-firmware, then rebuild the initramfs (dracut --force / update-initramfs -u)",
      });
    }
  },
};
