/**
 * `npm run docs:images`: redraws the README's pictures (docs/images/*.png) with the CLI and Debian's
 * headless Chromium: `explain --format html` of the c6xx sample run by three processes, and
 * `doctor --format html` of the test suite's SR-IOV host with guests, a host-held VF and an unbound
 * one. Needs a built CLI (`npm run build`) and `chromium`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildHost, domainXml, removeHost } from "../test/host/fake-host.ts";
import { healthyHost, PF } from "../test/host/layouts.ts";
import { openFile, startChromium } from "../test/support/chromium.ts";

const ROOT = resolve(import.meta.dirname, "..");
const temp = mkdtempSync(join(tmpdir(), "qatconf-docs-images-"));

// Run in the temporary folder with relative names, so that the pictures show no temporary path.
function qatconf(args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/qatconf.js"), ...args], { encoding: "utf8", cwd: temp });
  if (r.status === 2 || r.stdout === "") throw new Error(`qatconf ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

const conf = join(temp, "c6xx_dev0.conf");
writeFileSync(
  conf,
  readFileSync(join(ROOT, "samples/c6xx_dev0.conf"), "utf8").replace("NumProcesses = 1", "NumProcesses = 3"),
);
writeFileSync(join(temp, "explain.html"), qatconf(["explain", "c6xx_dev0.conf", "--format", "html"]));

const layout = healthyHost();
const vfs = layout.functions.filter((f) => f.physfn === PF);
const [, , hostVf, unbound] = vfs;
if (hostVf) hostVf.driver = "c6xxvf";
if (unbound) delete unbound.driver;
layout.domains = { ...layout.domains, "vm2.xml": domainXml("vm2", ["0000:3d:01.5"]) };
// The fake host's links are relative: the tree can move under a name fit for a picture.
const built = await buildHost(layout);
const root = join(temp, "saved-host");
renameSync(built, root);
writeFileSync(join(temp, "doctor.html"), qatconf(["doctor", "--root", "saved-host", "--format", "html"]));
await removeHost(root);

const browser = await startChromium();
try {
  for (const [page, figure] of [
    ["explain", "svg.bank-map"],
    ["doctor", "svg.host-map"],
  ] as const) {
    const loaded = await openFile(browser, join(temp, `${page}.html`));
    if (loaded.errors.length > 0) throw new Error(`${page}: ${loaded.errors.join("; ")}`);
    await loaded.page.locator(figure).screenshot({ path: join(ROOT, "docs/images", `${page}.png`) });
    process.stdout.write(`docs/images/${page}.png\n`);
  }
} finally {
  await browser.close();
  rmSync(temp, { recursive: true, force: true });
}
