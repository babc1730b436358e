/**
 * bin/run-flags.js: which runs start under V8's flags for many files, and that a flag the user
 * chose is left as they set it (setting ours after would undo `node --no-allocation-site-pretenuring`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANY_FILES_FLAGS, MANY_PATHS, runFlags, sameFlag } from "../../bin/run-flags.js";

const folders = new Set(["configs", "hosts/web01"]);
const isFolder = (path: string): boolean => folders.has(path);
const flags = (argv: string[], execArgv: string[] = [], nodeOptions?: string): string[] =>
  runFlags(argv, execArgv, nodeOptions, isFolder);

describe("runFlags", () => {
  it("gives lint and fmt of a folder, a glob or many paths the flags for many files", () => {
    expect(flags(["lint", "configs"])).toEqual(MANY_FILES_FLAGS);
    expect(flags(["fmt", "--check", "hosts/web01"])).toEqual(MANY_FILES_FLAGS);
    expect(flags(["lint", "hosts/**/*.conf"])).toEqual(MANY_FILES_FLAGS);
    const paths = Array.from({ length: MANY_PATHS }, (_, i) => `c6xx_dev${i}.conf`);
    expect(flags(["lint", ...paths])).toEqual(MANY_FILES_FLAGS);
  });

  it("leaves a run of a few files, stdin, or another command under V8's own flags", () => {
    expect(flags(["lint", "c6xx_dev0.conf"])).toEqual([]);
    expect(flags(["lint", "-", "--stdin-filename", "x.conf"])).toEqual([]);
    expect(flags(["lint", ...Array.from({ length: MANY_PATHS - 1 }, (_, i) => `f${i}.conf`)])).toEqual([]);
    expect(flags(["explain", "configs"])).toEqual([]);
    expect(flags(["lsp"])).toEqual([]);
    expect(flags([])).toEqual([]);
  });

  it("leaves out a flag the user set, in Node's arguments or NODE_OPTIONS, either way", () => {
    const [inlining, pretenuring] = MANY_FILES_FLAGS;
    expect(flags(["lint", "configs"], ["--max_inlined_bytecode_size=300"])).toEqual([pretenuring]);
    expect(flags(["lint", "configs"], [], "--max-old-space-size=512 --allocation-site-pretenuring")).toEqual([
      inlining,
    ]);
  });
});

describe("runFlags on the disk", () => {
  it("looks at the paths themselves: a folder counts, a file or a path that cannot be looked at does not", () => {
    const root = mkdtempSync(join(tmpdir(), "qatconf-run-flags-"));
    try {
      // A link to itself: stat fails with ELOOP, which must not end the run before the CLI says why.
      symlinkSync("loop", join(root, "loop"));
      expect(runFlags(["lint", root], [], undefined)).toEqual(MANY_FILES_FLAGS);
      expect(runFlags(["lint", join(root, "loop")], [], undefined)).toEqual([]);
      expect(runFlags(["lint", join(root, "missing.conf")], [], undefined)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("sameFlag", () => {
  it("sees a flag with or without --no-, with a value, with dashes or underscores", () => {
    expect(sameFlag("--allocation_site_pretenuring", "--no-allocation-site-pretenuring")).toBe(true);
    expect(sameFlag("--allocation-site-pretenuring=false", "--no-allocation-site-pretenuring")).toBe(true);
    expect(sameFlag("--max-inlined-bytecode-size=20", "--max-inlined-bytecode-size=100")).toBe(true);
  });

  it("does not take another flag, or one whose name only begins the same, for it", () => {
    expect(sameFlag("--max-inlined-bytecode-size-cumulative=300", "--max-inlined-bytecode-size=100")).toBe(false);
    expect(sameFlag("--allocation-site-pretenuring-extra", "--no-allocation-site-pretenuring")).toBe(false);
    expect(sameFlag("--no-opt", "--no-allocation-site-pretenuring")).toBe(false);
  });
});

describe("the flags for many files", () => {
  it("are flags of this Node's V8 (V8 would only warn of one it does not know, and run without it)", () => {
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
    for (const flag of MANY_FILES_FLAGS) {
      const name = flag.replace(/^--(no-)?/, "").replace(/=.*$/, "");
      expect(options, flag).toContain(`  --${name} (`);
    }
  });
});
