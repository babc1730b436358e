/**
 * Writing a file so that a crash or a failed write never leaves it half-written: the new content
 * goes to a temporary file in the same folder, is flushed to disk and renamed over the original,
 * keeping its mode.
 */
import { constants } from "node:fs";
import { chmod, copyFile, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Copy the original to `<file><suffix>` first (for `--backup`). */
  backupSuffix?: string;
  /** File-system calls, replaceable in tests to inject failures. */
  fs?: Partial<AtomicFs>;
}

/** The file-system calls an atomic write makes. */
export interface AtomicFs {
  open: typeof open;
  rename: typeof rename;
  chmod: typeof chmod;
  unlink: typeof unlink;
}

/**
 * Replaces `path` with `content` atomically. The original is left intact if anything fails;
 * the temporary file is removed in that case.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const fs: AtomicFs = { open, rename, chmod, unlink, ...options.fs };
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  if (options.backupSuffix !== undefined && mode !== undefined) {
    await copyFile(path, path + options.backupSuffix, constants.COPYFILE_FICLONE);
  }
  const temp = join(dirname(path), `.${basename(path)}.qatconf-${process.pid}-${Date.now()}.tmp`);
  try {
    const handle = await fs.open(temp, "wx", mode ?? 0o644);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await fs.chmod(temp, mode);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
