/**
 * `qatconf snapshot OUT`: saves exactly what doctor reads of a host, for a support ticket, as a
 * folder that `doctor --root OUT` reads back with the same findings. The host is read once through
 * a recording {@link HostTree}, and only what that read touched is written: each file doctor read
 * (its text as read), each link it passed or looked at (with its own target, so sysfs's `driver`,
 * `iommu_group`, `physfn`, `virtfnN` and `/sys/bus/pci/devices` links stay links), each folder on
 * the way, each name it took from a listing as an empty file or folder (`/lib/firmware/qat_*`:
 * doctor only looks at the names), and each device node's owner group and mode in the manifest
 * ({@link MANIFEST}), since a node cannot be copied as a file. Nothing else of /etc is read, so
 * nothing else is saved; the few secrets a file doctor reads may hold (a libvirt VNC password,
 * HAProxy's `stats auth`) are masked with as many `*`, so that every finding keeps its column.
 *
 * OUT must not exist, or be an empty folder; it is made private (0700), every file in it is created
 * exclusively without following links, and a failed snapshot removes what it made. An OUT ending in
 * `.tar.gz` or `.tgz` is that folder as one gzip'd tar file (links kept as links), written with
 * node-tar (the well-kept tar of npm's own toolchain) into a new file created exclusively.
 */
import { constants } from "node:fs";
import { lstat, mkdir, mkdtemp, open, readdir, realpath, rm, symlink, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { create as createTar } from "tar";
import { writeNewFile } from "../io/atomic-write.ts";
import { ioReason } from "../io/read-text.ts";
import { HostTree, MANIFEST, type NodeFacts, type RecordedEntry } from "./host-tree.ts";
import { type ReadHostOptions, readHostTree, SAVED_TEXTS } from "./snapshot.ts";
import type { HostSnapshot } from "./types.ts";

/** Options of {@link saveHost}. */
export interface SaveHostOptions extends ReadHostOptions {
  /** The host to save: `/` (default) or a saved copy. */
  root?: string;
}

/** What {@link saveHost} wrote. */
export interface SavedHost {
  /** The folder written. */
  out: string;
  files: number;
  links: number;
  nodes: number;
  /** The snapshot doctor would see (read while saving). */
  host: HostSnapshot;
}

/** The manifest's format name and version, for readers of a snapshot. */
export const SNAPSHOT_FORMAT = { format: "qatconf-snapshot", version: 1 } as const;

/** Whether `out` names an archive (`.tar.gz`, `.tgz`) rather than a folder. */
export function isArchive(out: string): boolean {
  return /\.(tar\.gz|tgz)$/.test(out);
}

/** Saves what doctor reads of `options.root` as `out`, a folder or an archive. Throws an Error of one human line. */
export async function saveHost(out: string, options: SaveHostOptions = {}): Promise<SavedHost> {
  return isArchive(out) ? saveArchive(out, options) : saveFolder(out, options);
}

const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** The folder, staged beside `out` and packed into it; `out` must not exist, not even as a link. */
async function saveArchive(out: string, options: SaveHostOptions): Promise<SavedHost> {
  if ((await lstat(out).catch(() => undefined)) !== undefined) throw new Error(`${out} exists: give a new file name`);
  const staging = await mkdtemp(join(dirname(out), `.${basename(out)}.qatconf-`)).catch((error: unknown) => {
    throw new Error(`cannot create a folder beside ${out}: ${ioReason(error)}`);
  });
  let created = false;
  try {
    const saved = await saveFolder(staging, options);
    const handle = await open(out, CREATE_EXCLUSIVE, 0o600).catch((error: unknown) => {
      throw new Error(`cannot create ${out}: ${ioReason(error)}`);
    });
    created = true;
    const names = (await readdir(staging)).sort();
    await pipeline(createTar({ gzip: true, portable: true, cwd: staging }, names), handle.createWriteStream());
    return { ...saved, out };
  } catch (error) {
    if (created) await unlink(out).catch(() => undefined);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function saveFolder(out: string, options: SaveHostOptions): Promise<SavedHost> {
  const made = await prepare(out);
  try {
    const tree = HostTree.recording(options.root ?? "/");
    const host = await readHostTree(tree, options);
    const real = await realpath(out);
    const counts = await writeEntries(real, tree.recorded ?? new Map());
    for (const kind of ["dmesg", "lspci"] as const) {
      const saved = host[kind];
      if (saved !== undefined) await writeNewFile(join(real, SAVED_TEXTS[kind]), saved.text);
    }
    const manifest = {
      ...SNAPSHOT_FORMAT,
      root: tree.root,
      created: new Date().toISOString(),
      texts: Object.fromEntries((["dmesg", "lspci"] as const).flatMap((k) => (host[k] ? [[k, host[k].path]] : []))),
      nodes: Object.fromEntries(counts.nodes),
    };
    await writeNewFile(join(real, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return { out, files: counts.files, links: counts.links, nodes: counts.nodes.length, host };
  } catch (error) {
    await cleanUp(out, made);
    throw error;
  }
}

/** Makes `out` (or takes an empty folder); returns whether it was made here. */
async function prepare(out: string): Promise<boolean> {
  const info = await lstat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new Error(`cannot use ${out}: ${ioReason(error)}`);
  });
  if (info === undefined) {
    await mkdir(out, { mode: 0o700 }).catch((error: unknown) => {
      throw new Error(`cannot create ${out}: ${ioReason(error)}`);
    });
    return true;
  }
  if (info.isSymbolicLink()) throw new Error(`${out} is a symbolic link: give a new folder`);
  if (!info.isDirectory()) throw new Error(`${out} exists and is not a folder: give a new folder`);
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty: give a new or empty folder`);
  return false;
}

/** Removes what a failed snapshot wrote: the folder it made, or the contents of the empty one it was given. */
async function cleanUp(out: string, made: boolean): Promise<void> {
  if (made) {
    await rm(out, { recursive: true, force: true }).catch(() => undefined);
    return;
  }
  const names = await readdir(out).catch(() => []);
  await Promise.all(names.map((n) => rm(join(out, n), { recursive: true, force: true }).catch(() => undefined)));
}

interface Written {
  files: number;
  links: number;
  nodes: Array<[string, NodeFacts]>;
}

async function writeEntries(out: string, entries: ReadonlyMap<string, RecordedEntry>): Promise<Written> {
  const written: Written = { files: 0, links: 0, nodes: [] };
  const made = new Set<string>([out]);
  // Parents sort before their children, so each folder exists before what goes in it.
  for (const hostPath of [...entries.keys()].sort()) {
    const entry = entries.get(hostPath) as RecordedEntry;
    const path = join(out, hostPath);
    await folder(dirname(path), made);
    switch (entry.kind) {
      case "dir":
        await folder(path, made);
        break;
      case "name":
        if (entry.dir) await folder(path, made);
        else await writeNewFile(path, "");
        break;
      case "link":
        await symlink(entry.target, path).catch((error: unknown) => {
          throw new Error(`cannot create ${path}: ${ioReason(error)}`);
        });
        written.links++;
        break;
      case "file":
        await writeNewFile(path, maskSecrets(hostPath, entry.text));
        written.files++;
        break;
      case "node":
        await writeNewFile(path, "", 0o600);
        written.nodes.push([hostPath, { gid: entry.gid, mode: entry.mode }]);
        break;
    }
  }
  return written;
}

/** Makes a folder and those above it inside the snapshot; a name already taken by anything but a folder (a planted link) is refused. */
async function folder(path: string, made: Set<string>): Promise<void> {
  if (made.has(path)) return;
  await folder(dirname(path), made);
  try {
    await mkdir(path, { mode: 0o755 });
  } catch (error) {
    const info = await lstat(path).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code !== "EEXIST" || info === undefined || !info.isDirectory()) {
      throw new Error(`cannot create ${path}: ${info?.isSymbolicLink() ? "a link is in the way" : ioReason(error)}`);
    }
  }
  made.add(path);
}

/**
 * Masks the secrets a file doctor reads may hold, one `*` per character, so that lines and columns
 * (and so every finding) stay as they were: libvirt's `passwd='...'` of `<graphics>`, HAProxy's
 * `stats auth USER:PASSWORD` and `user NAME password|insecure-password SECRET`.
 */
export function maskSecrets(hostPath: string, text: string): string {
  const stars = (s: string): string => "*".repeat(s.length);
  if (hostPath.startsWith("/etc/libvirt/")) {
    return text.replace(
      /(\bpasswd\s*=\s*)(['"])(.*?)\2/g,
      (_m, head: string, q: string, v: string) => `${head}${q}${stars(v)}${q}`,
    );
  }
  if (basename(hostPath) === "haproxy.cfg") {
    return text
      .replace(/^(\s*stats\s+auth\s+[^:\s]+:)(\S+)/gm, (_m, head: string, v: string) => `${head}${stars(v)}`)
      .replace(
        /^(\s*user\s+\S+\s+(?:insecure-)?password\s+)(\S+)/gm,
        (_m, head: string, v: string) => `${head}${stars(v)}`,
      );
  }
  return text;
}
