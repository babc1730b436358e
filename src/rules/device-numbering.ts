import { hostPfFile, shortName } from "../lint/rule-support/set-files.ts";
import type { SetFile, SetRule } from "../lint/types.ts";

/**
 * PF files of one device type whose numbers have a gap or start above 0. adf_ctl gives the devices
 * of each type the numbers 0, 1, 2 ... in PCI order and reads `<type>_dev<N>.conf` for device N: a
 * missing number leaves that device without a file (it does not come up), and a file above the
 * last device's number is read by none.
 */
export const deviceNumbering: SetRule = {
  id: "device-numbering",
  defaultSeverity: "warning",
  description: "The device files of one type are not numbered 0, 1, 2 ... without a gap",
  fixAvailability: "never",
  checkSet(context) {
    const byType = new Map<string, Map<number, SetFile>>();
    for (const file of context.files) {
      const pf = hostPfFile(file);
      if (!pf) continue;
      const numbers = byType.get(pf.type) ?? new Map<number, SetFile>();
      if (!numbers.has(pf.index)) numbers.set(pf.index, file);
      byType.set(pf.type, numbers);
    }
    for (const [type, numbers] of byType) {
      // One file alone (`lint c6xx_dev1.conf`) says nothing of the host's other files.
      if (numbers.size < 2) continue;
      const missing: number[] = [];
      const highest = Math.max(...numbers.keys());
      for (let n = 0; n < highest; n++) if (!numbers.has(n)) missing.push(n);
      if (missing.length === 0) continue;
      const first = missing[0] as number;
      const names = missing.map((n) => `${type}_dev${n}.conf`).join(", ");
      for (const [n, file] of numbers) {
        if (n < first) continue;
        context.report(file, {
          message: `${shortName(file)} is here but ${names} ${missing.length === 1 ? "is" : "are"} not: adf_ctl numbers a host's ${type} devices 0, 1, 2 ... and reads ${type}_devN.conf for device N, so a device is left without a file or this one is read by none`,
          hint: `number the ${type} files from 0 without a gap, one per device in PCI order (lspci -d 8086: shows them)`,
          range: file.document.lines[0]?.range ?? {
            start: { line: 1, column: 1, offset: 0 },
            end: { line: 1, column: 1, offset: 0 },
          },
        });
      }
    }
  },
};
