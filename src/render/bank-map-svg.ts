/**
 * The ring allocator's map as a picture (`qatconf explain --format svg`): one card per bank with its
 * rings (coloured by the service of the slot that takes them, hatched where no slot does: the driver
 * leaves them unused) and its slots (each instance labelled with its section, process and line, or
 * "free"), a legend, the slots used per service, the VF budget, and the instances left without rings.
 *
 * Fed by the same data as `explain --format json`, so the picture can never say something the table
 * does not. Plain SVG 1.1 with no script, font or link outside the file: it renders the same offline,
 * in a browser, an image viewer or a Markdown preview.
 */
import type { BankJson, ExplainJson, InstanceJson } from "../cli/explain-map.ts";
import type { DeviceFamily, SlotService } from "../model/types.ts";
import { plural } from "../text/plural.ts";
import { clip, element, svgDocument, text } from "./markup.ts";

/** The rings a VF of the device has, and how many VFs its PF exposes: what a guest's file must fit. */
export interface VfBudget {
  /** Whether the file configures the VF itself (its map is the budget) or the PF that exposes VFs. */
  role: "pf" | "vf";
  banks: number;
  ringsPerBank: number;
  /** `sriov_totalvfs` of the PF, when the device model knows it. */
  maxVfs?: number;
}

/** The VF budget of a family, or `undefined` when it has no VFs. */
export function vfBudget(family: DeviceFamily, isVf: boolean): VfBudget | undefined {
  if (!family.vf) return undefined;
  return {
    role: isVf ? "vf" : "pf",
    banks: family.vf.banks,
    ringsPerBank: family.vf.ringsPerBank,
    ...(family.maxVfs === undefined ? {} : { maxVfs: family.maxVfs }),
  };
}

/** Colours per slot service (Okabe-Ito, told apart with the common colour-vision deficiencies). */
export const SERVICE_COLOURS: Readonly<Record<Exclude<SlotService, "na">, { strong: string; tint: string }>> = {
  cy: { strong: "#0072b2", tint: "#cfe3f2" },
  asym: { strong: "#cc79a7", tint: "#f4dcea" },
  sym: { strong: "#009e73", tint: "#c9eee2" },
  dc: { strong: "#e69f00", tint: "#fbe8c0" },
};

const SERVICE_NAMES: Readonly<Record<Exclude<SlotService, "na">, string>> = {
  cy: "cy: crypto (asym + sym pair)",
  asym: "asym: asymmetric crypto",
  sym: "sym: symmetric crypto",
  dc: "dc: compression",
};

const WIDTH = 920;
const PAD = 16;
const GAP = 8;
/** Width of one character of the monospace font at 10px, for clipping labels to their box. */
const CHAR = 6.1;
const CARD_HEAD = 18;
const STRIP = 16;
const SLOT_H = 50;
const CARD_H = CARD_HEAD + STRIP + 6 + SLOT_H + 8;

const MODES: Record<number, string> = { 0: "interrupt", 1: "poll", 2: "epoll" };

/** Consecutive banks drawn as one card: a used bank alone, or a run of free banks with the same slots. */
interface Card {
  first: BankJson;
  last: BankJson;
  count: number;
}

function signature(bank: BankJson): string {
  return bank.slots.map((s) => `${s.service}:${s.rings.join(",")}`).join("|");
}

function cards(banks: readonly BankJson[], ringsPerBank: number): Card[] {
  const out: Card[] = [];
  for (const bank of banks) {
    const prev = out[out.length - 1];
    // Small banks (QAT 2.0: one ring pair) stay one card each: the grid shows them compactly.
    if (
      prev &&
      ringsPerBank >= 8 &&
      bank.type === "free" &&
      prev.last.type === "free" &&
      signature(prev.last) === signature(bank)
    ) {
      prev.last = bank;
      prev.count++;
    } else out.push({ first: bank, last: bank, count: 1 });
  }
  return out;
}

function instanceTitle(i: InstanceJson): string {
  const name = i.name === undefined ? "" : ` "${i.name}"`;
  const kind = i.kernel ? "kernel instance" : `process ${i.processName}`;
  return `[${i.section}] ${i.label}${name}, ${kind}, ${MODES[i.poll] ?? `IsPolled ${i.poll}`}, line ${i.line}`;
}

function bankTitle(card: Card): string {
  const b = card.first;
  if (card.count > 1) return `Banks ${b.bank}–${card.last.bank} · free (${card.count} banks)`;
  const parts = [`Bank ${b.bank}`];
  if (b.type === "free") parts.push("free");
  else {
    parts.push(b.type);
    if (b.mode !== undefined) parts.push(MODES[b.mode] ?? `IsPolled ${b.mode}`);
    if (b.owner !== undefined) parts.push(`owner ${b.owner}`);
    if (b.core !== undefined) parts.push(`core ${b.core}`);
  }
  parts.push(`${b.used}/${b.total}`);
  return parts.join(" · ");
}

/** What one ring shows: the service of the slot that takes it and whether an instance sits there. */
interface RingState {
  state: "used" | "free" | "unusable";
  fill: string;
  label: string;
}

function ringState(r: number, ringsPerBank: number, slot: BankJson["slots"][number] | undefined): RingState {
  const side = r < ringsPerBank / 2 ? "tx" : "rx";
  if (!slot || slot.service === "na") {
    return {
      state: "unusable",
      fill: "url(#unusable)",
      label: `ring ${r} (${side}): unusable, no slot of the ring map takes it`,
    };
  }
  const colour = SERVICE_COLOURS[slot.service];
  const used = slot.instance !== undefined;
  const state = used ? "used" : "free";
  return { state, fill: used ? colour.strong : colour.tint, label: `ring ${r} (${side}): ${slot.service}, ${state}` };
}

/** The ring strip: every ring of the bank, coloured by the slot that takes it; hatched when none does. */
function ringStrip(bank: BankJson, ringsPerBank: number, x: number, y: number, width: number): string {
  const owner = new Map<number, BankJson["slots"][number]>();
  for (const s of bank.slots) for (const r of s.rings) owner.set(r, s);
  const cell = width / ringsPerBank;
  const parts: string[] = [];
  for (let r = 0; r < ringsPerBank; r++) {
    const cx = x + r * cell;
    const ring = ringState(r, ringsPerBank, owner.get(r));
    const number =
      cell < 14
        ? []
        : [
            element(
              "text",
              {
                x: cx + (cell - 1) / 2,
                y: y + 11.5,
                "text-anchor": "middle",
                "font-size": 8,
                fill: ring.state === "used" ? "#fff" : "#333",
              },
              [String(r)],
            ),
          ];
    parts.push(
      element("g", { class: `ring ${ring.state}`, "data-ring": r }, [
        element("title", {}, [text(ring.label)]),
        element("rect", {
          x: cx,
          y,
          width: cell - 1,
          height: STRIP,
          fill: ring.fill,
          stroke: "#777",
          "stroke-width": 0.5,
        }),
        ...number,
      ]),
    );
  }
  // Transmit rings are the first half, receive rings the second.
  const mid = x + (ringsPerBank / 2) * cell - 0.5;
  parts.push(element("line", { x1: mid, y1: y - 2, x2: mid, y2: y + STRIP + 2, stroke: "#222", "stroke-width": 1.2 }));
  return parts.join("");
}

function slotBoxes(card: Card, x: number, y: number, width: number): string {
  const slots = card.first.slots.map((s, index) => ({ ...s, index })).filter((s) => s.service !== "na");
  if (slots.length === 0) {
    return element("text", { x: x + 4, y: y + 20, "font-size": 10, fill: "#555" }, [
      text("no usable slots under this ring map"),
    ]);
  }
  const w = width / slots.length;
  const maxChars = Math.max(4, Math.floor((w - 10) / CHAR));
  return slots
    .map((s, n) => {
      const sx = x + n * w;
      const colour = SERVICE_COLOURS[s.service as Exclude<SlotService, "na">];
      const i = s.instance;
      const box = {
        x: sx + 1,
        y,
        width: w - 3,
        height: SLOT_H,
        rx: 4,
        fill: i ? colour.tint : "#fff",
        stroke: colour.strong,
        "stroke-width": i ? 1.5 : 1,
        "stroke-dasharray": i ? undefined : "4 3",
      };
      const rings = `rings ${s.rings.join(",")}`;
      const lines = i
        ? [
            `${i.section} ${i.label}${i.name === undefined ? "" : ` "${i.name}"`}`,
            i.processName,
            `line ${i.line} · ${rings}`,
          ]
        : [card.count > 1 ? `free ×${card.count}` : "free", s.service, rings];
      const title = i
        ? `${instanceTitle(i)}: bank ${card.first.bank}, slot ${s.index} (${s.service}), ${rings}`
        : `free ${s.service} slot ${s.index}${card.count > 1 ? ` in each of banks ${card.first.bank}–${card.last.bank}` : ` of bank ${card.first.bank}`}, ${rings}`;
      const attributes = i
        ? {
            class: `slot instance${i.kernel ? " kernel" : ""}`,
            "data-bank": card.first.bank,
            "data-slot": s.index,
            "data-service": s.service,
            "data-section": i.section,
            "data-label": i.label,
            "data-process": i.processName,
            "data-line": i.line,
          }
        : { class: "slot free", "data-bank": card.first.bank, "data-slot": s.index, "data-service": s.service };
      return element("g", attributes, [
        element("title", {}, [text(title)]),
        element("rect", box),
        ...lines.map((line, k) =>
          element(
            "text",
            {
              x: sx + 6,
              y: y + 14 + k * 14,
              "font-size": 10,
              "font-weight": k === 0 && i ? "bold" : undefined,
              fill: i ? "#111" : "#666",
            },
            [text(clip(line, maxChars))],
          ),
        ),
      ]);
    })
    .join("");
}

function bankCard(card: Card, ringsPerBank: number, x: number, y: number, width: number): string {
  const b = card.first;
  const inner = width - 12;
  const fill = b.type === "kernel" ? "#eef0f7" : b.type === "user" ? "#f7f7f7" : "#fcfcfc";
  const cls = card.count > 1 ? "bank free-run" : `bank ${b.type}`;
  return element("g", { class: cls, "data-bank": b.bank, "data-banks": card.count }, [
    element("rect", { x, y, width, height: CARD_H, rx: 6, fill, stroke: "#bbb" }),
    element("text", { x: x + 6, y: y + 13, "font-size": 10.5, "font-weight": "bold", fill: "#222" }, [
      text(clip(bankTitle(card), Math.floor(inner / CHAR))),
    ]),
    ringStrip(b, ringsPerBank, x + 6, y + CARD_HEAD, inner),
    slotBoxes(card, x + 6, y + CARD_HEAD + STRIP + 6, inner),
  ]);
}

function legend(x: number, y: number): { svg: string; height: number } {
  const items: Array<{ swatch: Record<string, string | number>; label: string }> = [
    ...(Object.keys(SERVICE_COLOURS) as Array<Exclude<SlotService, "na">>).map((s) => ({
      swatch: { fill: SERVICE_COLOURS[s].strong },
      label: SERVICE_NAMES[s],
    })),
    { swatch: { fill: "#fff", stroke: "#555", "stroke-dasharray": "3 2" }, label: "free slot (light ring)" },
    { swatch: { fill: "url(#unusable)", stroke: "#777" }, label: "unusable ring: no slot takes it" },
    { swatch: { fill: "#eef0f7", stroke: "#bbb" }, label: "kernel bank" },
  ];
  const colWidth = (WIDTH - 2 * PAD) / 4;
  const parts = items.map((item, n) => {
    const ix = x + (n % 4) * colWidth;
    const iy = y + Math.floor(n / 4) * 18;
    return element("g", { class: "legend-item" }, [
      element("rect", { x: ix, y: iy, width: 14, height: 12, rx: 2, ...item.swatch }),
      element("text", { x: ix + 20, y: iy + 10, "font-size": 10, fill: "#222" }, [text(item.label)]),
    ]);
  });
  return { svg: element("g", { class: "legend" }, parts), height: Math.ceil(items.length / 4) * 18 };
}

/** The lines of the budget panel: slots used per service, and what a VF of this device holds. */
function budgetLines(map: ExplainJson, budget: VfBudget | undefined): string[] {
  const used = Object.entries(map.slots).map(([service, c]) => `${service} ${c.used} of ${c.total}`);
  const lines = [`Slots used: ${used.join(", ") || "none"}`];
  if (budget) {
    const vf = `${plural(budget.banks, "bank")} of ${budget.ringsPerBank} rings`;
    if (budget.role === "vf") lines.push(`VF budget: this VF has ${vf}; the file must fit in it`);
    else {
      const count = budget.maxVfs === undefined ? "VFs" : `up to ${budget.maxVfs} VFs`;
      const sriov = map.sriovEnabled ? "SR-IOV is enabled" : "SR-IOV is off (SRIOV_Enabled)";
      lines.push(`VF budget: the PF exposes ${count}, each with ${vf}; ${sriov}`);
    }
  } else lines.push("VF budget: this device has no virtual functions");
  return lines;
}

function failureList(map: ExplainJson, x: number, y: number): { svg: string; height: number } {
  if (map.failures.length === 0) return { svg: "", height: 0 };
  const maxChars = Math.floor((WIDTH - 2 * PAD - 10) / CHAR);
  const head = element("text", { x, y: y + 12, "font-size": 12, "font-weight": "bold", fill: "#b00020" }, [
    text(`Without rings: ${plural(map.failures.length, "instance")} (the driver stops at the first)`),
  ]);
  const rows = map.failures.map((f, n) =>
    element(
      "g",
      {
        class: "failure",
        "data-section": f.section,
        "data-label": f.label,
        "data-process": f.processName,
        "data-line": f.line,
      },
      [
        element("title", {}, [text(`${instanceTitle(f)}: ${f.reason}`)]),
        element("rect", { x, y: y + 20 + n * 16, width: 10, height: 10, fill: "#b00020" }),
        element("text", { x: x + 16, y: y + 29 + n * 16, "font-size": 10, fill: "#222" }, [
          text(clip(`line ${f.line}: [${f.section}] ${f.label} in ${f.processName}: ${f.reason}`, maxChars)),
        ]),
      ],
    ),
  );
  return { svg: element("g", { class: "failures" }, [head, ...rows]), height: 24 + map.failures.length * 16 };
}

/**
 * The map of one file as a standalone SVG document.
 *
 * @param map what `explain --format json` prints for the file
 * @param budget the device's VF budget ({@link vfBudget}), when it has VFs
 */
export function bankMapSvg(map: ExplainJson, budget?: VfBudget): string {
  const d = map.device;
  const parts: string[] = [];
  let y = PAD;
  const line = (content: string, size: number, extra: Record<string, string | number> = {}): void => {
    y += size + 4;
    parts.push(element("text", { x: PAD, y, "font-size": size, fill: "#222", ...extra }, [text(content)]));
  };
  line(clip(map.filePath, 70), 15, { "font-weight": "bold", class: "file" });
  const layout = d.banks === undefined ? "" : `, ${plural(d.banks, "bank")} of ${d.ringsPerBank} rings`;
  line(`${d.family} ${d.vf ? "VF" : "PF"} (${d.name})${layout}, ServicesEnabled ${map.servicesEnabled}`, 11);
  const verdict = !map.modelled
    ? `Not simulated: ${map.note ?? "unsupported configuration"}`
    : map.fits
      ? "Fits: every instance has rings"
      : `Does not fit: ${plural(map.failures.length, "instance")} without rings`;
  line(verdict, 12, {
    "font-weight": "bold",
    fill: map.modelled && !map.fits ? "#b00020" : "#1b5e20",
    class: "verdict",
  });
  y += 10;
  const leg = legend(PAD, y);
  parts.push(leg.svg);
  y += leg.height + 6;
  const budgetParts = budgetLines(map, budget).map((content, n) =>
    element("text", { x: PAD + 8, y: y + 15 + n * 15, "font-size": 11, fill: "#222" }, [text(content)]),
  );
  const budgetHeight = 12 + budgetParts.length * 15;
  parts.push(
    element("g", { class: "budget" }, [
      element("rect", {
        x: PAD,
        y,
        width: WIDTH - 2 * PAD,
        height: budgetHeight,
        rx: 4,
        fill: "#f3f6fa",
        stroke: "#c8d3e0",
      }),
      ...budgetParts,
    ]),
  );
  y += budgetHeight + 10;

  if (map.modelled && d.ringsPerBank !== undefined) {
    const ringsPerBank = d.ringsPerBank;
    const all = cards(map.banks, ringsPerBank);
    const inner = WIDTH - 2 * PAD;
    const cols = ringsPerBank >= 8 ? 1 : Math.max(1, Math.floor((inner + GAP) / (170 + GAP)));
    const cardW = (inner - (cols - 1) * GAP) / cols;
    all.forEach((card, n) => {
      const cx = PAD + (n % cols) * (cardW + GAP);
      const cy = y + Math.floor(n / cols) * (CARD_H + GAP);
      parts.push(bankCard(card, ringsPerBank, cx, cy, cardW));
    });
    y += Math.ceil(all.length / cols) * (CARD_H + GAP) + 4;
  }
  const failures = failureList(map, PAD, y);
  parts.push(failures.svg);
  y += failures.height + PAD;

  const height = Math.ceil(y);
  const defs = element("defs", {}, [
    element(
      "pattern",
      { id: "unusable", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      [
        element("rect", { width: 6, height: 6, fill: "#e4e4e4" }),
        element("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#9a9a9a", "stroke-width": 2 }),
      ],
    ),
  ]);
  return svgDocument({ width: WIDTH, height, cls: "bank-map", title: `qatconf explain: ${map.filePath}`, defs }, parts);
}
