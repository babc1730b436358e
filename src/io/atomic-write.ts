/**
 * The one writer every command uses to change or create a file. A crash, a full disk, a kill or a
 * concurrent edit never leaves the file half-written, edited behind a link, or silently reverted:
 *
 * - a symbolic link is resolved and the real file is written (the link stays a link); the temporary
 *   file, the lock and the backup live beside the real file, so that the rename stays in one folder;
 * - the new content goes to a temporary file created exclusively (`O_EXCL | O_NOFOLLOW`, mode 0600
 *   until it is complete), is given the original's owner, group and mode (setuid bits included) and
 *   its extended attributes (SELinux label, ACLs, capabilities: see {@link copyExtendedAttributes}),
 *   flushed to disk and renamed over the original. A new file gets mode 0666 less the umask;
 * - when the owner or group cannot be kept (a user who is not root editing another user's file in a
 *   folder they may write) the write is refused: the file would silently change hands;
 * - with `expected` (the text the command read), the file is compared under a lock just before the
 *   rename, and a file changed since it was read is refused with {@link FileChangedError}: ten
 *   concurrent `qatconf set --write` either apply one after another or say that they did not;
 * - the backup (`--backup`) is the original file itself, hard-linked as `FILE.bak` (or, where links
 *   are not possible, a copy made as the temporary file is), put in place by a rename: an existing
 *   `FILE.bak`, even a planted symbolic link, is replaced and never written through;
 * - the temporary file and the lock are removed when anything fails, and on SIGINT, SIGTERM, SIGHUP.
 */
import { constants, type Stats, unlinkSync } from "node:fs";
import { link, lstat, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ioReason, readBytes } from "./read-text.ts";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Keep the original as `<real file><suffix>` (for `--backup`). */
  backupSuffix?: string;
  /**
   * The text the file held when it was read. When given, the write is refused with
   * {@link FileChangedError} if the file now holds anything else (or was removed).
   */
  expected?: string;
  /**
   * `false`: a symbolic link at `path` is replaced by the new file instead of followed (for files
   * written into a folder others may have filled, such as `vf-plan --out`). Default `true`.
   */
  followLinks?: boolean;
  /** The new file's mode, instead of the original's (or 0666 less the umask for a new file). */
  mode?: number;
  /** File-system calls, replaceable in tests to inject failures. */
  fs?: Partial<AtomicFs>;
}

/** The file-system calls an atomic write makes that tests make fail. */
export interface AtomicFs {
  open: typeof open;
  rename: typeof rename;
  unlink: typeof unlink;
}

/** The file was changed (or removed) by someone else between the read and the write. Nothing was written. */
export class FileChangedError extends Error {
  override name = "FileChangedError";
}

/** How long a write waits for another qatconf writing the same file, and when a lock is stale. */
export const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 60_000;

const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Replaces (or creates) `path` with `content` as the module's comment says. The original is left
 * intact if anything fails. Throws an Error whose message is one human line.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const fs: AtomicFs = { open, rename, unlink, ...options.fs };
  const { real, original } = options.followLinks === false ? await linkTarget(path) : await target(path);
  if (options.expected !== undefined && original === undefined) {
    throw new FileChangedError("it was removed since it was read: nothing written");
  }
  const dir = dirname(real);
  const name = basename(real);
  const temp = await writeTemp(fs, dir, name, Buffer.from(content, "utf8"), original, real, options.mode);
  try {
    await withLock(join(dir, `.${name}.qatconf.lock`), async () => {
      if (options.expected !== undefined) await checkUnchanged(real, options.expected);
      if (options.backupSuffix !== undefined && original !== undefined) {
        await backUp(fs, real, `${real}${options.backupSuffix}`, original);
      }
      await fs.rename(temp, real);
    });
  } finally {
    await discard(fs, temp);
  }
  await syncDir(dir);
}

/**
 * Creates a new file that must not exist yet, never through a link (`O_EXCL | O_NOFOLLOW`): for a
 * folder the command is filling (`qatconf snapshot OUT`), where a name already taken, even by a
 * planted link, is an error rather than something to replace. Throws an Error of one human line.
 */
export async function writeNewFile(path: string, content: string, mode = 0o644): Promise<void> {
  const handle = await open(path, CREATE_EXCLUSIVE, mode).catch((error: unknown) => {
    throw new Error(`cannot create ${path}: ${ioReason(error)}`);
  });
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

/** The real file behind `path` and its status (`undefined` for a file that does not exist yet). */
async function target(path: string): Promise<{ real: string; original: Stats | undefined }> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(ioReason(error));
    const link = await lstat(path).catch(() => undefined);
    if (link?.isSymbolicLink()) throw new Error("a symbolic link to a file that does not exist: nothing written");
    // A new file: its folder may be a link, its own name is new.
    const parent = await realpath(dirname(resolve(path))).catch((e: unknown) => {
      throw new Error(ioReason(e));
    });
    return { real: join(parent, basename(path)), original: undefined };
  }
  const original = await stat(real);
  if (!original.isFile()) throw new Error("not a regular file: it cannot be replaced");
  return { real, original };
}

/** As {@link target}, for a path whose own link is replaced, not followed. */
async function linkTarget(path: string): Promise<{ real: string; original: Stats | undefined }> {
  const parent = await realpath(dirname(resolve(path))).catch((e: unknown) => {
    throw new Error(ioReason(e));
  });
  const real = join(parent, basename(path));
  const original = await lstat(real).catch(() => undefined);
  if (original?.isDirectory()) throw new Error("is a directory: it cannot be replaced");
  // A link is replaced; a FIFO or a device node is refused, as `target` refuses it.
  if (original !== undefined && !original.isFile() && !original.isSymbolicLink()) {
    throw new Error("not a regular file: it cannot be replaced");
  }
  return { real, original: original?.isFile() ? original : undefined };
}

/** Temporary files and locks to remove if the process is stopped by a signal. */
const pending = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function onSignal(signal: NodeJS.Signals): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
  for (const s of SIGNALS) process.off(s, onSignal);
  // Die of the same signal, as the shell and the caller expect (exit status 128 + n).
  process.kill(process.pid, signal);
}

function track(file: string): void {
  if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pending.add(file);
}

function untrack(file: string): void {
  pending.delete(file);
  if (pending.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}

async function discard(fs: AtomicFs, file: string): Promise<void> {
  await fs.unlink(file).catch(() => undefined);
  untrack(file);
}

/**
 * Writes `bytes` to a new temporary file beside `name`, with the attributes of `original` (the
 * file at `real`), and returns its path. Removes it again if anything fails.
 */
async function writeTemp(
  fs: AtomicFs,
  dir: string,
  name: string,
  bytes: Buffer,
  original: Stats | undefined,
  real: string,
  mode?: number,
): Promise<string> {
  const temp = tempName(dir, name);
  track(temp);
  try {
    // Private until complete; a new file gets 0666 less the umask from the kernel.
    const handle = await fs.open(temp, CREATE_EXCLUSIVE, original === undefined ? 0o666 : 0o600);
    try {
      await handle.writeFile(bytes);
      if (original !== undefined) {
        await keepOwner(handle, original);
        // After the owner: chown clears setuid and setgid bits.
        await handle.chmod(original.mode & 0o7777);
        await copyExtendedAttributes(real, temp);
      }
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await discard(fs, temp);
    throw error;
  }
  return temp;
}

async function keepOwner(handle: Awaited<ReturnType<typeof open>>, original: Stats): Promise<void> {
  const made = await handle.stat();
  if (made.uid === original.uid && made.gid === original.gid) return;
  try {
    await handle.chown(original.uid, original.gid);
  } catch (error) {
    throw new Error(
      `cannot keep its owner and group (${original.uid}:${original.gid}) as this user: ${ioReason(error)}; run as its owner or root`,
    );
  }
}

function tempName(dir: string, name: string): string {
  return join(dir, `.${name}.qatconf-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/**
 * Copies the extended attributes of `from` to `to` (SELinux label, POSIX ACLs and file capabilities
 * are extended attributes on Linux) with GNU cp's `--attributes-only --preserve=xattr`, which
 * writes no content. Node has no xattr calls, and the one well-kept npm package for them
 * (@napi-rs/xattr) is a native addon that the bundled CLI and the single executable cannot carry,
 * while coreutils is on every Linux host the QAT driver runs on. Where GNU cp is missing (or is
 * another cp) nothing is copied, as documented in the README; where it is there but cannot set an
 * attribute, the write is refused.
 */
export function copyExtendedAttributes(from: string, to: string): Promise<void> {
  // Loaded here, not at the top: a lint run that writes nothing should not pay for child_process
  // (and the bundle runs from a code cache, where a dynamic import() has no loader).
  // getBuiltinModule is Node 22.3+; on 22.0-22.2 the attributes are not copied, as without GNU cp.
  const execFile = process.getBuiltinModule?.("node:child_process").execFile;
  if (execFile === undefined) return Promise.resolve();
  return new Promise((done, fail) => {
    execFile("cp", ["--attributes-only", "--preserve=xattr", "--", from, to], (error, _stdout, stderr) => {
      if (!error) return done();
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      if (missing || /unrecognized option|illegal option|invalid option|unknown option/i.test(stderr)) return done();
      const why = stderr.trim().split("\n").pop()?.replace(/^cp: /, "") ?? error.message;
      fail(new Error(`cannot keep its extended attributes (SELinux label, ACLs): ${why}`));
    });
  });
}

/** Runs `critical` holding `lock`, a file created exclusively; waits for another holder up to {@link LOCK_WAIT_MS}. */
async function withLock(lock: string, critical: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let delay = 2;
  for (;;) {
    try {
      const handle = await open(lock, CREATE_EXCLUSIVE, 0o600);
      track(lock);
      await handle.writeFile(`${process.pid}\n`).finally(() => handle.close());
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot lock: ${ioReason(error)}`);
      // A holder killed with SIGKILL leaves its lock: the critical section takes milliseconds.
      const held = await lstat(lock).catch(() => undefined);
      if (held !== undefined && Date.now() - held.mtimeMs > STALE_LOCK_MS) await unlink(lock).catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`another qatconf is writing it (lock ${lock}): remove the lock if no qatconf is running`);
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
  }
  try {
    await critical();
  } finally {
    await unlink(lock).catch(() => undefined);
    untrack(lock);
  }
}

async function checkUnchanged(real: string, expected: string): Promise<void> {
  let now: Buffer;
  try {
    now = await readBytes(real, { noFollow: true });
  } catch {
    throw new FileChangedError("it was changed or removed by another program since it was read: nothing written");
  }
  if (!now.equals(Buffer.from(expected, "utf8"))) {
    throw new FileChangedError("it was changed by another program since it was read: nothing written; run again");
  }
}

/**
 * Puts the original in place as `backup`: a hard link (the very file, every attribute kept), or
 * where the file system refuses one a copy with the same attributes; always renamed over `backup`.
 */
async function backUp(fs: AtomicFs, real: string, backup: string, original: Stats): Promise<void> {
  const dir = dirname(backup);
  let staged = tempName(dir, basename(backup));
  track(staged);
  try {
    await link(real, staged);
  } catch {
    untrack(staged);
    staged = await writeTemp(fs, dir, basename(backup), await readBytes(real, { noFollow: true }), original, real);
  }
  try {
    await fs.rename(staged, backup);
  } catch (error) {
    throw new Error(`cannot keep a backup as ${backup}: ${ioReason(error)}`);
  } finally {
    await discard(fs, staged);
  }
}

/** Flushes the folder so that the rename itself survives a crash; not every file system allows it. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    await handle.sync().finally(() => handle.close());
  } catch {
    // Best effort: the data itself is already on disk.
  }
}
