import { fileBaseName } from "../config/file-name.ts";
import { fileStart } from "../lint/rule-support/ranges.ts";
import type { Rule } from "../lint/types.ts";

/**
 * A file whose device family cannot be told (from its name, `--device` or `.qatconf.json`): the
 * rules that need the device did not run, and a clean report would say the file is fine when it
 * was only half checked. One finding per file says so, names those rules, and how to name the device.
 */
export const unknownDevice: Rule = {
  id: "unknown-device",
  defaultSeverity: "warning",
  description: "The device family of the file cannot be told, so the rules that need it did not run",
  fixAvailability: "never",
  check(context) {
    const skipped = context.skippedForDevice;
    if (!skipped) return;
    const { fileName, device } = context.options;
    const named = context.inTreeOnly;
    if (named) {
      context.report({
        message: `no out-of-tree package drives the ${named.name}: only the kernel's in-tree driver does, and it reads no <device>_devN.conf, so no driver applies this file and its rules did not run`,
        hint: "set the device's services with qatlib's /etc/sysconfig/qat (ServicesEnabled=, then systemctl restart qat) or in sysfs (qat/cfg_services while qat/state is down); qatconf doctor checks both",
        range: fileStart(context.document),
      });
      return;
    }
    const why =
      device !== undefined
        ? `'${device}' is not a device family qatconf knows`
        : fileName !== undefined
          ? `the device family cannot be told from the name '${fileBaseName(fileName)}'`
          : "no file name or device was given";
    const rules = skipped.length === 0 ? "" : `: ${skipped.join(", ")} did not run`;
    context.report({
      message: `${why}${rules}${rules ? "; the other rules checked it as a file of any device" : ""}`,
      hint:
        "name the file after its device (c6xx_dev0.conf, c6xxvf_dev0.conf.vm; a prefix as in web01_c6xx_dev0.conf is fine), " +
        'give --device (c6xx, 4xxx, c6xxvf, ...), or set "device" in .qatconf.json (in "overrides" for some of the files)',
      range: fileStart(context.document),
    });
  },
};
