import { parseFileName } from "../../config/file-name.ts";
import { lintDocument } from "../../lint/lint.ts";
import { deviceName } from "../../model/devices.ts";
import { plural } from "../../text/plural.ts";
import { type Inventory, label } from "../inventory.ts";
import { reportLintFindings } from "../lint-findings.ts";
import type { HostCheck, HostCheckContext, HostConfigFile, QatFunction } from "../types.ts";

/**
 * Each function the QAT driver holds has the file adf_ctl reads for it, and every QAT file in /etc
 * passes `qatconf lint` without errors (the linter's errors are surfaced under their own rule ids).
 */
export const configFile: HostCheck = {
  id: "config-file",
  defaultSeverity: "warning",
  description:
    "Each device the QAT driver holds has its /etc/<name>_devN.conf, and every QAT file in /etc is lint-clean",
  check(context) {
    const { inventory } = context;
    const claimed = new Map<string, QatFunction>();
    for (const q of inventory.qat) {
      if (inventory.holder(q) === "host" && inventory.driverStack(q) === "in-tree") {
        reportInTree(context, q);
        continue;
      }
      const expected = inventory.expectedConfig(q);
      if (!expected) continue;
      if (expected.file) claimed.set(expected.file.path, q);
      else reportMissing(context, q, expected.path);
    }
    // On a host the in-tree driver runs whole, with no out-of-tree package, nothing reads the
    // driver's files: they are stale, not live configuration to lint (VF files kept for guests excepted).
    const stale = inventory.inTreeHost && !inventory.outOfTreeInstalled;
    for (const file of inventory.host.configs) {
      if (stale && !parseFileName(file.path)?.forGuest) reportStale(context, file);
      else lintFile(context, file, claimed.get(file.path));
    }
  },
};

function reportInTree({ report }: HostCheckContext, q: QatFunction): void {
  const services = q.pci.inTreeQatSysfs
    ? `its services: ${q.pci.sysfsPath}/qat/cfg_services`
    : "it creates its kernel crypto and compression instances itself";
  report({
    path: q.pci.sysfsPath,
    severity: "info",
    message: `${label(q)} is driven by the in-tree kernel driver, which reads no /etc file (${services})`,
  });
}

function reportStale({ report }: HostCheckContext, file: HostConfigFile): void {
  report({
    path: file.path,
    message: `${file.path} is stale: this host runs the in-tree QAT driver, which reads no /etc file, and the out-of-tree package that would read it is not installed`,
    hint: `remove it (or keep it for a return to the out-of-tree package); in-tree settings live in sysfs and qatlib's /etc/sysconfig/qat`,
  });
}

function reportMissing({ inventory, report }: HostCheckContext, q: QatFunction, path: string): void {
  const template = templateFor(inventory, q);
  report({
    path: q.pci.sysfsPath,
    message: `${label(q)} has no ${path}: adf_ctl reads that file to start it (the in-tree kernel driver reads none)`,
    hint: template
      ? `cp ${template} ${path}, then adf_ctl restart`
      : `copy Intel's sample ${deviceName(q.family, q.isVf)}_dev0.conf${q.isVf ? ".vm" : ""} (quickassist/utilities/adf_ctl/conf_files in the QAT package) to ${path}, then adf_ctl restart`,
  });
}

/** A file in /etc the missing one could start from: a guest template for VFs, another PF's file. */
function templateFor(inventory: Inventory, q: QatFunction): string | undefined {
  const name = deviceName(q.family, q.isVf);
  return inventory.host.configs.find((c) => {
    const info = parseFileName(c.path);
    return (
      info !== undefined &&
      `${info.family}${info.isVf ? "vf" : ""}` === name &&
      (q.isVf ? info.forGuest : !info.forGuest)
    );
  })?.path;
}

function lintFile({ inventory, report }: HostCheckContext, file: HostConfigFile, owner: QatFunction | undefined): void {
  const diagnostics = lintDocument(inventory.document(file), { fileName: file.path }).diagnostics;
  const errors = diagnostics.filter((d) => d.severity === "error");
  reportLintFindings(report, file.path, errors);
  const role = owner
    ? `configures ${label(owner)}`
    : parseFileName(file.path)?.forGuest
      ? "is a VF file kept for guests (not read on this host)"
      : "is read by no device of this host";
  const warnings = diagnostics.length - errors.length;
  const verdict =
    errors.length > 0
      ? `has ${plural(errors.length, "lint error")}`
      : `is lint-clean${warnings > 0 ? ` (${warnings} warnings and notes: qatconf lint ${file.path})` : ""}`;
  report({ path: file.path, severity: "info", message: `${file.path} ${role} and ${verdict}` });
}
