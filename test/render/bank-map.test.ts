/**
 * The pictures' markup without a browser: escaping (any text from a file stays text), one element
 * per placed instance and per failure, whatever the file says, and the budget panel's facts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainJson } from "../../src/cli/explain-map.ts";
import { view } from "../../src/config/view.ts";
import { allocate } from "../../src/model/allocator.ts";
import { familyForFileName } from "../../src/model/devices.ts";
import { deviceConfig } from "../../src/model/instances.ts";
import { bankMapHtml } from "../../src/render/bank-map-html.ts";
import { bankMapSvg, vfBudget } from "../../src/render/bank-map-svg.ts";
import { escapeXml } from "../../src/render/markup.ts";
import { parse } from "../../src/syntax/parse.ts";
import { anyString, configDocument } from "../support/arbitraries.ts";
import { ROOT } from "../support/cli.ts";

function mapOf(text: string, fileName: string) {
  const device = familyForFileName(fileName);
  if (!device) throw new Error(`no device for ${fileName}`);
  const config = deviceConfig(view(parse(text, { fileName })), device.family, device.isVf);
  const map = explainJson(fileName, config, allocate(config));
  return { map, budget: vfBudget(device.family, device.isVf) };
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;
const SAMPLE = readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8");

describe("escapeXml", () => {
  it("leaves no markup character and no character XML forbids", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = escapeXml(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        expect(out).not.toMatch(/[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/u);
      }),
    );
  });
});

describe("bankMapSvg", () => {
  it("draws one element per placed instance and one per failure, for any file", () => {
    fc.assert(
      fc.property(configDocument, (doc) => {
        const { map, budget } = mapOf(doc.text, "c6xx_dev0.conf");
        const svg = bankMapSvg(map, budget);
        const placed = map.banks.reduce((n, b) => n + b.slots.filter((s) => s.instance).length, 0);
        expect(count(svg, 'class="slot instance')).toBe(placed);
        expect(count(svg, 'class="failure"')).toBe(map.failures.length);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a section name that looks like markup as text", () => {
    const text = SAMPLE.replace(/^\[SSL\]/m, "[SS<script>&L]");
    const { map, budget } = mapOf(text, "c6xx_dev0.conf");
    const html = bankMapHtml(map, budget);
    expect(html).not.toContain("<script");
    expect(html).toContain("SS&lt;script&gt;&amp;L Cy0");
    expect(html).toContain("Content-Security-Policy");
  });

  it("shows the slots of an overfull file, and which instances have none", () => {
    const { map, budget } = mapOf(SAMPLE.replace("NumProcesses = 1", "NumProcesses = 20"), "c6xx_dev0.conf");
    const svg = bankMapSvg(map, budget);
    expect(map.failures).toHaveLength(8);
    expect(svg).toContain("Does not fit: 8 instances without rings");
    expect(svg).toContain("Slots used: cy 32 of 32, dc 20 of 32");
    // c6xx with cy;dc leaves rings 4, 5, 12 and 13 of every bank to no slot.
    expect(count(svg, 'class="ring unusable"')).toBe(16 * 4);
  });

  it("states the VF budget of a PF and of a VF", () => {
    const pf = mapOf(SAMPLE, "c6xx_dev0.conf");
    expect(bankMapSvg(pf.map, pf.budget)).toContain(
      "VF budget: the PF exposes up to 16 VFs, each with 1 bank of 16 rings; SR-IOV is off",
    );
    const vfText = readFileSync(join(ROOT, "samples/sriov-host/c6xxvf_dev0.conf.vm"), "utf8");
    const vf = mapOf(vfText, "c6xxvf_dev0.conf.vm");
    expect(bankMapSvg(vf.map, vf.budget)).toContain("VF budget: this VF has 1 bank of 16 rings");
  });

  it("says why a configuration is not simulated", () => {
    const { map } = mapOf("[GENERAL]\nServicesEnabled = cy0;cy1\n", "dh89xxcc_dev0.conf");
    const svg = bankMapSvg(map);
    expect(svg).toContain("Not simulated: QAT 1.5");
    expect(count(svg, 'class="bank ')).toBe(0);
  });
});
