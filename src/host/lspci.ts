/**
 * Reads saved `lspci -vvvnn` output: for each function, its IDs, the bound driver and the PCI
 * Express Max_Payload_Size it supports (DevCap) and is set to (DevCtl). That is what the MPS check
 * compares between a QAT PF and the bridge above it.
 *
 * Both layouts of pciutils are read: older releases begin `DevCtl:` with `Report errors:`, current
 * ones with `CorrErr-`; in both the MaxPayload of DevCtl is on a continuation line below the label.
 */
import { normalizePciAddress } from "./pci-address.ts";
import { linesWithOffsets } from "./text-range.ts";

/** One function of the output. */
export interface LspciFunction {
  /** `0000:3d:00.0` (lspci omits the domain when it is the only one). */
  address: string;
  vendor: string;
  device: string;
  /** 1-based line of the function's header line. */
  line: number;
  /** `Kernel driver in use`. */
  driver?: string;
  /** Max_Payload_Size the function supports, in bytes (`DevCap: MaxPayload 256 bytes`). */
  mpsSupported?: number;
  /** Max_Payload_Size it is set to, in bytes (`DevCtl: ... MaxPayload 128 bytes`). */
  mpsSet?: number;
  /** 1-based line of the DevCtl MaxPayload, for findings. */
  mpsSetLine?: number;
}

const HEADER = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s.*\[([0-9a-f]{4}):([0-9a-f]{4})\]/i;
const LABEL = /^\s+([A-Za-z][\w ]*?):(?:\s|$)/;
const MAX_PAYLOAD = /MaxPayload (\d+) bytes/;

/** Parses `lspci -vvvnn` (or `-vvvnnD`) text; functions it cannot read are skipped. */
export function parseLspci(text: string): Map<string, LspciFunction> {
  const out = new Map<string, LspciFunction>();
  let current: LspciFunction | undefined;
  let label = "";
  for (const [index, { text: line }] of linesWithOffsets(text).entries()) {
    const header = HEADER.exec(line);
    if (header) {
      const address = normalizePciAddress(header[1] ?? "");
      current =
        address === undefined
          ? undefined
          : { address, vendor: lower(header[2]), device: lower(header[3]), line: index + 1 };
      if (current) out.set(current.address, current);
      label = "";
      continue;
    }
    if (!current) continue;
    const labelled = LABEL.exec(line);
    if (labelled) label = labelled[1] ?? "";
    if (labelled && label === "Kernel driver in use") current.driver = line.slice(line.indexOf(":") + 1).trim();
    else readMaxPayload(current, label, line, index + 1);
  }
  return out;
}

/** MaxPayload on the DevCap line itself, or on a continuation line of DevCtl. */
function readMaxPayload(fn: LspciFunction, label: string, line: string, lineNumber: number): void {
  const mps = MAX_PAYLOAD.exec(line);
  if (!mps) return;
  const bytes = Number(mps[1]);
  if (label === "DevCap" && fn.mpsSupported === undefined) fn.mpsSupported = bytes;
  else if (label === "DevCtl" && fn.mpsSet === undefined) {
    fn.mpsSet = bytes;
    fn.mpsSetLine = lineNumber;
  }
}

function lower(s: string | undefined): string {
  return (s ?? "").toLowerCase();
}
