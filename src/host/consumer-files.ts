/**
 * The programs on a host that use QAT through its configuration files, found in their own
 * configuration: async-mode nginx (`nginx.conf`: an `ssl_engine` block using the QAT engine,
 * `worker_processes`, `env QAT_SECTION_NAME=...`; QATzip through `qatzip_*` directives) and HAProxy
 * (`haproxy.cfg`: `ssl-engine qatengine`, `setenv QAT_SECTION_NAME`), with the section name a
 * systemd unit or an environment file sets (`Environment=QAT_SECTION_NAME=...`). Only reads texts.
 */
import { type Consumer, type ConsumerKind, consumerOf } from "../model/consumers.ts";
import type { HostConfigFile } from "./types.ts";

/** Where doctor looks for the programs' configuration, under `--root`. */
export const CONSUMER_PATHS: readonly string[] = [
  "/etc/nginx/nginx.conf",
  "/usr/local/nginx/conf/nginx.conf",
  "/etc/haproxy/haproxy.cfg",
  "/etc/default/nginx",
  "/etc/default/haproxy",
  "/etc/sysconfig/nginx",
  "/etc/sysconfig/haproxy",
  "/etc/systemd/system/nginx.service",
  "/etc/systemd/system/haproxy.service",
  "/etc/systemd/system/nginx.service.d/override.conf",
  "/etc/systemd/system/haproxy.service.d/override.conf",
];

/** One directive of nginx.conf, with its line and the blocks it sits in. */
interface Directive {
  name: string;
  args: string[];
  line: number;
  /** Names of the enclosing blocks, outermost first. */
  blocks: string[];
}

/** nginx.conf's directives: words up to `;`, blocks in `{ }`, `#` comments (quoted words kept whole). */
export function nginxDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  const blocks: string[] = [];
  let words: string[] = [];
  let line = 1;
  let start = 1;
  const tokens = /#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};#"']+|\n/g;
  for (const [token] of text.matchAll(tokens)) {
    if (token === "\n") {
      line++;
      continue;
    }
    if (token.startsWith("#")) continue;
    if (words.length === 0) start = line;
    if (token === ";" || token === "{") {
      const [name, ...args] = words;
      if (name !== undefined) out.push({ name, args, line: start, blocks: [...blocks] });
      if (token === "{") blocks.push(name ?? "");
      words = [];
    } else if (token === "}") {
      blocks.pop();
      words = [];
    } else {
      words.push(token.replace(/^["']|["']$/g, ""));
    }
  }
  return out;
}

/** `QAT_SECTION_NAME=value` in `KEY=value` texts: systemd `Environment=` lines and environment files. */
export function sectionFromEnvironment(text: string): { section: string; line: number } | undefined {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /(?:^|[\s"'=])QAT_SECTION_NAME=([^\s"']+)/.exec(lines[i]?.replace(/^\s*#.*$/, "") ?? "");
    if (m?.[1]) return { section: m[1], line: i + 1 };
  }
  return undefined;
}

/** The consumers one nginx.conf declares: QAT Engine in its workers, QATzip if its directives are used. */
export function nginxConsumers(file: HostConfigFile, cpus: number | undefined, section?: string): Consumer[] {
  const directives = nginxDirectives(file.text);
  const engine = directives.find(
    (d) => d.name === "use_engine" && d.blocks.includes("ssl_engine") && d.args.some((a) => a.includes("qat")),
  );
  const zip = directives.find((d) => d.name.startsWith("qatzip_"));
  if (!engine && !zip) return [];
  const workers = directives.find((d) => d.name === "worker_processes" && d.blocks.length === 0);
  const value = workers?.args[0] ?? "1";
  const processes = value === "auto" ? cpus : Number.parseInt(value, 10);
  if (processes === undefined || !Number.isSafeInteger(processes) || processes < 1) return [];
  const env = directives.find(
    (d) => d.name === "env" && d.blocks.length === 0 && d.args[0]?.startsWith("QAT_SECTION_NAME="),
  );
  const name = env?.args[0]?.slice("QAT_SECTION_NAME=".length) ?? section;
  const where = `${file.path}:${workers?.line ?? (engine ?? zip)?.line ?? 1}`;
  const workerNote = value === "auto" ? `worker_processes auto (${processes} CPUs)` : `worker_processes ${processes}`;
  const out: Consumer[] = [];
  if (engine) out.push(found("nginx", name, processes, `${where}, ${workerNote}`));
  if (zip)
    out.push({
      ...found("qatzip", name, processes, `${file.path}:${zip.line}, QATzip in ${processes} nginx workers`),
      reload: true,
    });
  return out;
}

/** The consumer one haproxy.cfg declares: QAT Engine in its one process. */
export function haproxyConsumers(file: HostConfigFile, section?: string): Consumer[] {
  const lines = file.text.split("\n");
  let engineLine = 0;
  let name = section;
  lines.forEach((raw, i) => {
    const words = raw.replace(/#.*$/, "").trim().split(/\s+/);
    if (words[0] === "ssl-engine" && words[1]?.includes("qat")) engineLine = i + 1;
    if ((words[0] === "setenv" || words[0] === "presetenv") && words[1] === "QAT_SECTION_NAME" && words[2])
      name = words[2];
  });
  return engineLine === 0 ? [] : [found("haproxy", name, 1, `${file.path}:${engineLine}`)];
}

function found(kind: ConsumerKind, section: string | undefined, processes: number, source: string): Consumer {
  const consumer = consumerOf({ name: kind, processes, ...(section === undefined ? {} : { section }) });
  // A known kind always has defaults: consumerOf cannot refuse it.
  return { ...(consumer as Consumer), source };
}

/**
 * Every consumer the programs' files declare. A section set in a program's systemd unit or
 * environment file applies to it unless its own configuration sets one.
 */
export function hostConsumers(files: readonly HostConfigFile[], cpus: number | undefined): Consumer[] {
  const env = (program: string): string | undefined => {
    for (const f of files) {
      if (!f.path.includes(program) || (/\.(conf|cfg)$/.test(f.path) && !f.path.includes("systemd"))) continue;
      const set = sectionFromEnvironment(f.text);
      if (set) return set.section;
    }
    return undefined;
  };
  return files.flatMap((f) => {
    if (f.path.endsWith("nginx.conf")) return nginxConsumers(f, cpus, env("nginx"));
    if (f.path.endsWith("haproxy.cfg")) return haproxyConsumers(f, env("haproxy"));
    return [];
  });
}
