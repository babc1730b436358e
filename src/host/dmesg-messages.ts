/**
 * The kernel messages whose cause is known, each with a stable id, the format string it comes from
 * and where that is printed, what it means and what to do. `doctor --dmesg` reads this table; its
 * page (docs/doctor/dmesg.md) lists every id. A pattern is the format string with each `%s`/`%d`
 * turned into what the kernel prints there, so a message matches only in the driver's own words.
 */
import type { Severity } from "../diagnostics.ts";

/** What to do, in the commands of the driver in charge of the host. */
export interface DmesgFix {
  /** Intel's out-of-tree package (`adf_ctl`, `/etc/<device>_devN.conf`). */
  outOfTree: string;
  /** The kernel's own driver (sysfs `qat/state`, `qat/cfg_services`) with qatlib. */
  inTree: string;
}

/** One known kernel message. */
export interface DmesgMessage {
  /** Stable id, printed with the finding and listed on docs/doctor/dmesg.md. */
  id: string;
  /** Matches the message in a dmesg line. */
  test: RegExp;
  severity: Severity;
  /** The format string as the source has it (without the trailing `\n`). */
  format: string;
  /** File and function that print it, and which drivers carry it. */
  source: string;
  /** What the message means, in a few plain words (the finding's message). */
  cause: string;
  fix: DmesgFix | string;
}

const RESTART_OOT = "adf_ctl restart (or systemctl restart qat_service)";
const RESTART_IN_TREE =
  "echo down > /sys/bus/pci/devices/<BDF>/qat/state; echo up > /sys/bus/pci/devices/<BDF>/qat/state";
const FIRMWARE_FIX: DmesgFix = {
  outOfTree: `reinstall the out-of-tree package (its installer copies qat_*.bin to /lib/firmware), then ${RESTART_OOT}`,
  inTree:
    "install the distribution's firmware package (linux-firmware, firmware-misc-nonfree) or copy the file from git.kernel.org linux-firmware, rebuild the initramfs (dracut --force / update-initramfs -u), then reload the driver (modprobe -r qat_4xxx && modprobe qat_4xxx, or the device's module)",
};

/** Every kernel message whose cause is known, most specific first (the first that matches wins). */
export const DMESG_MESSAGES: readonly DmesgMessage[] = [
  {
    id: "vfio-denylist",
    test: /exists in vfio-pci device denylist/,
    severity: "error",
    format: "%04x:%04x exists in vfio-pci device denylist, driver probing disallowed.",
    source: "drivers/vfio/pci/vfio_pci.c vfio_pci_is_denylisted",
    cause: "vfio-pci refused a device on its denylist",
    fix: "echo 'options vfio-pci disable_denylist=1' > /etc/modprobe.d/vfio-qat.conf && modprobe -r vfio-pci && modprobe vfio-pci",
  },
  {
    id: "iommu-fault",
    test: /DMAR: \[DMA (?:Read|Write)|DMAR: DRHD: handling fault|AMD-Vi: Event logged \[IO_PAGE_FAULT/,
    severity: "warning",
    format: "DMAR: [%s] Request device [%02x:%02x.%d] fault addr 0x%llx [fault reason 0x%02x] %s",
    source: "drivers/iommu/intel/dmar.c dmar_fault_do_one; drivers/iommu/amd/iommu.c amd_iommu_report_page_fault",
    cause: "the IOMMU blocked a DMA (a device used an address not mapped for it)",
    fix: "check which device the fault names; a VF faulting in a guest usually means its driver was built for the host (--enable-icp-sriov=guest in the guest)",
  },
  {
    id: "malformed-tlp",
    test: /Malformed TLP/i,
    severity: "warning",
    format: "PCIe Bus Error: severity=%s, type=%s, (%s) ... Malformed TLP",
    source: "drivers/pci/pcie/aer.c (the AER report of a Malformed TLP)",
    cause: "a PCIe Malformed TLP error, the symptom of a MaxPayload mismatch",
    fix: "qatconf doctor --lspci FILE compares the QAT PFs' MaxPayload with their bridges'",
  },
  {
    id: "qat-pf-iommu",
    test: /Cannot use PF with IOMMU enabled(?: and SVM off)?/,
    severity: "error",
    format: "Cannot use PF with IOMMU enabled",
    source:
      "out-of-tree qat_common/adf_init.c adf_dev_start (QAT 1.7 packages; QAT 2.0 packages print `Cannot use PF with IOMMU enabled and SVM off`)",
    cause:
      "the out-of-tree driver will not give user space the PF while an IOMMU is on: with SR-IOV off and intel_iommu=on, applications on the host find no device",
    fix: {
      outOfTree:
        "either enable SR-IOV and use the VFs (SRIOV_Enabled = 1 in /etc/<device>_devN.conf, a package built with --enable-icp-sriov=host) or remove intel_iommu=on from the kernel command line and reboot, then adf_ctl restart",
      inTree:
        "the in-tree driver does not print this: another driver printed it, so the out-of-tree package is loaded on this host; blacklist one of them (see the driver-stack check)",
    },
  },
  {
    id: "qat-sriov-no-iommu",
    test: /IOMMU should be enabled for SR-IOV to work correctly/,
    severity: "warning",
    format: "IOMMU should be enabled for SR-IOV to work correctly",
    source:
      "qat_common/adf_sriov.c adf_sriov_configure (in-tree; newer kernels print it in adf_do_enable_sriov and then refuse SR-IOV with -EINVAL) and the out-of-tree 1.7, 4.24 and 2.0 packages",
    cause:
      "SR-IOV was asked for while the device has no IOMMU mapping: VFs given to guests cannot work, and newer kernels refuse to enable them",
    fix: {
      outOfTree: `enable VT-d in the BIOS and boot with intel_iommu=on, then ${RESTART_OOT}`,
      inTree: "enable VT-d in the BIOS and boot with intel_iommu=on, then write sriov_numvfs again",
    },
  },
  {
    id: "qat-services-unsupported",
    test: /HW does not support the configured services!/,
    severity: "error",
    format: "HW does not support the configured services!",
    source:
      "out-of-tree QAT 2.0 package: qat_common/adf_gen4_hw_data.c adf_init_chaining, qat_4xxx/adf_4xxx_hw_data.c, qat_common/adf_cfg_section.c adf_cfg_vf_capability_check",
    cause:
      "ServicesEnabled asks for a service this device does not have (fused off on this SKU, or not offered by the PF to this VF)",
    fix: {
      outOfTree: `set ServicesEnabled in [GENERAL] of /etc/<device>_devN.conf to services the device has (cat /sys/kernel/debug/qat_<device>_<BDF>/dev_cfg shows its capabilities), then ${RESTART_OOT}`,
      inTree:
        "write a service set the device has to qat/cfg_services while it is down (echo down > .../qat/state; echo sym;asym > .../qat/cfg_services; echo up > .../qat/state)",
    },
  },
  {
    id: "qat-section-missing",
    test: /could not find (\S+) section in any config files/,
    severity: "error",
    format: "QAT: could not find %s section in any config files",
    source: "out-of-tree qat_common/adf_dev_processes.c adf_processes_write",
    cause:
      "a process asked for a section (its SSL, SHIM, ... name from icp_sal_userStart) that no started device's /etc/<device>_devN.conf has",
    fix: {
      outOfTree: `add the section with its instances to each device's file (or start the process with the section the files have, e.g. QAT_SECTION_NAME for QAT Engine), set NumProcesses to cover it, then ${RESTART_OOT}`,
      inTree:
        "the in-tree driver has no sections: the application was built for the out-of-tree package; rebuild it against qatlib, or install the out-of-tree package",
    },
  },
  {
    id: "qat-key-missing",
    test: /failed to get (\S+) value from config!/,
    severity: "warning",
    format: "failed to get %s value from config!",
    source: "out-of-tree qat_common/adf_ctl_drv.c adf_copy_keyval_to_user (a dev_dbg: shown with dynamic debug on)",
    cause:
      "user space asked the driver for a key its section does not have (NumberCyInstances, NumberDcInstances, ... missing from the process's section)",
    fix: {
      outOfTree: `add the key the message names to the section (NumberCyInstances = 0 when the section has no crypto instances), then ${RESTART_OOT}`,
      inTree:
        "the in-tree driver has no sections: the application was built for the out-of-tree package; rebuild it against qatlib",
    },
  },
  {
    id: "qat-sriov-value",
    test: /Invalid (\S+) value, driver is built with SRIOV/,
    severity: "error",
    format: "Invalid %s value, driver is built with SRIOV.",
    source: "QAT 1.5 package (QAT1.5.L.1.11.0-36) adf_init.c, the device init before adf_subsystemStart; DH89xxCC only",
    cause:
      "the driver was built with SR-IOV (--enable-icp-sriov) but the device's file sets SRIOV_Enabled to 0 or not at all",
    fix: {
      outOfTree: `set SRIOV_Enabled = 1 in [GENERAL] of /etc/dh89xxcc_qa_devN.conf, or rebuild the package without SR-IOV, then ${RESTART_OOT}`,
      inTree: "the in-tree driver does not print this: the QAT 1.5 package is loaded on this host",
    },
  },
  {
    id: "qat-rings-exhausted",
    test: /Don't have enough rings for instance (\S+) in process (\S+)/,
    severity: "error",
    format: "Don't have enough rings for instance %s in process %s",
    source:
      "out-of-tree qat_common/adf_cfg_device.c (1.7, 4.24 and 2.0 packages), while it lays out the sections' instances on ring banks",
    cause:
      "the sections' instances, times NumProcesses, need more rings than the device (or VF) has: the device does not start",
    fix: {
      outOfTree: `lower NumberCyInstances / NumberDcInstances or NumProcesses in the section the message names (qatconf lint: ring-budget), or spread the processes over more devices or VFs, then ${RESTART_OOT}`,
      inTree: "the in-tree driver does not print this: the out-of-tree package is loaded on this host",
    },
  },
  {
    id: "qat-services-profile",
    test: /Invalid ServicesEnabled (\S*) for ServicesProfile: (\d+)/,
    severity: "error",
    format: "Invalid ServicesEnabled %s for ServicesProfile: %d",
    source: "out-of-tree qat_common/adf_cfg_device.c adf_cfg_get_services_enabled (4.24 package)",
    cause: "the ServicesEnabled value is not one the firmware image of the section's ServicesProfile accepts",
    fix: {
      outOfTree: `set ServicesEnabled in [GENERAL] to a value the ServicesProfile offers (qatconf lint: services-enabled), or change ServicesProfile, then ${RESTART_OOT}`,
      inTree: "the in-tree driver does not print this: the out-of-tree package is loaded on this host",
    },
  },
  {
    id: "qat-device-unusable",
    test: /Can't recover from device error|Restart device failed\. Device is unusable|Reset device timeout expired/,
    severity: "error",
    format:
      "Can't recover from device error / Restart device failed. Device is unusable. / Reset device timeout expired",
    source:
      "qat_common/adf_aer.c adf_error_detected, adf_device_reset_worker and adf_dev_aer_schedule_reset (in-tree and the out-of-tree packages)",
    cause:
      "after a fatal hardware or PCIe error the driver could not reset the device: it stays unusable until the host is power-cycled",
    fix: {
      outOfTree: `read the AER and QAT lines before this one for the first error; power-cycle the host, then ${RESTART_OOT}; if it comes back, update the BIOS and the package`,
      inTree:
        "read the AER and QAT lines before this one for the first error; power-cycle the host; if it comes back, update the BIOS, the kernel and linux-firmware",
    },
  },
  {
    id: "qat-ae-inactive",
    test: /AE(\d+) is inactive!*/,
    severity: "error",
    format: "QAT: AE%d is inactive!!",
    source:
      "qat_common/qat_hal.c qat_hal_check_ae_alive (in-tree drivers/crypto/intel/qat/qat_common and every out-of-tree package)",
    cause: "an acceleration engine did not run after reset: the device failed its self-test and cannot start",
    fix: {
      outOfTree: `${RESTART_OOT}; if it stays, power-cycle the host (a warm reboot may not reset the device), then update the BIOS`,
      inTree: `${RESTART_IN_TREE}; if it stays, power-cycle the host (a warm reboot may not reset the device), then update the BIOS`,
    },
  },
  {
    id: "qat-firmware-missing",
    test: /Direct firmware load for (qat_\S+) failed with error (-?\d+)/,
    severity: "error",
    format: "Direct firmware load for %s failed with error %d",
    source: "drivers/base/firmware_loader/main.c _request_firmware (a qat_*.bin the QAT driver asked for)",
    cause: "the firmware file the QAT driver asked for is not in /lib/firmware (error -2) or could not be read",
    fix: FIRMWARE_FIX,
  },
  {
    id: "qat-firmware-load",
    test: /Failed to load (?:MMP|UOF)\b|Failed to load acceleration FW/,
    severity: "error",
    format:
      "Failed to load MMP firmware %s / Failed to load UOF firmware %s / Failed to load MMP / Failed to load UOF / Failed to load acceleration FW",
    source:
      "qat_common/adf_accel_engine.c adf_ae_fw_load (in-tree, and out-of-tree 1.7 and 2.0; 4.24 has it in adf_gen2_hw_data.c and qat_c4xxx/adf_c4xxx_fw_load.c) and adf_init.c adf_dev_init",
    cause:
      "the driver could not request or load its firmware (MMP is the public-key image, UOF the engines' image): the device stays down",
    fix: FIRMWARE_FIX,
  },
  {
    id: "qat-reconfigure-up",
    test: /Device qat_dev(\d+) must be down to reconfigure the service/,
    severity: "warning",
    format: "Device qat_dev%d must be down to reconfigure the service.",
    source: "in-tree drivers/crypto/intel/qat/qat_common/adf_sysfs.c cfg_services_store",
    cause: "a write to qat/cfg_services was refused because the device was up: the services did not change",
    fix: {
      outOfTree:
        "the out-of-tree driver does not print this: set ServicesEnabled in /etc/<device>_devN.conf and adf_ctl restart",
      inTree:
        "echo down > /sys/bus/pci/devices/<BDF>/qat/state, write qat/cfg_services, then echo up > .../qat/state (qat_init.sh does this at boot from /etc/sysconfig/qat)",
    },
  },
];

/** The first known message a dmesg line shows, or undefined. */
export function knownDmesgMessage(line: string): DmesgMessage | undefined {
  return DMESG_MESSAGES.find((m) => m.test.test(line));
}
