/**
 * The files of a host as `doctor` and `vf-plan` see them: the live host (`/`), or a saved copy
 * under `--root`, confined to it. A saved tree is resolved the way the kernel resolves a path under
 * `openat2(RESOLVE_IN_ROOT)`: an absolute link is taken relative to the root and `..` stops at it,
 * so that a link planted in a support bundle (`etc/c6xx_dev0.conf -> /etc/shadow`, or
 * `../../../../root/.ssh/id_rsa`) reads the bundle's own file or nothing, never the machine's.
 * sysfs's own relative links (`driver -> ../../../bus/pci/drivers/c6xx`) resolve as they do on the host.
 * Every file is read with the strict reader: regular files only, capped, text only.
 */
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readText } from "../io/read-text.ts";

/** Links followed in one path before giving up, as the kernel's ELOOP limit. */
const MAX_LINKS = 40;

/** A host's files, by the path they have on the host (`/sys/bus/pci/devices`). */
export class HostTree {
  /** The root as given (`/` for the live host). */
  readonly root: string;
  private readonly confined: boolean;
  private realRoot: string | undefined;

  constructor(root: string) {
    this.root = root;
    this.confined = root !== "/";
  }

  /** Where `hostPath` really is on this machine, inside the root; `undefined` when it does not resolve. */
  async resolve(hostPath: string): Promise<string | undefined> {
    if (!this.confined) return realpath(hostPath).catch(() => undefined);
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
      if (!info.isSymbolicLink()) {
        done.push(part);
        continue;
      }
      if (++links > MAX_LINKS) return undefined;
      const target = await readlink(candidate);
      if (target.startsWith("/")) done.length = 0;
      todo.unshift(...target.split("/").filter((p) => p !== "" && p !== "."));
    }
    return join(root, ...done);
  }

  /** The text of a file, or `undefined` when it cannot be read (a missing file is a finding, not a failure). */
  async text(hostPath: string): Promise<string | undefined> {
    const real = await this.resolve(hostPath);
    if (real === undefined) return undefined;
    // `real` has no link left in it: one swapped in since is refused, not followed.
    return readText(real, { noFollow: this.confined }).catch(() => undefined);
  }

  /** The names in a folder, or none. */
  async list(hostPath: string): Promise<string[]> {
    const real = await this.resolve(hostPath);
    if (real === undefined) return [];
    return readdir(real).catch(() => []);
  }

  /** The last component of a link's target (`driver -> ../../bus/pci/drivers/c6xx` gives `c6xx`), not followed. */
  async linkName(hostPath: string): Promise<string | undefined> {
    const parent = await this.resolve(dirname(hostPath));
    if (parent === undefined) return undefined;
    return readlink(join(parent, basename(hostPath))).then(basename, () => undefined);
  }

  /** Whether `hostPath` is a folder. */
  async isDirectory(hostPath: string): Promise<boolean> {
    const real = await this.resolve(hostPath);
    if (real === undefined) return false;
    return stat(real).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  /** `hostPath` with every link resolved, as a path on the host (for the PCI topology). */
  async realHostPath(hostPath: string): Promise<string | undefined> {
    const real = await this.resolve(hostPath);
    if (real === undefined || !this.confined) return real;
    const root = this.realRoot as string;
    return real === root ? "/" : real.slice(root.length);
  }
}
