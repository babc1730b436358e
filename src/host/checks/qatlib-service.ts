import { lintDocument } from "../../lint/lint.ts";
import { allFamilies, isQat1, qatlibDrives } from "../../model/devices.ts";
import { assignments, documentServices, servicesGeneration } from "../../qatlib/sysconfig.ts";
import { driverModule } from "../commands.ts";
import { type Inventory, label } from "../inventory.ts";
import { reportLintFindings } from "../lint-findings.ts";
import type { HostCheck, HostCheckContext } from "../types.ts";

/** Services as a set, so that `asym;sym` read back from a new kernel equals `sym;asym` as written. */
function sameServices(a: string, b: string): boolean {
  const set = (s: string): string => s.split(";").sort().join(";");
  return set(a) === set(b);
}

/**
 * What qatlib's service needs and does: a supported device (QAT 2.0 and later), the `qat` group
 * (qat.service's `ExecStartPre=/bin/sh -c "test $(getent group qat)"`), the service enabled (the
 * kernel forgets cfg_services and sriov_numvfs at every reboot), a clean /etc/sysconfig/qat, and
 * its ServicesEnabled in force on every PF.
 */
export const qatlibService: HostCheck = {
  id: "qatlib-service",
  defaultSeverity: "error",
  description: "qatlib's service: supported devices, the qat group, qat.service enabled, /etc/sysconfig/qat applied",
  check(context) {
    const { inventory, report } = context;
    if (!inventory.qatlibInstalled) return;
    const pfs = inventory.pfs;
    const unit = inventory.host.qatlib?.unit?.path ?? "/etc/sysconfig/qat";
    if (pfs.length > 0 && pfs.every((pf) => isQat1(pf.family))) {
      report({
        path: unit,
        message: `qatlib is installed, but it does not support QAT 1.x (${label(pfs[0] as (typeof pfs)[number])}${pfs.length > 1 ? ` and ${pfs.length - 1} more` : ""}): qat_init.sh touches only 4xxx, 420xx and 6xxx devices, so applications find no device`,
        hint: "remove qatlib and install Intel's out-of-tree package for QAT 1.x (QAT.L.4.x), which has its own library",
      });
    }
    const groups = inventory.host.groups;
    if (groups !== undefined && !inventory.qatlibGroup) {
      report({
        path: "/etc/group",
        message: `the group '${inventory.qatlibGroupName}' does not exist: qat.service refuses to start (ExecStartPre test $(getent group ${inventory.qatlibGroupName})) and no user can open the VFs`,
        hint: `groupadd ${inventory.qatlibGroupName} (qatlib's package creates it with systemd-sysusers), then usermod -aG ${inventory.qatlibGroupName} <user> and systemctl restart qat`,
      });
    }
    if (inventory.host.qatlib?.unit && !inventory.host.qatlib.enabled) {
      report({
        path: inventory.host.qatlib.unit.path,
        severity: "warning",
        message:
          "qat.service is not enabled: the kernel forgets cfg_services and sriov_numvfs at every reboot, and only qat.service writes them back",
        hint: "systemctl enable --now qat",
      });
    }
    checkModuleWait(context);
    checkSysconfig(context);
  },
};

/** The modules qat_init.sh waits for (`SUPPORTED_DRIVER_NAMES`): the PF drivers of the families qatlib drives. */
const QATLIB_MODULES = [
  ...new Set(
    allFamilies()
      .filter(qatlibDrives)
      .map((f) => driverModule(f, false)),
  ),
];

/**
 * qat_init.sh's `check_driver`: with a qatlib PF in `lspci -nD` it waits 20 s for the states of the
 * modules `/proc/modules` lists under those names to be `Live`, then prints "QAT driver is still not
 * present after 20s. Aborting qat_init" and qat.service fails. A driver built into the kernel is not
 * in /proc/modules at all (intel/qatlib#102).
 */
function checkModuleWait({ inventory, report }: HostCheckContext): void {
  const modules = inventory.host.modules;
  const unit = inventory.host.qatlib?.unit;
  const pf = inventory.pfs.find((p) => qatlibDrives(p.family));
  if (!modules || !unit || !pf) return;
  const states = new Set(modules.filter((m) => QATLIB_MODULES.some((n) => m.name.startsWith(n))).map((m) => m.state));
  if (states.size === 1 && states.has("Live")) return;
  const seen = states.size === 0 ? "none of them is in /proc/modules" : `their states are ${[...states].join(", ")}`;
  report({
    path: "/proc/modules",
    message: `qat.service fails at each start: qat_init.sh waits 20 s for ${QATLIB_MODULES.join(", ")} to be Live in /proc/modules and ${seen}, so it aborts ("QAT driver is still not present after 20s. Aborting qat_init") while ${label(pf)} is there`,
    hint:
      states.size === 0 && inventory.driverStack(pf) === "in-tree"
        ? `the in-tree driver runs ${label(pf)} but is built into the kernel: use a kernel that builds it as a module (CONFIG_CRYPTO_DEV_QAT_4XXX=m, as distributions do)`
        : `modprobe ${driverModule(pf.family, false)}, then systemctl restart qat`,
  });
}

function checkSysconfig({ inventory, report }: HostCheckContext): void {
  const doc = inventory.qatlibDocument();
  const file = inventory.host.qatlib?.sysconfig;
  if (!doc || !file) return;
  // The live file's warnings too: a commented ServicesEnabled that qat_init.sh still applies, or a
  // POLICY that gives each process crypto or compression only, are what users find last.
  const device = strictestDevice(inventory);
  const options = { fileName: file.path, ...(device === undefined ? {} : { device }) };
  const findings = lintDocument(doc, options).diagnostics.filter((d) => d.severity !== "info");
  reportLintFindings(report, file.path, findings);
  checkPolicy(inventory, report, file.path);
  const services = documentServices(doc);
  if (!services.applied) return;
  for (const pf of inventory.pfs) {
    const now = pf.pci.cfgServices;
    if (now === undefined || inventory.driverStack(pf) !== "in-tree" || sameServices(now, services.value)) continue;
    report({
      path: pf.pci.sysfsPath,
      severity: "warning",
      message: `${label(pf)} runs '${now}', not the ServicesEnabled=${services.value} of ${file.path}: qat.service has not run since the file changed, or the kernel refused the value`,
      hint: "systemctl restart qat, then journalctl -u qat shows whether qat_init.sh could write cfg_services",
    });
  }
}

/**
 * The device the file is linted for: it applies to every PF, so a GEN4 PF decides if there is one
 * (GEN4 refuses what 6xxx accepts); undefined on a host without qatlib's devices.
 */
function strictestDevice(inventory: Inventory): string | undefined {
  const pfs = inventory.pfs;
  return (
    pfs.find((pf) => servicesGeneration(pf.family.id) === "gen4") ??
    pfs.find((pf) => servicesGeneration(pf.family.id) === "gen6")
  )?.family.id;
}

/**
 * POLICY against the VFs qatlib has: qatmgr gives each process POLICY VFs and stops with "Policy %d
 * is greater than the number of available devices" when there are fewer (vfio_mgr_lib.c).
 */
function checkPolicy(inventory: Inventory, report: HostCheckContext["report"], path: string): void {
  const policy = inventory.qatlibPolicy;
  if (policy === undefined) return;
  const vfs = inventory.vfs.filter((vf) => inventory.usedByQatlib(vf)).length;
  if (policy === 0 || vfs === 0 || policy <= vfs) return;
  const doc = inventory.qatlibDocument();
  const entry = doc ? assignments(doc).get("POLICY")?.at(-1) : undefined;
  report({
    path,
    ...(entry ? { range: entry.range } : {}),
    message: `POLICY=${policy} asks ${policy} VFs per process, but qatlib has ${vfs}: qatmgr stops ("Policy ${policy} is greater than the number of available devices ${vfs}") and qat.service fails`,
    hint: `set POLICY to at most ${vfs}, or 0 (one VF of each PF per process)`,
  });
}
