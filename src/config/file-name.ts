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
  /** The backup suffix after `.conf[.vm]` (`.orig`, `.bak`, `~`), when the name is a backup's. */
  backup?: string;
  /** What precedes the family (`web01_`, `web01-`), when a repository's name has it. */
  prefix?: string;
}

// <prefix>[vf|pf][_qa]_dev<N>[variant].conf[.vm]; `_qa` appears in QAT 1.5 sample names (c2xxx_qa_dev0),
// `-` in the device type of a vQAT ADI (vqat-adi_dev0). Repositories put the host or role first
// (web01_c6xx_dev0.conf, web01-c6xx_dev0.conf): the family is the end of the prefix.
const NAME = /^([a-z0-9][a-z0-9_.-]*?)(vf|pf)?(?:_qa)?_dev(\d+)([^/\\]*?)\.conf(\.vm)?$/i;

/**
 * Suffixes that copies of a configuration file get from the tools that keep them: `.bak` (`sed -i`,
 * `qatconf --backup`), `.orig` (patch, merge tools), `.old`, `.save` (nano), `~` (emacs), and the
 * package managers' `.dpkg-old`/`.dpkg-dist`/`.dpkg-new`, `.rpmsave`/`.rpmnew`/`.rpmorig`,
 * `.ucf-old`/`.ucf-dist`/`.ucf-new`, each optionally numbered or dated (`.bak.1`, `.orig-20260101`).
 * Templates (`.j2`, `.tmpl`, `.sample`) are not copies of a file the driver reads and are not here.
 */
const BACKUP =
  /(?:\.(?:bak|orig|old|save|backup|prev|dpkg-(?:old|dist|new|bak)|rpm(?:save|new|orig)|ucf-(?:old|dist|new))(?:[._-]?\d[\w.:-]*)?|~)$/i;

/**
 * Reads the device family, PF/VF and device number from a file name or path, a backup's included
 * (`c6xx_dev0.conf.orig`). Returns `undefined` when the name does not follow the driver's
 * `<family>_devN.conf` pattern.
 *
 * The family is what precedes `[vf|pf]_devN` after the last `_` or `.` (`web01_c6xx_dev0.conf` is
 * `c6xx`). With `isFamily`, it is the longest end of that prefix, cut at `_`, `.` or `-`, that
 * `isFamily` accepts (`web01-c6xx` is `c6xx`, `vqat-adi` stays whole), or that same default when
 * none is accepted.
 */
export function parseFileName(path: string, isFamily?: (name: string) => boolean): FileNameInfo | undefined {
  let base = fileBaseName(path);
  const backup = BACKUP.exec(base)?.[0];
  if (backup !== undefined) base = base.slice(0, -backup.length);
  const m = NAME.exec(base);
  if (!m) return undefined;
  const prefix = (m[1] as string).toLowerCase();
  const family =
    (isFamily && knownEnd(prefix, isFamily)) ??
    prefix.slice(Math.max(prefix.lastIndexOf("_"), prefix.lastIndexOf(".")) + 1);
  if (!/^[a-z0-9]/.test(family)) return undefined;
  const info: FileNameInfo = {
    family,
    isVf: m[2]?.toLowerCase() === "vf",
    index: Number(m[3]),
    forGuest: m[5] !== undefined,
    variant: m[4] as string,
  };
  if (backup !== undefined) info.backup = backup;
  if (family.length < prefix.length) info.prefix = prefix.slice(0, prefix.length - family.length);
  return info;
}

/** Whether a name is one the driver itself reads: `<family>[vf]_devN.conf[.vm]`, with no prefix or backup suffix. */
export function isDriverFileName(info: FileNameInfo | undefined): boolean {
  return info !== undefined && info.backup === undefined && info.prefix === undefined;
}

/** The last part of a path, `/` or `\\` separated. */
export function fileBaseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** The longest end of `prefix`, cut after a `_`, `.` or `-`, that `isFamily` accepts. */
function knownEnd(prefix: string, isFamily: (name: string) => boolean): string | undefined {
  if (isFamily(prefix)) return prefix;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if ((c === "_" || c === "." || c === "-") && isFamily(prefix.slice(i + 1))) return prefix.slice(i + 1);
  }
  return undefined;
}
