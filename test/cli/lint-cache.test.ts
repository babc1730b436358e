/**
 * `lint --cache`: a second run reports exactly what a run without the cache reports, relints what
 * changed (text or settings), and never trusts or crashes on a cache file it should not read.
 */
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  type Stats,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fingerprint, RACY_MS, textHash } from "../../src/cli/lint-cache.ts";
import { decodeText } from "../../src/io/read-text.ts";
import { general, kernelSection } from "../model/helpers.ts";
import { GOOD } from "../rules/findings.ts";
import { type CliOptions, runCli } from "../support/cli.ts";

const CROWDED = GOOD.replace("NumProcesses = 1", "NumProcesses = 64");

let dir: string;
let cacheFile: string;
function write(name: string, content: string): void {
  mkdirSync(join(dir, name, ".."), { recursive: true });
  writeFileSync(join(dir, name), content);
}
/** A cache file (lint-cache.ts): its header line, and its entries line. */
interface CacheFile {
  header: { run?: { stdout: string; key: string; exit: number } } & Record<string, unknown>;
  entries: Record<string, { h: string; d: Array<Record<string, unknown>>; m?: string; l?: string }>;
}
function readCache(file = cacheFile): CacheFile {
  const text = readFileSync(file, "utf8");
  const newline = text.indexOf("\n");
  return { header: JSON.parse(text.slice(0, newline)), entries: JSON.parse(text.slice(newline + 1)) };
}
function cacheText({ header, entries }: CacheFile): string {
  return `${JSON.stringify(header)}\n${JSON.stringify(entries)}`;
}
function writeCache(cache: CacheFile, file = cacheFile): void {
  writeFileSync(file, cacheText(cache), { mode: 0o600 });
}
// A file changed less than RACY_MS ago is not known by its metadata yet: some tests age their files.
const age = (): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 100);
};

const lint = (args: string[], options: CliOptions = {}) => runCli(["lint", "repo", ...args], { cwd: dir, ...options });
const cached = (args: string[] = []) => lint(["--cache-location", cacheFile, ...args]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "qatconf-cache-"));
  cacheFile = join(dir, "lint-cache.json");
  write("repo/a/c6xx_dev0.conf", GOOD);
  write("repo/b/c6xx_dev0.conf", CROWDED);
  write("repo/c/qat_dev0.conf", GOOD);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("qatconf lint --cache", () => {
  it("reports on a second run exactly what a run without the cache reports", () => {
    const plain = lint([]);
    expect(plain.status).toBe(1);
    expect(cached()).toEqual(plain);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(cached()).toEqual(plain);
    expect(cached(["-f", "json"])).toEqual(lint(["-f", "json"]));
    // Hits and misses read on worker threads: the same report, code frames included.
    write("repo/d/c6xx_dev0.conf", CROWDED);
    const workers = { env: { QATCONF_WORKERS_ONLY: "1" } };
    const more = lint([]);
    expect(lint(["--cache-location", cacheFile, "--jobs", "3"], workers)).toEqual(more);
    expect(lint(["--cache-location", cacheFile, "--jobs", "3"], workers)).toEqual(more);
  });

  it("uses the findings it kept, and relints a file whose text or settings changed", () => {
    cached();
    // A finding planted by the user in their own cache shows that the cache was read, not the file linted.
    const json = readCache();
    const key = Object.keys(json.entries).find((k) => k.endsWith(join("b", "c6xx_dev0.conf"))) as string;
    (json.entries[key]?.d[0] as { message: string }).message = "from the cache";
    writeCache(json);
    expect(cached().stdout).toContain("from the cache");
    write("repo/b/c6xx_dev0.conf", `${CROWDED}\n`);
    expect(cached()).toEqual(lint([]));
    write("repo/.qatconf.json", JSON.stringify({ rules: { "ring-budget": "off" } }));
    expect(cached()).toEqual(lint([]));
    expect(cached().status).toBe(0);
    // A rule's severity is a setting too, however deep in the configuration it sits.
    write("repo/.qatconf.json", JSON.stringify({ rules: { "ring-budget": "warning" } }));
    expect(cached()).toEqual(lint([]));
    expect(cached().stdout).toContain("warning");
  });

  it("relints a VF whose PF file changed, and runs the set rules again when a file of the folder changed", () => {
    const pf = general("cy") + kernelSection(0, 0);
    write("repo/h/c6xx_dev0.conf", pf);
    write("repo/h/c6xxvf_dev0.conf.vm", general("cy") + kernelSection(0, 0));
    cached();
    expect(cached()).toEqual(lint([]));
    // The VF's text is unchanged, but its PF no longer offers what it asks for.
    write("repo/h/c6xx_dev0.conf", pf.replace("ServicesEnabled = cy", "ServicesEnabled = dc"));
    const plain = lint([]);
    expect(plain.stdout).toContain("vf-service-unsupported");
    expect(cached()).toEqual(plain);
    expect(cached()).toEqual(plain);
    // SR-IOV turned on in the PF: the set rule's warning about the VF files goes away.
    write("repo/h/c6xx_dev0.conf", pf.replace("ConfigVersion = 2", "ConfigVersion = 2\nSRIOV_Enabled = 1"));
    expect(plain.stdout).toContain("vf-files-without-sriov");
    expect(cached()).toEqual(lint([]));
    expect(cached().stdout).not.toContain("vf-files-without-sriov");
  });

  it("ignores a corrupt cache, or one of another shape, and reports as without it", () => {
    const plain = lint([]);
    for (const text of [
      "not json",
      "[]",
      '{"format":1}',
      JSON.stringify({ format: 1, qatconf: "0.0.0+other", entries: {} }),
      `${JSON.stringify({ format: 3, qatconf: "0.0.0+other" })}\n{}`,
    ]) {
      writeFileSync(cacheFile, text, { mode: 0o600 });
      expect(cached()).toEqual(plain);
    }
    // Entries of the right identity with findings of the wrong shape: misses, not crashes.
    cached();
    const json = readCache();
    for (const key of Object.keys(json.entries)) json.entries[key] = { h: "x", d: [{ ruleId: 3, range: null }] };
    const text = cacheText(json).replace("\n{", '\n{"__proto__":{"h":"x","s":"","d":[]},');
    writeFileSync(cacheFile, text, { mode: 0o600 });
    expect(cached()).toEqual(plain);
    // The right header over an entries line that does not parse, or none at all.
    cached();
    const header = readFileSync(cacheFile, "utf8").split("\n")[0] as string;
    for (const broken of [`${header}\n{"entries`, header]) {
      writeFileSync(cacheFile, broken, { mode: 0o600 });
      expect(cached()).toEqual(plain);
    }
  });

  it("does not read a cache file others may write, a link, or one of another user", () => {
    const plain = lint([]);
    cached();
    const json = readCache();
    for (const key of Object.keys(json.entries)) json.entries[key] = { ...json.entries[key], d: [] } as never;
    const planted = cacheText(json);
    const expectIgnored = (reason: string): void => {
      const r = cached();
      expect(r.stdout).toBe(plain.stdout);
      expect(r.status).toBe(plain.status);
      expect(r.stderr).toContain(`--cache: not using ${cacheFile}: ${reason}`);
    };
    writeFileSync(cacheFile, planted);
    chmodSync(cacheFile, 0o666);
    expectIgnored("others may write to it");
    rmSync(cacheFile);
    writeFileSync(join(dir, "elsewhere.json"), planted, { mode: 0o600 });
    symlinkSync(join(dir, "elsewhere.json"), cacheFile);
    expectIgnored("it is not a regular file");
    rmSync(cacheFile);
    if (process.getuid?.() === 0) {
      writeFileSync(cacheFile, planted, { mode: 0o600 });
      chownSync(cacheFile, 65534, 65534);
      expectIgnored("it belongs to another user");
    }
  });

  it("keeps its cache in the user's cache folder by default, and not in one others may write", () => {
    const home = join(dir, "cache-home");
    const r = lint(["--cache"], { env: { XDG_CACHE_HOME: home } });
    expect(r.stderr).toBe("");
    const files = readdirSync(join(home, "qatconf")).filter((n) => n.startsWith("lint-"));
    expect(files).toHaveLength(1);
    expect(statSync(join(home, "qatconf")).mode & 0o777).toBe(0o700);
    chmodSync(join(home, "qatconf"), 0o777);
    const shared = lint(["--cache"], { env: { XDG_CACHE_HOME: home } });
    expect(shared.stdout).toBe(lint([]).stdout);
    expect(shared.stderr).toContain("linting without a cache");
  });
});

describe("qatconf lint --cache, files known by their metadata", () => {
  const entries = (): CacheFile["entries"] => readCache().entries;
  const entryKey = (name: string): string => Object.keys(entries()).find((k) => k.endsWith(name)) as string;
  const plant = (change: (entry: { h: string; d: unknown[] }) => void, name: string): void => {
    const json = readCache();
    change(json.entries[entryKey(name)] as { h: string; d: unknown[] });
    writeCache(json);
  };

  it("takes an unchanged file's findings without reading it, and reads what changed, as a run without the cache reports", () => {
    const pf = general("cy") + kernelSection(0, 0);
    write("repo/h/c6xx_dev0.conf", pf);
    write("repo/h/c6xxvf_dev0.conf.vm", general("cy") + kernelSection(0, 0));
    const fresh = cached();
    // Just written: known by their text only, until their times are old enough to tell a change.
    expect(Object.values(entries()).every((e) => e.m === undefined)).toBe(true);
    age();
    expect(cached()).toEqual(fresh);
    expect(Object.values(entries()).every((e) => typeof e.m === "string")).toBe(true);

    // A clean file known by its metadata is not read: the hash the cache holds is not checked...
    const clean = join("a", "c6xx_dev0.conf");
    plant((e) => {
      e.h = "not the hash";
    }, clean);
    expect(cached()).toEqual(fresh);
    expect(entries()[entryKey(clean)]?.h).toBe("not the hash");
    // ...but it is with --cache-strategy content, which relints the file and keeps its real hash.
    expect(cached(["--cache-strategy", "content"])).toEqual(fresh);
    expect(entries()[entryKey(clean)]?.h).not.toBe("not the hash");
    // Nor is a file with findings: the lines its report shows come from the cache too.
    const crowded = join("b", "c6xx_dev0.conf");
    plant((e) => {
      e.h = "not the hash";
      const finding = e.d[0] as { message: string; range: { start: { line: number } } };
      finding.message = "from the cache";
      (e as { l?: string }).l = `${"\n".repeat(finding.range.start.line - 1)}PLANTED = 1\n`;
    }, crowded);
    expect(cached().stdout).toContain("from the cache");
    expect(cached().stdout).toContain("PLANTED = 1");
    expect(cached(["--cache-strategy", "content"])).toEqual(fresh);

    // A write of the same size changes the change time: the file is read and linted again.
    write("repo/b/c6xx_dev0.conf", CROWDED.replace("NumProcesses = 64", "NumProcesses = 65"));
    expect(cached()).toEqual(lint([]));
    // The VF was not read (known by its metadata), but its PF changed: it is linted with the PF's
    // new services, and the set rules read both files again.
    write("repo/h/c6xx_dev0.conf", pf.replace("ServicesEnabled = cy", "ServicesEnabled = dc"));
    const plain = lint([]);
    expect(plain.stdout).toContain("vf-service-unsupported");
    expect(cached()).toEqual(plain);
    age();
    expect(cached()).toEqual(plain);
    expect(cached()).toEqual(plain);
  });
});

describe("qatconf lint --cache, a run like the last one", () => {
  /** The cache as the last run left it, with its recorded output replaced by `PLANTED`. */
  const planted = (): CacheFile => {
    const cache = readCache();
    expect(cache.header.run).toBeDefined();
    (cache.header.run as { stdout: string }).stdout = "PLANTED\n";
    return cache;
  };

  it("prints the last run's output again when its files, settings and options are the same, and only then", () => {
    age();
    const plain = lint([]);
    expect(cached()).toEqual(plain);
    const last = planted();
    writeCache(last);
    // Nothing changed: the recorded output and exit code, without a finding parsed.
    expect(cached()).toEqual({ ...plain, stdout: "PLANTED\n" });
    // Other options, or an entry of the cache changed since: the run is made again.
    for (const [args, edit] of [
      [["-f", "json"], undefined],
      [["--quiet"], undefined],
      [["--max-warnings", "0"], undefined],
      [
        [],
        (c: CacheFile) => {
          for (const entry of Object.values(c.entries)) for (const d of entry.d) d.message = "edited";
        },
      ],
    ] as const) {
      const cache = planted();
      edit?.(cache);
      writeCache(cache);
      const r = cached([...args]);
      expect(r.stdout).not.toContain("PLANTED");
      if (!edit) expect(r).toEqual(lint([...args]));
      else expect(r.stdout).toContain("edited");
      cached();
    }
    // A setting changed (a rule turned off in the configuration): the run is made again.
    writeCache(planted());
    write("repo/.qatconf.json", JSON.stringify({ rules: { "ring-budget": "off" } }));
    expect(cached()).toEqual(lint([]));
    expect(cached().stdout).not.toContain("PLANTED");
  });

  it("is not replayed when a file changed or was added, even once their times are old enough to tell", () => {
    age();
    const plain = lint([]);
    expect(cached()).toEqual(plain);
    const before = planted();
    // The same size, another text: only its fingerprint tells.
    write("repo/b/c6xx_dev0.conf", CROWDED.replace("NumProcesses = 64", "NumProcesses = 65"));
    age();
    writeCache(before);
    expect(cached()).toEqual(lint([]));
    const again = planted();
    write("repo/e/c6xx_dev0.conf", GOOD);
    age();
    writeCache(again);
    expect(cached()).toEqual(lint([]));
  });
});

describe("fingerprint", () => {
  const stats = (over: Partial<Stats>): Stats =>
    ({ size: 10, mtimeMs: 1000.5, ctimeMs: 1000.5, ino: 7, dev: 2, ...over }) as Stats;
  it("tells apart files that differ in size, times, inode or device, and none changed less than RACY_MS ago", () => {
    const now = 1000.5 + RACY_MS;
    const base = fingerprint(stats({}), now);
    expect(base).toBeDefined();
    for (const over of [{ size: 11 }, { mtimeMs: 999 }, { ctimeMs: 1000.25 }, { ino: 8 }, { dev: 3 }]) {
      expect(fingerprint(stats(over), now + RACY_MS)).not.toBe(base);
    }
    expect(fingerprint(stats({}), now - 1)).toBeUndefined();
    expect(fingerprint(stats({ mtimeMs: 0 }), now - 1)).toBeUndefined();
  });
});

describe("textHash", () => {
  it("is the same for a file's bytes as for the text they decode to, byte order mark and non-ASCII text included", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.string({ unit: "grapheme" }), (bom, body) => {
        const bytes = new TextEncoder().encode(`${bom ? "\uFEFF" : ""}${body.replaceAll("\0", "")}`);
        expect(textHash(bytes)).toBe(textHash(decodeText(bytes)));
      }),
    );
  });
});
