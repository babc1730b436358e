/**
 * `explain --format svg|html` and `doctor --format html` in a real browser (Debian's Chromium,
 * headless): each page loads from its file with no console error and no request for anything
 * outside itself, shows an element for every instance (or VF) the JSON output names, and is
 * screenshotted into artifacts/screenshots/ for people to look at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainJson } from "../../src/cli/explain-map.ts";
import { buildHost, domainXml, removeHost } from "../host/fake-host.ts";
import { healthyHost, PF } from "../host/layouts.ts";
import { chromiumTool, keepScreenshot, openFile, startChromium, type TestBrowser } from "../support/chromium.ts";
import { ROOT, runCli } from "../support/cli.ts";

const temp = mkdtempSync(join(tmpdir(), "qatconf-pictures-"));
let browser: TestBrowser | undefined;

/** The sample PF file with 20 processes: 40 crypto instances for 32 slots, 8 left without rings. */
const OVERFULL = readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8").replace(
  /NumProcesses = 1/,
  "NumProcesses = 20",
);

function explainTo(file: string, format: string, output: string): ExplainJson {
  const picture = runCli(["explain", file, "--format", format]);
  expect(picture.stderr).toBe("");
  writeFileSync(output, picture.stdout);
  return JSON.parse(runCli(["explain", file, "--format", "json"]).stdout) as ExplainJson;
}

function placed(map: ExplainJson) {
  return map.banks.flatMap((b) =>
    b.slots.flatMap((s) => (s.instance ? [{ bank: b.bank, slot: s.slot, ...s.instance }] : [])),
  );
}

describe.skipIf(chromiumTool.reason !== undefined)("pictures in headless Chromium", () => {
  beforeAll(async () => {
    browser = await startChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  const files = [
    { name: "c6xx-pf", path: join(ROOT, "samples/c6xx_dev0.conf") },
    { name: "4xxx-pf", path: join(ROOT, "samples/4xxx_dev0.conf") },
    { name: "c6xx-vf", path: join(ROOT, "samples/sriov-host/c6xxvf_dev0.conf.vm") },
  ];

  for (const format of ["html", "svg"] as const) {
    for (const { name, path } of files) {
      it(`explain --format ${format}: ${name} has an element for every instance`, async () => {
        const out = join(temp, `${name}.${format}`);
        const map = explainTo(path, format, out);
        const { page, errors, requests } = await openFile(browser as TestBrowser, out);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        const instances = placed(map);
        expect(instances.length).toBeGreaterThan(0);
        expect(await page.locator("g.slot.instance").count()).toBe(instances.length);
        for (const i of instances) {
          const selector = `g.slot.instance[data-bank="${i.bank}"][data-slot="${i.slot}"][data-section="${i.section}"][data-label="${i.label}"][data-process="${i.processName}"][data-line="${i.line}"]`;
          expect(await page.locator(selector).count(), selector).toBe(1);
        }
        // Rings no slot takes are drawn, and so is every free slot.
        const free = map.banks.reduce((n, b) => n + b.slots.filter((s) => s.service !== "na" && !s.instance).length, 0);
        if (free > 0) expect(await page.locator("g.slot.free").count()).toBeGreaterThan(0);
        expect(await page.locator("g.legend-item").count()).toBeGreaterThanOrEqual(7);
        expect(await page.locator("g.budget").textContent()).toMatch(/VF budget/);
        await keepScreenshot(page, `explain-${name}-${format}`);
        await page.close();
      });
    }
  }

  it("explain --format html: an overfull file lists every instance left without rings", async () => {
    const file = join(temp, "c6xx_dev0.conf");
    writeFileSync(file, OVERFULL);
    const out = join(temp, "overfull.html");
    const map = explainTo(file, "html", out);
    expect(map.failures.length).toBe(8);
    const { page, errors } = await openFile(browser as TestBrowser, out);
    expect(errors).toEqual([]);
    for (const f of map.failures) {
      const selector = `g.failure[data-section="${f.section}"][data-label="${f.label}"][data-process="${f.processName}"][data-line="${f.line}"]`;
      expect(await page.locator(selector).count(), selector).toBe(1);
    }
    expect(await page.locator("table.failures tbody tr").count()).toBe(8);
    expect(await page.locator("text.verdict").textContent()).toMatch(/Does not fit: 8 instances/);
    await keepScreenshot(page, "explain-c6xx-overfull-html");
    await page.close();
  });

  it("doctor --format html: every PF and VF, and who holds each", async () => {
    const layout = healthyHost();
    // One VF the host's driver holds, one without a driver, one in a second guest.
    const vfs = layout.functions.filter((f) => f.physfn === PF);
    const [, , hostVf, unbound] = vfs;
    if (!hostVf || !unbound) throw new Error("layout changed");
    hostVf.driver = "c6xxvf";
    delete unbound.driver;
    layout.domains = { ...layout.domains, "vm2.xml": domainXml("vm2", ["0000:3d:01.5"]) };
    const root = await buildHost(layout);
    try {
      const r = runCli(["doctor", "--root", root, "--format", "html"]);
      expect(r.stderr).toBe("");
      const out = join(temp, "doctor.html");
      writeFileSync(out, r.stdout);
      const { page, errors, requests } = await openFile(browser as TestBrowser, out);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator(`g.pf[data-address="${PF}"]`).count()).toBe(1);
      expect(await page.locator("g.vf").count()).toBe(vfs.length);
      const holder = (address: string) => page.locator(`g.vf[data-address="${address}"]`).getAttribute("data-holder");
      expect(await holder("0000:3d:01.0")).toBe("guest");
      expect(await page.locator('g.vf[data-address="0000:3d:01.0"]').getAttribute("data-who")).toBe("vm1");
      expect(await holder(hostVf.address)).toBe("host");
      expect(await holder(unbound.address)).toBe("none");
      expect(await holder("0000:3d:01.5")).toBe("guest");
      expect(await holder("0000:3d:01.7")).toBe("free");
      const findings = JSON.parse(runCli(["doctor", "--root", root, "--format", "json"]).stdout) as Array<{
        diagnostics: unknown[];
      }>;
      const total = findings.reduce((n, g) => n + g.diagnostics.length, 0);
      expect(await page.locator("table.findings tbody tr").count()).toBe(total);
      await keepScreenshot(page, "doctor-host-html");
      await page.close();
    } finally {
      await removeHost(root);
    }
  });
});
