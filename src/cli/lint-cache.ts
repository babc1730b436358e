/**
 * `lint --cache`: the findings of each file, kept between runs, so that a file whose text and
 * settings are unchanged, linted by the same qatconf (version and build: the device model and
 * driver packages are part of the build), is not linted again.
 *
 * The cache decides what a run reports, and qatconf often runs as root in CI and hooks, so a cache
 * that another user could have written is not read: the file must be a regular file (not a link)
 * owned by the user and writable by nobody else, in the user's own cache folder by default
 * (`$XDG_CACHE_HOME/qatconf` or `~/.cache/qatconf`, the same folder and the same rule as the code
 * cache of bin/start.js). A file that is corrupt or of another version is ignored and rewritten,
 * never a crash; an entry whose findings are not well-formed is a miss.
 *
 * A file is known unchanged by its text's hash or, without reading it, by its metadata (size,
 * modification and change times, inode, device: {@link fingerprint}), as git's index and eslint's
 * default cache know it. A checkout, a copy or any write gives a new fingerprint (the change time
 * cannot be set back), and then the text's hash decides: a fresh clone in CI still finds every
 * unchanged file. `--cache-strategy content` reads every file.
 *
 * The file is two lines of JSON: a header (format, identity, and the last run's record, below),
 * then the entries. A run whose every input is the last run's (the files, their fingerprints and
 * settings, the options, the cache's own entries) prints that run's output again without parsing
 * the entries: over an unchanged repository that is most of what the run costs.
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { replaceFileSync } from "../io/replace-file.ts";
import type { LintOptions } from "../lint/types.ts";

/** Format of the cache file; a file of another format is ignored. */
const FORMAT = 3;
/** Entries kept at most: a cache shared by runs over many repositories stays bounded. */
const MAX_ENTRIES = 200_000;

/**
 * What a run knows about a file from the cache. Whether it applies is decided where the file is
 * linted, once its text is read and its settings are final (a VF's depend on its PF's file).
 */
export interface CacheProbe {
  /** The hash of the text the findings were made for. */
  hash: string;
  /** The {@link settingsKey} of the settings they were made under. */
  settings: string;
  /** How many findings there were (the run keeps a hit's text for the report only when there are some). */
  findings: number;
  /** The lines they are on: the lines of its text the run keeps for the report. */
  lines: number[];
  /** The file's {@link fingerprint} when its text had that hash, if it was safe to take. */
  meta?: string;
  /** What the report shows of the text (the lines of its findings), when it has findings. */
  shown?: string;
  /** The set rules' findings for the file, and the key of the set they were made for. */
  set?: { key: string; findings: Diagnostic[] };
}

interface Entry {
  /** Hash of the text. */
  h: string;
  /** Key of the settings. */
  s: string;
  /** The findings. */
  d: Diagnostic[];
  /** Key of the set (the folder's files, texts and settings) the set rules ran on. */
  g?: string;
  /** The set rules' findings for this file in that set. */
  x?: Diagnostic[];
  /** The {@link fingerprint} of the file whose text had hash `h`. */
  m?: string;
  /**
   * The lines of the text its findings (the set rules' too) are on, the others empty: what the
   * report shows of it, so that a file known by its fingerprint is not read even for its lines.
   */
  l?: string;
}

/**
 * What the last run printed, and what it was run on: `key` hashes its inputs (lint-run.ts), and
 * `entries` the entries line it left, so that an entry changed since then voids it.
 */
interface RunRecord {
  key: string;
  entries: string;
  exit: number;
  stdout: string;
}

/** What a run that {@link LintCache.replay}s prints and exits with. */
export interface Replay {
  stdout: string;
  exit: number;
}

/**
 * How long after a file's last change its metadata is not yet trusted. A second write within one
 * tick of the file system's clock (a second on ext3 and HFS+, two on FAT) leaves the times as
 * they were: the fingerprint of a file changed that recently is not kept, and the next run reads
 * it (git's "racily clean" entries).
 */
export const RACY_MS = 2000;

/**
 * What identifies a file's content without reading it: size, modification and change times, inode
 * and device, from the `stats` of the file read (or `undefined` when it changed too recently to
 * tell, see {@link RACY_MS}); `now` is when it was read.
 */
export function fingerprint(stats: Stats, now: number = Date.now()): string | undefined {
  if (now - Math.max(stats.mtimeMs, stats.ctimeMs) < RACY_MS) return undefined;
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${stats.dev}`;
}

/**
 * The {@link fingerprint} of the regular file at `path` as it is now; `undefined` when it has none
 * (changed too recently, not a regular file, or not there: reading it will say why).
 */
export function fileFingerprint(path: string, now: number = Date.now()): string | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? fingerprint(stats, now) : undefined;
  } catch {
    return undefined;
  }
}

// node:crypto costs several milliseconds to load: a run without --cache does not pay for it. Looked
// up once: getBuiltinModule costs microseconds a call, a tenth of a --cache run's hashing.
let crypto: typeof import("node:crypto") | undefined;
const hash = (data: string | Uint8Array, encoding: "hex" | "base64"): string => {
  crypto ??= process.getBuiltinModule("node:crypto");
  return crypto.hash("sha256", data, encoding);
};

/**
 * The hash a file's text is known by: of its UTF-8, so that the bytes of a file (which decode to
 * the text losslessly, byte order mark kept) have the same hash as the text.
 */
export function textHash(text: string | Uint8Array): string {
  return hash(text, "base64");
}

/**
 * The key of a file's settings: the same for equal settings, whatever the order of their keys, at
 * every depth (a rule's severity in `rules` and each consumer's fields count).
 */
export function settingsKey(settings: LintOptions): string {
  return JSON.stringify(sortedKeys(settings));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys(value[key]);
  return out;
}

/** The user's cache folder for qatconf, created if needed; `undefined` when it is not safely the user's. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : "");
  if (!base || typeof process.getuid !== "function") return undefined;
  const dir = join(base, "qatconf");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The name of the cache file of runs in `cwd`: one per working directory. */
export function cacheFileName(cwd: string): string {
  return `lint-${hash(cwd, "hex").slice(0, 16)}.json`;
}

/** The default cache file of a run in `cwd`, in the user's cache folder. */
export function defaultCacheFile(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = userCacheFolder(env);
  return dir && join(dir, cacheFileName(cwd));
}

/** The findings of earlier runs, and what this run adds. */
export class LintCache {
  readonly path: string;
  /** Why an existing cache file was not read, for one line on stderr. */
  readonly ignored: string | undefined;
  private readonly identity: string;
  /** The entries line as read, parsed only when an entry is asked for (a replay needs none). */
  private entriesLine: Buffer | undefined;
  private parsed: Record<string, Entry> | undefined;
  private record: RunRecord | undefined;
  private changed = false;

  private constructor(path: string, identity: string, ignored?: string) {
    this.path = path;
    this.identity = identity;
    this.ignored = ignored;
  }

  /**
   * Opens the cache at `path` for a qatconf of this `identity` (version and build). A file that is
   * missing, corrupt, of another identity or not trusted gives an empty cache.
   */
  static open(path: string, identity: string): LintCache {
    const empty = (ignored?: string): LintCache => new LintCache(path, identity, ignored);
    let bytes: Buffer;
    try {
      const trust = untrusted(path);
      if (trust === "missing") return empty();
      if (trust) return empty(trust);
      bytes = readFileSync(path);
    } catch {
      return empty();
    }
    const newline = bytes.indexOf(10);
    let header: unknown;
    try {
      header = JSON.parse(bytes.toString("utf8", 0, newline < 0 ? bytes.length : newline));
    } catch {
      return empty();
    }
    if (!isRecord(header) || header.format !== FORMAT || header.qatconf !== identity || newline < 0) return empty();
    const cache = empty();
    cache.entriesLine = bytes.subarray(newline + 1);
    const run = header.run;
    if (
      isRecord(run) &&
      typeof run.key === "string" &&
      typeof run.entries === "string" &&
      Number.isSafeInteger(run.exit) &&
      typeof run.stdout === "string"
    ) {
      cache.record = run as unknown as RunRecord;
    }
    return cache;
  }

  /**
   * What the last run printed, when its inputs hashed to `key` too and the entries are the ones it
   * left; `undefined` otherwise.
   */
  replay(key: string): Replay | undefined {
    const record = this.record;
    if (record?.key !== key || this.entriesLine === undefined || textHash(this.entriesLine) !== record.entries) {
      return undefined;
    }
    return { stdout: record.stdout, exit: record.exit };
  }

  /**
   * Keeps what this run printed and exited with, for a later run on the same inputs (`key`). A run
   * that gets here did not replay, so the record on file (if any) is not this run's: it is written.
   */
  remember(key: string, stdout: string, exit: number): void {
    this.record = { key, entries: "", exit, stdout };
    this.changed = true;
  }

  /** The entries, parsed on first use; a line that does not parse is an empty cache. */
  private get entries(): Record<string, Entry> {
    if (this.parsed) return this.parsed;
    const entries: Record<string, Entry> = Object.create(null);
    if (this.entriesLine !== undefined) {
      try {
        const json: unknown = JSON.parse(this.entriesLine.toString("utf8"));
        if (isRecord(json)) Object.assign(entries, json);
      } catch {
        // A corrupt line: the entries are lost, the run is only slower.
      }
    }
    this.parsed = entries;
    return entries;
  }

  /** What the cache holds for `file` (an absolute path), if anything usable. */
  probe(file: string): CacheProbe | undefined {
    const entry = this.entries[file];
    if (!isRecord(entry) || typeof entry.s !== "string" || typeof entry.h !== "string") return undefined;
    if (!isDiagnosticList(entry.d)) return undefined;
    const probe: CacheProbe = {
      hash: entry.h,
      settings: entry.s,
      findings: entry.d.length,
      lines: entry.d.map((d) => d.range.start.line),
    };
    if (typeof entry.m === "string") probe.meta = entry.m;
    if (typeof entry.l === "string") probe.shown = entry.l;
    if (typeof entry.g === "string" && isDiagnosticList(entry.x)) probe.set = { key: entry.g, findings: entry.x };
    return probe;
  }

  /** The findings a {@link probe} found. */
  findings(file: string): Diagnostic[] {
    return (this.entries[file] as Entry).d;
  }

  /**
   * Keeps what a run found for a file: its findings (when it was linted, not a hit) and the set
   * rules' findings (when its folder was linted as a set whose key the cache does not hold),
   * under `settings`, the {@link settingsKey} of what it was linted with, the file's
   * {@link fingerprint} when it has one, and what the report shows of its text.
   */
  store(
    file: string,
    settings: string,
    textHash: string,
    diagnostics: readonly Diagnostic[],
    set?: { key: string; findings: readonly Diagnostic[] },
    meta?: string,
    shown?: string,
  ): void {
    const entry: Entry = { h: textHash, s: settings, d: [...diagnostics] };
    if (set) {
      entry.g = set.key;
      entry.x = [...set.findings];
    }
    if (meta !== undefined) entry.m = meta;
    if (shown) entry.l = shown;
    this.entries[file] = entry;
    this.changed = true;
  }

  /**
   * Writes the cache if this run changed it: whole or not at all (a temporary file in the same
   * folder, renamed over it), readable by the user only. A failure costs only the next run's time.
   */
  save(): void {
    if (!this.changed || this.ignored) return;
    let line: string | Buffer;
    if (this.parsed) {
      let entries = this.parsed;
      const keys = Object.keys(entries);
      if (keys.length > MAX_ENTRIES) {
        entries = Object.create(null);
        for (const key of keys.slice(keys.length - MAX_ENTRIES)) entries[key] = this.parsed[key] as Entry;
      }
      line = JSON.stringify(entries);
    } else {
      line = this.entriesLine ?? "{}";
    }
    const header: Record<string, unknown> = { format: FORMAT, qatconf: this.identity };
    if (this.record) header.run = { ...this.record, entries: textHash(line) };
    const first = `${JSON.stringify(header)}\n`;
    replaceFileSync(this.path, typeof line === "string" ? first + line : Buffer.concat([Buffer.from(first), line]));
  }
}

/**
 * Why the cache file at `path` must not be read (`"missing"` when there is none, `undefined` when
 * it may be read): it is not a regular file, not the user's, or others may write to it.
 */
function untrusted(path: string): string | undefined {
  let stat: ReturnType<typeof lstatSync> | undefined;
  try {
    stat = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return "it cannot be examined";
  }
  if (!stat) return "missing";
  if (!stat.isFile()) return "it is not a regular file";
  if (typeof process.getuid === "function" && stat.uid !== process.getuid()) return "it belongs to another user";
  if ((stat.mode & 0o022) !== 0) return "others may write to it";
  // The same checks on what is opened: the path may have been swapped between lstat and open.
  const fd = openSync(path, "r");
  try {
    const opened = fstatSync(fd);
    if (opened.ino !== stat.ino || opened.dev !== stat.dev) return "it changed while it was opened";
  } finally {
    closeSync(fd);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const SEVERITIES = new Set(["error", "warning", "info"]);

function isPosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.offset) &&
    Number.isSafeInteger(value.line) &&
    Number.isSafeInteger(value.column)
  );
}

function isEdit(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.start) &&
    Number.isSafeInteger(value.end) &&
    typeof value.newText === "string"
  );
}

/** Whether a cached value is a list of findings the reporters can render. */
function isDiagnosticList(value: unknown): value is Diagnostic[] {
  return (
    Array.isArray(value) &&
    value.every(
      (d: unknown) =>
        isRecord(d) &&
        typeof d.ruleId === "string" &&
        SEVERITIES.has(d.severity as string) &&
        typeof d.message === "string" &&
        (d.hint === undefined || typeof d.hint === "string") &&
        isRecord(d.range) &&
        isPosition(d.range.start) &&
        isPosition(d.range.end) &&
        (d.fix === undefined ||
          (isRecord(d.fix) &&
            typeof d.fix.description === "string" &&
            Array.isArray(d.fix.edits) &&
            d.fix.edits.every(isEdit))),
    )
  );
}
