/**
 * `qatconf explain --format html`: the bank map picture and, under it, the same facts as tables
 * (every instance with its bank, slot and rings, then the ones left without rings), in one
 * self-contained file.
 */
import type { ExplainJson } from "../cli/explain-map.ts";
import { plural } from "../text/plural.ts";
import { bankMapSvg, type VfBudget } from "./bank-map-svg.ts";
import { htmlPage, htmlTable } from "./html-page.ts";
import { element, text } from "./markup.ts";

const code = (s: string): string => element("code", {}, [text(s)]);

/** The map of one file as a standalone HTML page. */
export function bankMapHtml(map: ExplainJson, budget?: VfBudget): string {
  const rows: string[][] = [];
  for (const bank of map.banks) {
    for (const s of bank.slots) {
      const i = s.instance;
      if (!i) continue;
      rows.push([
        code(i.section),
        code(i.label),
        text(i.name ?? ""),
        code(i.processName),
        text(String(bank.bank)),
        text(`${s.slot} (${s.service})`),
        text(s.rings.join(", ")),
        text(String(i.line)),
      ]);
    }
  }
  const failures = map.failures.map((f) => [
    code(f.section),
    code(f.label),
    code(f.processName),
    text(String(f.line)),
    element("span", { class: "error" }, [text(f.reason)]),
  ]);
  const d = map.device;
  const body = [
    element("h1", {}, [text(`Bank map of ${map.filePath}`)]),
    element("p", { class: "meta" }, [
      text(`${d.family} ${d.vf ? "VF" : "PF"} (${d.name}), ServicesEnabled ${map.servicesEnabled}. `),
      element("span", { class: !map.modelled || map.fits ? "ok" : "error" }, [
        text(
          !map.modelled
            ? `Not simulated: ${map.note ?? ""}`
            : map.fits
              ? "Every instance has rings."
              : `${plural(map.failures.length, "instance")} without rings.`,
        ),
      ]),
    ]),
    element("div", { class: "figure" }, [bankMapSvg(map, budget)]),
    element("h2", {}, [text("Instances and their rings")]),
    rows.length === 0
      ? element("p", {}, [text("No instance got rings.")])
      : htmlTable(
          ["section", "instance", "name", "process", "bank", "slot", "rings", "line"].map(text),
          rows,
          "instances",
        ),
    ...(failures.length === 0
      ? []
      : [
          element("h2", { class: "error" }, [text("Without rings (the driver stops at the first)")]),
          htmlTable(["section", "instance", "process", "line", "driver's message"].map(text), failures, "failures"),
        ]),
  ];
  return htmlPage(`qatconf explain: ${map.filePath}`, body);
}
