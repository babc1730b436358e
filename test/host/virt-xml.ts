/**
 * libvirt's own schema check: `virt-xml-validate` (Debian libvirt-clients) over a whole <domain>,
 * the root element it knows, holding the hostdevs under test. It calls xmllint (libxml2-utils).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTool } from "../support/tools.ts";

/** The validator's path, or why it is missing (outside CI: the test skips with that reason). */
export function virtXmlValidate(): { path?: string; reason?: string } {
  const xmllint = ensureTool("xmllint", "libxml2-utils");
  if (!xmllint.path) return xmllint;
  return ensureTool("virt-xml-validate", "libvirt-clients");
}

/** A minimal KVM domain holding these device elements. */
export function domainWith(name: string, devices: readonly string[]): string {
  return [
    "<domain type='kvm'>",
    `  <name>${name}</name>`,
    "  <memory unit='MiB'>2048</memory>",
    "  <os><type arch='x86_64'>hvm</type></os>",
    "  <devices>",
    ...devices.map((d) => d.trimEnd()),
    "  </devices>",
    "</domain>",
    "",
  ].join("\n");
}

/** Runs the validator on a domain document; returns its exit status and output. */
export function validateDomain(validator: string, xml: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "qatconf-virt-xml-"));
  try {
    const file = join(dir, "domain.xml");
    writeFileSync(file, xml);
    const r = spawnSync(validator, [file, "domain"], { encoding: "utf8" });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
