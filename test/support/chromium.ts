/**
 * Debian's Chromium, headless, for tests of qatconf's pictures: a page is loaded from a file, its
 * console errors, page errors and network requests are recorded, and screenshots are kept under
 * `artifacts/screenshots/` (gitignored) for people to look at; nothing compares them pixel by pixel.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "./cli.ts";
import { ensureTool } from "./tools.ts";

/** Where screenshots are kept (gitignored). */
export const SCREENSHOTS = join(ROOT, "artifacts", "screenshots");

/** Chromium's path, or why there is none (see {@link ensureTool}). */
export const chromiumTool = ensureTool("chromium", "chromium");

// The flags of a quiet, isolated run: no GPU, no sandbox (tests run as root), nothing fetched
// in the background, and a fresh profile in a temporary folder (playwright's userDataDir).
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser with a fresh profile; `close` removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Debian's Chromium with a fresh profile. */
export async function startChromium(): Promise<TestBrowser> {
  if (!chromiumTool.path) throw new Error(chromiumTool.reason);
  const profile = mkdtempSync(join(tmpdir(), "qatconf-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumTool.path,
    headless: true,
    args: FLAGS,
    viewport: { width: 960, height: 800 },
    offline: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did while it loaded. */
export interface LoadedPage {
  page: Page;
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
  /** Every URL the page asked for, other than the file itself. */
  requests: string[];
}

/** Opens `file` (an absolute path) in a new page and waits until it has loaded. */
export async function openFile(browser: TestBrowser, file: string): Promise<LoadedPage> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const url = `file://${file}`;
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors, requests };
}

/** Saves a full-page screenshot as `artifacts/screenshots/<name>.png` and returns its path. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // A bare SVG document has no scrolling page to measure (a full-page shot of one never ends):
  // the viewport is set to the picture's own size instead.
  // (A string: the project's type check has no DOM library.)
  const svgSize = (await page.evaluate(
    `(() => { const r = document.documentElement; return r.tagName === "svg" ? { width: Number(r.getAttribute("width")), height: Number(r.getAttribute("height")) } : null; })()`,
  )) as { width: number; height: number } | null;
  if (svgSize) {
    await page.setViewportSize({ width: Math.ceil(svgSize.width), height: Math.ceil(svgSize.height) });
    await page.screenshot({ path });
  } else await page.screenshot({ path, fullPage: true });
  return path;
}
