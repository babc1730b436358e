/**
 * The doctor's check registry: every check, in the order they run. One file per check beside this
 * one, each holding its metadata and its check; its doc page is `docs/doctor/<id>.md`.
 */
import type { HostCheck } from "../types.ts";
import { configFile } from "./config-file.ts";
import { consumers } from "./consumers.ts";
import { cpuVirtualization } from "./cpu-virtualization.ts";
import { dmesg } from "./dmesg.ts";
import { hostdevTarget } from "./hostdev-target.ts";
import { iommu } from "./iommu.ts";
import { iommuGroup } from "./iommu-group.ts";
import { mps } from "./mps.ts";
import { pfDriver } from "./pf-driver.ts";
import { qatDevices } from "./qat-devices.ts";
import { sriov } from "./sriov.ts";
import { sriovConfig } from "./sriov-config.ts";
import { vfDoubleUse } from "./vf-double-use.ts";
import { vfDriver } from "./vf-driver.ts";
import { vfioDenylist } from "./vfio-denylist.ts";

/** Every check doctor runs. Add one by importing it here (one line) and writing its doc page. */
export const HOST_CHECKS: readonly HostCheck[] = [
  qatDevices,
  cpuVirtualization,
  iommu,
  pfDriver,
  sriov,
  vfDriver,
  iommuGroup,
  vfioDenylist,
  configFile,
  consumers,
  sriovConfig,
  vfDoubleUse,
  hostdevTarget,
  mps,
  dmesg,
];
