/**
 * The files of a host as `doctor` and `vf-plan` see them: the live host (`/`), or a saved copy
 * under `--root`, confined to it. A saved tree is resolved the way the kernel resolves a path under
 * `openat2(RESOLVE_IN_ROOT)`: an absolute link is taken relative to the root and `..` stops at it,
 * so that a link planted in a support bundle (`etc/c6xx_dev0.conf -> /etc/shadow`, or
 * `../../../../root/.ssh/id_rsa`) reads the bundle's own file or nothing, never the machine's.
 * sysfs's own relative links (`driver -> ../../../bus/pci/drivers/c6xx`) resolve as they do on the host.
 * Every file is read with the strict reader: regular files only, capped, text only.
 *
 * A tree made to record ({@link HostTree.recording}) keeps each path it read, listed, followed or
 * looked at, so that `qatconf snapshot` saves exactly what doctor reads and nothing else.
 */
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readText } from "../io/read-text.ts";

/** What a recording tree saw at one host path. */
export type RecordedEntry =
  | { kind: "dir" }
  | { kind: "link"; target: string }
  | { kind: "file"; text: string }
  /** A name doctor took from a listing without reading it (`/lib/firmware/qat_4xxx.bin`): its kind only. */
  | { kind: "name"; dir: boolean }
  /** A device node's owner group and mode (`/dev/vfio/12`), kept as data: nodes are not copied. */
  | { kind: "node"; gid: number; mode: number };

/** The owner group and permission bits of a device node, as a snapshot's manifest stores them. */
export interface NodeFacts {
  gid: number;
  mode: number;
}

/** The file at the top of a saved snapshot with what cannot be saved as files (device nodes' owners). */
export const MANIFEST = "qatconf-snapshot.json";

/** Links followed in one path before giving up, as the kernel's ELOOP limit. */
const MAX_LINKS = 40;

/** A host's files, by the path they have on the host (`/sys/bus/pci/devices`). */
export class HostTree {
  /** The root as given (`/` for the live host). */
  readonly root: string;
  private readonly confined: boolean;
  private realRoot: string | undefined;
  private nodes: Promise<Record<string, NodeFacts>> | undefined;
  /** Every host path seen, when recording. */
  readonly recorded: Map<string, RecordedEntry> | undefined;

  constructor(root: string, options: { record?: boolean } = {}) {
    this.root = root;
    this.confined = root !== "/";
    if (options.record) this.recorded = new Map();
  }

  /** A tree that records what is read from it (see {@link HostTree.recorded}). */
  static recording(root: string): HostTree {
    return new HostTree(root, { record: true });
  }

  private record(hostPath: string, entry: RecordedEntry): void {
    const map = this.recorded;
    if (map === undefined) return;
    const had = map.get(hostPath);
    // What was read beats a bare name from a listing.
    if (had === undefined || had.kind === "name" || (had.kind === "dir" && entry.kind !== "name")) {
      map.set(hostPath, entry);
    }
  }

  /** Where `hostPath` really is on this machine, inside the root; `undefined` when it does not resolve. */
  async resolve(hostPath: string): Promise<string | undefined> {
    return (await this.walk(hostPath))?.real;
  }

  /** {@link resolve}, with the host path it comes to (`/` joined with the parts walked). */
  private async walk(hostPath: string): Promise<{ real: string; host: string } | undefined> {
    // Recording walks the live host too, link by link, to keep each link it passes.
    if (!this.confined && this.recorded === undefined) {
      const real = await realpath(hostPath).catch(() => undefined);
      return real === undefined ? undefined : { real, host: real };
    }
    this.realRoot ??= await realpath(this.root);
    const root = this.realRoot;
    const done: string[] = [];
    const todo = hostPath.split("/").filter((p) => p !== "" && p !== ".");
    let links = 0;
    while (todo.length > 0) {
      const part = todo.shift() as string;
      if (part === "..") {
        done.pop();
        continue;
      }
      const candidate = join(root, ...done, part);
      const info = await lstat(candidate).catch(() => undefined);
      if (info === undefined) return undefined;
      const here = `/${[...done, part].join("/")}`;
      if (!info.isSymbolicLink()) {
        if (info.isDirectory()) this.record(here, { kind: "dir" });
        done.push(part);
        continue;
      }
      if (++links > MAX_LINKS) return undefined;
      const target = await readlink(candidate);
      this.record(here, { kind: "link", target });
      if (target.startsWith("/")) done.length = 0;
      todo.unshift(...target.split("/").filter((p) => p !== "" && p !== "."));
    }
    return { real: join(root, ...done), host: `/${done.join("/")}` };
  }

  /** The text of a file, or `undefined` when it cannot be read (a missing file is a finding, not a failure). */
  async text(hostPath: string): Promise<string | undefined> {
    const found = await this.walk(hostPath);
    if (found === undefined) return undefined;
    // `real` has no link left in it: one swapped in since is refused, not followed.
    const text = await readText(found.real, { noFollow: this.confined }).catch(() => undefined);
    if (text !== undefined) this.record(found.host, { kind: "file", text });
    return text;
  }

  /**
   * The names in a folder that `keep` accepts, or none. The filter is given here, not applied by
   * the caller, so that a recording keeps only the names doctor uses (not every name of /etc).
   */
  async list(hostPath: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
    const found = await this.walk(hostPath);
    if (found === undefined) return [];
    const names = (await readdir(found.real).catch(() => [])).filter(keep);
    if (this.recorded !== undefined) {
      for (const name of names) {
        const info = await lstat(join(found.real, name)).catch(() => undefined);
        if (info !== undefined) this.record(join(found.host, name), { kind: "name", dir: info.isDirectory() });
      }
    }
    return names;
  }

  /** The last component of a link's target (`driver -> ../../bus/pci/drivers/c6xx` gives `c6xx`), not followed. */
  async linkName(hostPath: string): Promise<string | undefined> {
    const parent = await this.walk(dirname(hostPath));
    if (parent === undefined) return undefined;
    const target = await readlink(join(parent.real, basename(hostPath))).catch(() => undefined);
    if (target === undefined) return undefined;
    this.record(join(parent.host, basename(hostPath)), { kind: "link", target });
    return basename(target);
  }

  /** Whether `hostPath` is a folder. */
  async isDirectory(hostPath: string): Promise<boolean> {
    const found = await this.walk(hostPath);
    if (found === undefined) return false;
    const dir = await stat(found.real).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (dir) this.record(found.host, { kind: "dir" });
    return dir;
  }

  /**
   * A device node's owner group and mode. A saved snapshot keeps them in its manifest
   * ({@link MANIFEST}), since a node cannot be copied as a file; elsewhere the file's own.
   */
  async nodeFacts(hostPath: string): Promise<NodeFacts | undefined> {
    const found = await this.walk(hostPath);
    if (found === undefined) return undefined;
    const saved = this.confined ? (await this.manifestNodes())[found.host] : undefined;
    const facts =
      saved ??
      (await stat(found.real).then(
        (s) => ({ gid: s.gid, mode: s.mode & 0o777 }),
        () => undefined,
      ));
    if (facts !== undefined) this.record(found.host, { kind: "node", ...facts });
    return facts;
  }

  /** The device nodes a snapshot's manifest lists, by host path; none for a tree without one. */
  private manifestNodes(): Promise<Record<string, NodeFacts>> {
    this.nodes ??= readText(join(this.root, MANIFEST), { noFollow: true }).then(
      (text) => parseManifestNodes(text),
      () => ({}),
    );
    return this.nodes;
  }

  /** `hostPath` with every link resolved, as a path on the host (for the PCI topology). */
  async realHostPath(hostPath: string): Promise<string | undefined> {
    const real = await this.resolve(hostPath);
    if (real === undefined || !this.confined) return real;
    const root = this.realRoot as string;
    return real === root ? "/" : real.slice(root.length);
  }
}

/** The `nodes` of a manifest, keeping only well-formed entries (a manifest is as untrusted as the tree). */
function parseManifestNodes(text: string): Record<string, NodeFacts> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  const out: Record<string, NodeFacts> = {};
  if (typeof nodes !== "object" || nodes === null) return out;
  for (const [path, value] of Object.entries(nodes)) {
    const { gid, mode } = (value ?? {}) as Partial<NodeFacts>;
    if (Number.isSafeInteger(gid) && Number.isSafeInteger(mode))
      out[path] = { gid, mode: (mode as number) & 0o777 } as NodeFacts;
  }
  return out;
}
