/**
 * What a configuration file's name says about it: `c6xx_dev0.conf` is device 0 of the c6xx family,
 * `c6xxvf_dev1.conf.vm` is a VF file kept on the host for a guest, `4xxx_dev3.conf` a QAT 2.0 PF,
 * `vqat-adi_dev0.conf` a QAT 2.0 Scalable IOV ADI in a guest. Intel's package also ships the PF file
 * of an SR-IOV host as `<family>pf_devN.conf` (its installer copies it to `/etc/<family>_devN.conf`).
 */

/** The parts of a configuration file name. */
export interface FileNameInfo {
  /** The device family as written before `_dev` (`c6xx`, `4xxx`, `vqat-adi`), without `vf` or `pf`. */
  family: string;
  /** Whether the file configures a virtual function (`<family>vf_devN`). */
  isVf: boolean;
  /** The device number N of `_devN`. */
  index: number;
  /** Whether the name ends in `.conf.vm`: a VF file kept on the host for a guest. */
  forGuest: boolean;
  /** Anything between the device number and `.conf` (`_single_ae` in Intel's samples). */
  variant: string;
}

// <family>[vf|pf][_qa]_dev<N>[variant].conf[.vm]; `_qa` appears in QAT 1.5 sample names (c2xxx_qa_dev0),
// `-` in the device type of a vQAT ADI (vqat-adi_dev0).
const NAME = /^([a-z0-9][a-z0-9-]*?)(vf|pf)?(?:_qa)?_dev(\d+)([^/\\]*?)\.conf(\.vm)?$/i;

/**
 * Reads the device family, PF/VF and device number from a file name or path.
 * Returns `undefined` when the name does not follow the driver's `<family>_devN.conf` pattern.
 */
export function parseFileName(path: string): FileNameInfo | undefined {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const m = NAME.exec(base);
  if (!m) return undefined;
  return {
    family: (m[1] as string).toLowerCase(),
    isVf: m[2]?.toLowerCase() === "vf",
    index: Number(m[3]),
    forGuest: m[5] !== undefined,
    variant: m[4] as string,
  };
}
