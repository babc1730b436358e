/**
 * The programs that use a host's QAT configuration ("consumers"): which section each starts its
 * QAT processes on, how many processes it runs, and which services it needs. The defaults are the
 * programs' own, read in their code (commits named in docs/consumers.md):
 *
 * - QAT Engine (OpenSSL engine and provider): section `SHIM` (`e_qat.c` `qat_config_section_name`),
 *   changed by the engine ctrl `SET_CONFIGURATION_SECTION_NAME` or the `QAT_SECTION_NAME`
 *   environment variable (`bind_qat`); one QAT process per OS process (`pthread_atfork`); asym for
 *   RSA/EC/DH, sym for ciphers and the PRF (`qat_remap_instances`).
 * - QATzip: section `SHIM` (`qatzip.c` `g_dev_tag`), `QAT_SECTION_NAME`; dc; falls back to software
 *   without a word when no instance is left (`QZ_SW_BACKUP_DEFAULT 1`).
 * - async-mode nginx: QAT Engine in every worker (no section directive of its own); during a reload
 *   old and new workers hold QAT processes at once: Intel's README asks for NumProcesses of at least
 *   twice `worker_processes`.
 * - HAProxy: QAT Engine (`ssl-engine qatengine`), one process (`nbproc` is gone since 2.5).
 */
import type { InstanceService } from "./types.ts";

/** The programs qatconf knows the defaults of. */
export type ConsumerKind = "qatengine" | "qatzip" | "nginx" | "haproxy";

/** The services a consumer needs: ring services of the device. */
export type ConsumerService = Exclude<InstanceService, "cy">;

/** One program that uses a section of the host's device files. */
export interface Consumer {
  /** How messages name it: `nginx`, `qatzip`, or the user's own name. */
  name: string;
  kind?: ConsumerKind;
  /** The section it starts its QAT processes on. */
  section: string;
  /** How many OS processes use QAT at once in normal running. */
  processes: number;
  services: readonly ConsumerService[];
  /** Whether a reload runs old and new processes together (nginx): twice the processes are needed. */
  reload: boolean;
  /** Where it was found (doctor) or declared, for messages. */
  source?: string;
}

/** What each known program defaults to. */
export const CONSUMER_DEFAULTS: Readonly<
  Record<ConsumerKind, { section: string; services: readonly ConsumerService[]; reload: boolean; title: string }>
> = {
  qatengine: { section: "SHIM", services: ["asym", "sym"], reload: false, title: "QAT Engine" },
  qatzip: { section: "SHIM", services: ["dc"], reload: false, title: "QATzip" },
  nginx: { section: "SHIM", services: ["asym", "sym"], reload: true, title: "async-mode nginx with QAT Engine" },
  haproxy: { section: "SHIM", services: ["asym", "sym"], reload: false, title: "HAProxy with QAT Engine" },
};

const SERVICES: readonly ConsumerService[] = ["asym", "sym", "dc"];

/** QAT processes a consumer holds at the worst moment: twice its processes while it reloads. */
export function processesNeeded(consumer: Consumer): number {
  return consumer.reload ? consumer.processes * 2 : consumer.processes;
}

/** Parses a services list (`asym;sym`, `cy`, `dc`): `cy` is asym and sym. `undefined` when a token is unknown. */
export function parseServices(text: string): ConsumerService[] | undefined {
  const out = new Set<ConsumerService>();
  for (const token of text
    .split(/[;,+]/)
    .map((t) => t.trim())
    .filter((t) => t !== "")) {
    if (token === "cy") {
      out.add("asym").add("sym");
    } else if ((SERVICES as readonly string[]).includes(token)) {
      out.add(token as ConsumerService);
    } else {
      return undefined;
    }
  }
  return [...out];
}

/**
 * Builds a consumer from `NAME:SECTION:PROCESSES[:SERVICES]` (`--consumer nginx:SHIM:16`); a known
 * program's name brings its services and reload behaviour. Returns the reason when malformed.
 */
export function parseConsumer(spec: string): Consumer | string {
  const [name = "", section = "", processes = "", services, ...rest] = spec.split(":");
  if (rest.length > 0 || name === "" || section === "" || !/^\d+$/.test(processes)) {
    return `'${spec}' is not NAME:SECTION:PROCESSES[:SERVICES] (for example nginx:SHIM:16 or ceph:CEPH:8:dc)`;
  }
  return consumerOf({ name, section, processes: Number(processes), ...(services === undefined ? {} : { services }) });
}

/** A consumer from its declared fields (`.qatconf.json` `consumers`), with a known program's defaults. */
export function consumerOf(fields: {
  name: string;
  section?: string;
  processes: number;
  services?: string;
  reload?: boolean;
}): Consumer | string {
  const kind = (Object.keys(CONSUMER_DEFAULTS) as ConsumerKind[]).find((k) => k === fields.name.toLowerCase());
  const defaults = kind ? CONSUMER_DEFAULTS[kind] : undefined;
  const services = fields.services === undefined ? defaults?.services : parseServices(fields.services);
  if (!services) {
    return fields.services === undefined
      ? `consumer '${fields.name}': give its services (asym, sym, dc or cy), e.g. ${fields.name}:SECTION:N:dc`
      : `consumer '${fields.name}': unknown service in '${fields.services}' (asym, sym, dc, cy)`;
  }
  const section = fields.section ?? defaults?.section;
  if (section === undefined) return `consumer '${fields.name}': give the section it uses`;
  return {
    name: fields.name,
    ...(kind ? { kind } : {}),
    section,
    processes: fields.processes,
    services,
    reload: fields.reload ?? defaults?.reload ?? false,
  };
}

/** What one device file offers a consumer's section. */
export interface SectionOffer {
  /** NumProcesses of the section (0 when absent). */
  processes: number;
  /** LimitDevAccess: each process copy is on this device only. */
  limitDevAccess: boolean;
}

/**
 * How many processes a section lets start across a host's devices (Intel's programmer's guide on
 * `LimitDevAccess`): with `LimitDevAccess = 1` each device adds its own NumProcesses slots; with 0 a
 * process takes its slot on every device at once, so the devices offer as many as the smallest.
 */
export function sectionCapacity(offers: readonly SectionOffer[]): number {
  const limited = offers.filter((o) => o.limitDevAccess).reduce((n, o) => n + o.processes, 0);
  const spanning = offers.filter((o) => !o.limitDevAccess).map((o) => o.processes);
  return limited + (spanning.length === 0 ? 0 : Math.min(...spanning));
}

/** The consumer services a ring map serves (`cy` slots serve asym and sym). */
export function servicesOf(map: readonly string[]): Set<ConsumerService> {
  const out = new Set<ConsumerService>();
  for (const slot of map) {
    if (slot === "cy") out.add("asym").add("sym");
    else if (slot === "asym" || slot === "sym" || slot === "dc") out.add(slot);
  }
  return out;
}

/** How messages name a consumer: "nginx (async-mode nginx with QAT Engine, section SHIM)". */
export function describeConsumer(consumer: Consumer): string {
  const title = consumer.kind ? `${CONSUMER_DEFAULTS[consumer.kind].title}, ` : "";
  return `${consumer.name} (${title}section ${consumer.section}${consumer.source ? `, ${consumer.source}` : ""})`;
}
