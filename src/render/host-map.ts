/**
 * `qatconf doctor --format html`: a host's QAT devices as a picture. One card per PF (its driver,
 * NUMA node, IOMMU group, VFs enabled of total, the file adf_ctl reads for it) with a tile per VF
 * saying who holds it: the host's VF driver, vfio-pci with no guest yet, a libvirt guest, no driver,
 * or another driver; a tile is marked when doctor found an error or warning about the function.
 * Under the picture, every finding with its id and page. One self-contained file, as `explain`'s.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { findHostCheck } from "../host/doctor.ts";
import { type Inventory, label } from "../host/inventory.ts";
import type { HostDiagnostic, QatFunction } from "../host/types.ts";
import { checkDocUrl, ruleDocUrl } from "../reporters/rule-docs.ts";
import { htmlPage, htmlTable } from "./html-page.ts";
import { clip, element, svgDocument, text } from "./markup.ts";

/** Who holds a function, as the picture tells them apart. */
type Role = "host" | "free" | "guest" | "none" | "other" | "conflict";

const ROLE_STYLE: Readonly<Record<Role, { fill: string; stroke: string; legend: string }>> = {
  host: { fill: "#cfe3f2", stroke: "#0072b2", legend: "host: the QAT VF driver holds it" },
  free: { fill: "#c9eee2", stroke: "#009e73", legend: "vfio-pci, in no guest: free to assign" },
  guest: { fill: "#f4dcea", stroke: "#cc79a7", legend: "in a libvirt guest" },
  none: { fill: "#eeeeee", stroke: "#999999", legend: "no driver bound" },
  other: { fill: "#fbe8c0", stroke: "#e69f00", legend: "another driver" },
  conflict: { fill: "#f8d0d6", stroke: "#b00020", legend: "held by the host and named by a guest" },
};

const WIDTH = 920;
const PAD = 16;
const TILE_W = 104;
const TILE_H = 46;
const TILE_GAP = 4;
const PER_ROW = 8;

interface Holding {
  role: Role;
  /** What the tile says: the driver or the guests' names. */
  who: string;
}

function holding(inventory: Inventory, q: QatFunction): Holding {
  const guests = [...new Set(inventory.guestsOf(q.pci.address).map((g) => g.guest))];
  const holder = inventory.holder(q);
  if (guests.length > 0) {
    return { role: holder === "host" ? "conflict" : "guest", who: guests.join(", ") };
  }
  if (holder === "vfio") {
    const driver = q.pci.driver ?? "vfio-pci";
    // qatlib's VFs sit on vfio too, but are the host's: vf-plan does not give them away either.
    return inventory.usedByQatlib(q) ? { role: "host", who: `qatlib (${driver})` } : { role: "free", who: driver };
  }
  if (holder === "host") return { role: "host", who: q.pci.driver ?? "" };
  if (holder === "none") return { role: "none", who: "no driver" };
  return { role: "other", who: q.pci.driver ?? "" };
}

/** The worst severity among findings about the function (its sysfs folder). */
function worst(
  findings: ReadonlyMap<string, readonly HostDiagnostic[]>,
  q: QatFunction,
): Diagnostic["severity"] | undefined {
  const list = findings.get(q.pci.sysfsPath) ?? [];
  if (list.some((d) => d.severity === "error")) return "error";
  if (list.some((d) => d.severity === "warning")) return "warning";
  return undefined;
}

const MARK: Record<string, string> = { error: "#b00020", warning: "#e69f00" };

function vfTile(
  inventory: Inventory,
  findings: ReadonlyMap<string, readonly HostDiagnostic[]>,
  vf: QatFunction,
  x: number,
  y: number,
): string {
  const h = holding(inventory, vf);
  const style = ROLE_STYLE[h.role];
  const severity = worst(findings, vf);
  const short = vf.pci.address.replace(/^[0-9a-f]{4}:/, "");
  const title = `${label(vf)}: ${style.legend}${h.who ? ` (${h.who})` : ""}${vf.pci.iommuGroup === undefined ? "" : `, IOMMU group ${vf.pci.iommuGroup}`}${severity ? `; doctor: ${severity}` : ""}`;
  const maxChars = Math.floor((TILE_W - 10) / 6.1);
  return element(
    "g",
    { class: `vf ${h.role}`, "data-address": vf.pci.address, "data-holder": h.role, "data-who": h.who },
    [
      element("title", {}, [text(title)]),
      element("rect", {
        x,
        y,
        width: TILE_W,
        height: TILE_H,
        rx: 4,
        fill: style.fill,
        stroke: severity ? MARK[severity] : style.stroke,
        "stroke-width": severity ? 2.5 : 1.2,
      }),
      element("text", { x: x + 6, y: y + 15, "font-size": 10, "font-weight": "bold", fill: "#111" }, [text(short)]),
      element("text", { x: x + 6, y: y + 30, "font-size": 10, fill: "#222" }, [text(clip(h.who, maxChars))]),
      ...(severity
        ? [
            element("circle", {
              cx: x + TILE_W - 9,
              cy: y + 9,
              r: 4.5,
              fill: MARK[severity],
              class: `mark ${severity}`,
            }),
          ]
        : []),
    ],
  );
}

function pfLines(inventory: Inventory, pf: QatFunction): string[] {
  const p = pf.pci;
  const sriov =
    p.sriovTotalVfs === undefined ? "no SR-IOV capability" : `VFs ${p.sriovNumVfs ?? 0} of ${p.sriovTotalVfs} enabled`;
  const where = [
    `NUMA node ${p.numaNode < 0 ? "?" : p.numaNode}`,
    p.iommuGroup === undefined ? "no IOMMU group" : `IOMMU group ${p.iommuGroup}`,
  ];
  const config = inventory.expectedConfig(pf);
  const file = config
    ? `${config.path}${config.file ? "" : " (missing)"}`
    : p.inTreeQatSysfs
      ? "in-tree driver: sysfs qat/, no /etc file"
      : "no configuration file (not held by the QAT driver)";
  return [`driver ${p.driver ?? "none"} · ${sriov} · ${where.join(" · ")}`, `reads ${file}`];
}

function pfCard(
  inventory: Inventory,
  findings: ReadonlyMap<string, readonly HostDiagnostic[]>,
  pf: QatFunction | undefined,
  vfs: readonly QatFunction[],
  y: number,
): { svg: string; height: number } {
  const rows = Math.max(1, Math.ceil(vfs.length / PER_ROW));
  const height = 60 + rows * (TILE_H + TILE_GAP) + 6;
  const severity = pf ? worst(findings, pf) : undefined;
  const heading = pf ? `${label(pf)} (${pf.family.name})` : "VFs without a PF on this host (a guest's view)";
  const lines = pf ? pfLines(inventory, pf) : ["their PF is on the hypervisor"];
  const parts = [
    element("rect", {
      x: PAD,
      y,
      width: WIDTH - 2 * PAD,
      height,
      rx: 6,
      fill: "#f7f7f7",
      stroke: severity ? MARK[severity] : "#bbb",
      "stroke-width": severity ? 2 : 1,
    }),
    element("text", { x: PAD + 8, y: y + 17, "font-size": 12.5, "font-weight": "bold", fill: "#111" }, [text(heading)]),
    ...lines.map((l, n) =>
      element("text", { x: PAD + 8, y: y + 33 + n * 13, "font-size": 10, fill: "#333" }, [text(clip(l, 140))]),
    ),
  ];
  if (vfs.length === 0) {
    parts.push(
      element("text", { x: PAD + 8, y: y + 74, "font-size": 10, fill: "#666" }, [
        text("no VFs enabled (sriov_numvfs is 0)"),
      ]),
    );
  }
  vfs.forEach((vf, n) => {
    const x = PAD + 8 + (n % PER_ROW) * (TILE_W + TILE_GAP);
    const ty = y + 58 + Math.floor(n / PER_ROW) * (TILE_H + TILE_GAP);
    parts.push(vfTile(inventory, findings, vf, x, ty));
  });
  const attributes = pf ? { class: "pf", "data-address": pf.pci.address } : { class: "orphans" };
  return { svg: element("g", attributes, parts), height };
}

function legend(y: number): { svg: string; height: number } {
  const roles = Object.keys(ROLE_STYLE) as Role[];
  const colWidth = (WIDTH - 2 * PAD) / 3;
  const items = [
    ...roles.map((r) => ({ fill: ROLE_STYLE[r].fill, stroke: ROLE_STYLE[r].stroke, text: ROLE_STYLE[r].legend })),
    { fill: "#fff", stroke: MARK.error as string, text: "red border and dot: doctor found an error" },
    { fill: "#fff", stroke: MARK.warning as string, text: "orange border and dot: a warning" },
  ];
  const parts = items.map((item, n) => {
    const x = PAD + (n % 3) * colWidth;
    const iy = y + Math.floor(n / 3) * 18;
    return element("g", { class: "legend-item" }, [
      element("rect", {
        x,
        y: iy,
        width: 14,
        height: 12,
        rx: 2,
        fill: item.fill,
        stroke: item.stroke,
        "stroke-width": 1.5,
      }),
      element("text", { x: x + 20, y: iy + 10, "font-size": 10, fill: "#222" }, [text(item.text)]),
    ]);
  });
  return { svg: element("g", { class: "legend" }, parts), height: Math.ceil(items.length / 3) * 18 };
}

/** The host's PFs and VFs as an SVG document. */
export function hostMapSvg(inventory: Inventory, diagnostics: readonly HostDiagnostic[]): string {
  const findings = new Map<string, HostDiagnostic[]>();
  for (const d of diagnostics) {
    const list = findings.get(d.path);
    if (list) list.push(d);
    else findings.set(d.path, [d]);
  }
  const parts: string[] = [];
  let y = PAD + 16;
  const root = inventory.host.root;
  const title = `QAT devices on ${root === "/" ? "this host" : root}`;
  parts.push(
    element("text", { x: PAD, y, "font-size": 15, "font-weight": "bold", fill: "#222" }, [text(clip(title, 80))]),
  );
  y += 18;
  const iommu = inventory.iommuActive ? "IOMMU on" : "IOMMU off";
  const summary = `${inventory.pfs.length} PF(s), ${inventory.vfs.length} VF(s), ${iommu}${inventory.isGuest ? ", this is a guest" : ""}`;
  parts.push(element("text", { x: PAD, y, "font-size": 11, fill: "#333" }, [text(summary)]));
  y += 12;
  const leg = legend(y);
  parts.push(leg.svg);
  y += leg.height + 8;
  const placed = new Set<string>();
  for (const pf of inventory.pfs) {
    const vfs = inventory.vfs.filter((vf) => inventory.pfOf(vf) === pf);
    for (const vf of vfs) placed.add(vf.pci.address);
    const card = pfCard(inventory, findings, pf, vfs, y);
    parts.push(card.svg);
    y += card.height + 10;
  }
  const orphans = inventory.vfs.filter((vf) => !placed.has(vf.pci.address));
  if (orphans.length > 0) {
    const card = pfCard(inventory, findings, undefined, orphans, y);
    parts.push(card.svg);
    y += card.height + 10;
  }
  if (inventory.qat.length === 0) {
    parts.push(
      element("text", { x: PAD, y: y + 14, "font-size": 12, fill: "#b00020" }, [text("No QAT device found.")]),
    );
    y += 24;
  }
  const height = Math.ceil(y + PAD);
  return svgDocument({ width: WIDTH, height, cls: "host-map", title }, parts);
}

function docUrl(id: string): string {
  return findHostCheck(id) ? checkDocUrl(id) : ruleDocUrl(id);
}

/** `doctor --format html`: the host picture and every finding, as one self-contained page. */
export function hostMapHtml(inventory: Inventory, diagnostics: readonly HostDiagnostic[]): string {
  const row = (d: HostDiagnostic): string[] => [
    element("span", { class: d.severity }, [text(d.severity)]),
    element("a", { href: docUrl(d.ruleId) }, [element("code", {}, [text(d.ruleId)])]),
    element("code", {}, [text(d.path)]),
    text(d.message) + (d.hint === undefined ? "" : `<br><small>hint: ${text(d.hint)}</small>`),
  ];
  const head = ["severity", "id", "where", "finding"].map(text);
  const problems = diagnostics
    .filter((d) => d.severity !== "info")
    .sort((a, b) => (a.severity === "error" ? -1 : 0) - (b.severity === "error" ? -1 : 0));
  const notes = diagnostics.filter((d) => d.severity === "info");
  const count = (s: Diagnostic["severity"]): number => diagnostics.filter((d) => d.severity === s).length;
  const body = [
    element("h1", {}, [text("qatconf doctor")]),
    element("p", { class: "meta" }, [
      text(`${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s).`),
    ]),
    element("div", { class: "figure" }, [hostMapSvg(inventory, diagnostics)]),
    element("h2", {}, [text("Findings")]),
    problems.length === 0
      ? element("p", { class: "ok" }, [text("No errors or warnings.")])
      : htmlTable(head, problems.map(row), "findings"),
    // The inventory notes are many and rarely what one looks for: folded, as `doctor --quiet` drops them.
    ...(notes.length === 0
      ? []
      : [
          element("details", {}, [
            element("summary", {}, [text(`${notes.length} note(s): what doctor found on the host`)]),
            htmlTable(head, notes.map(row), "findings"),
          ]),
        ]),
  ];
  return htmlPage("qatconf doctor", body);
}
