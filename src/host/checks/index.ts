/**
 * The doctor's check registry: every check, in the order they run. One file per check beside this
 * one, each holding its metadata and its check; its doc page is `docs/doctor/<id>.md`.
 */
import type { HostCheck } from "../types.ts";
import { configFile } from "./config-file.ts";
import { consumers } from "./consumers.ts";
import { cpuVirtualization } from "./cpu-virtualization.ts";
import { dmesg } from "./dmesg.ts";
import { driverStack } from "./driver-stack.ts";
import { firmware } from "./firmware.ts";
import { hostdevTarget } from "./hostdev-target.ts";
import { intreeDevice } from "./intree-device.ts";
import { iommu } from "./iommu.ts";
import { iommuGroup } from "./iommu-group.ts";
import { memlock } from "./memlock.ts";
import { mps } from "./mps.ts";
import { pfDriver } from "./pf-driver.ts";
import { qatDevices } from "./qat-devices.ts";
import { qatlibGuestLayout } from "./qatlib-guest-layout.ts";
import { qatlibService } from "./qatlib-service.ts";
import { sriov } from "./sriov.ts";
import { sriovConfig } from "./sriov-config.ts";
import { vfDoubleUse } from "./vf-double-use.ts";
import { vfDriver } from "./vf-driver.ts";
import { vfioAccess } from "./vfio-access.ts";
import { vfioDenylist } from "./vfio-denylist.ts";

/** Every check doctor runs. Add one by importing it here (one line) and writing its doc page. */
export const HOST_CHECKS: readonly HostCheck[] = [
  qatDevices,
  cpuVirtualization,
  iommu,
  pfDriver,
  driverStack,
  intreeDevice,
  firmware,
  sriov,
  vfDriver,
  iommuGroup,
  vfioDenylist,
  configFile,
  consumers,
  sriovConfig,
  qatlibService,
  qatlibGuestLayout,
  vfioAccess,
  memlock,
  vfDoubleUse,
  hostdevTarget,
  mps,
  dmesg,
];
