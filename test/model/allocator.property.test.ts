import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { view } from "../../src/config/view.ts";
import { allocate } from "../../src/model/allocator.ts";
import { allFamilies } from "../../src/model/devices.ts";
import { deviceConfig } from "../../src/model/instances.ts";
import type {
  AllocationFailure,
  AllocationResult,
  BankUsage,
  DeviceConfig,
  DeviceFamily,
  InstanceRequest,
} from "../../src/model/types.ts";
import { parse } from "../../src/syntax/parse.ts";
import { anyString, configDocument } from "../support/arbitraries.ts";
import { instanceDocument } from "./instance-arbitrary.ts";

const family = fc.constantFrom(...allFamilies());
const text = fc.oneof(
  instanceDocument,
  configDocument.map((d) => d.text),
  anyString,
);

function model(source: string, f: DeviceFamily, isVf: boolean): { config: DeviceConfig; result: AllocationResult } {
  const config = deviceConfig(view(parse(source, { fileName: `${f.id}_dev1.conf` })), f, isVf);
  return { config, result: allocate(config) };
}

const POLL = 1;
const EPOLL = 2;

/** Checks what the driver guarantees about a placement; throws on the first violation. */
function checkInvariants(config: DeviceConfig, result: AllocationResult): void {
  const placed = new Set<InstanceRequest>();
  for (const bank of result.banks) checkBank(bank, result.firstUserBank, placed);
  const failed = new Set(result.failures.map((f) => f.instance));
  const readable = config.instances.filter((i) => i.poll >= 0);
  // Every instance with a readable IsPolled is placed or failed, never both.
  expect(placed.size + failed.size).toBe(readable.length);
  for (const i of readable) expect(placed.has(i) !== failed.has(i)).toBe(true);
  expect(result.fits).toBe(result.failures.length === 0);
  for (const f of result.failures) checkFailure(f, result);
}

/** One slot per instance, of its service; one polling mode per bank; interrupt banks owned by one process. */
function checkBank(bank: BankUsage, firstUserBank: number, placed: Set<InstanceRequest>): void {
  const modes = new Set<number>();
  for (const slot of bank.slots) {
    const inst = slot.instance;
    if (!inst) continue;
    expect(placed.has(inst)).toBe(false);
    placed.add(inst);
    expect(slot.service).toBe(inst.service);
    expect(bank.type).toBe(inst.kernel ? "kernel" : "user");
    modes.add(inst.poll);
    const interrupt = inst.poll === EPOLL || (inst.kernel && inst.poll !== POLL);
    if (interrupt) expect(inst.processName).toBe(bank.owner);
    if (!inst.kernel && inst.poll === POLL) expect(bank.bank).toBeGreaterThanOrEqual(firstUserBank);
  }
  expect(modes.size).toBeLessThanOrEqual(1);
  if (modes.size === 1) expect(bank.mode).toBe([...modes][0]);
}

/** A user poll instance fails only when no bank it may use has a slot of its service left. */
function checkFailure(f: AllocationFailure, result: AllocationResult): void {
  if (f.code !== "no-free-slot" || f.instance.kernel || f.instance.poll !== POLL) return;
  for (const bank of result.banks.slice(result.firstUserBank)) {
    const open = bank.slots.some((s) => !s.instance && s.service === f.instance.service);
    if (open) expect(bank.type !== "free" && bank.mode !== POLL).toBe(true);
  }
}

describe("the device model on any input", () => {
  it("deviceConfig and allocate never throw, for every family, PF and VF", () => {
    fc.assert(
      fc.property(text, family, fc.boolean(), (source, f, isVf) => {
        model(source, f, isVf);
      }),
    );
  });

  it("places instances as the driver does: one slot each, matching service, one mode per bank, owners, kernel first", () => {
    fc.assert(
      fc.property(instanceDocument, family, fc.boolean(), (source, f, isVf) => {
        const { config, result } = model(source, f, isVf);
        if (!result.modelled) {
          expect(result.fits).toBe(true);
          return;
        }
        expect(result.banks).toHaveLength(config.layout?.banks ?? 0);
        checkInvariants(config, result);
      }),
    );
  });
});

/** A file's sections as blocks of lines (GENERAL first), for reordering. */
function sectionBlocks(source: string): string[] {
  return source.split(/\n(?=\[)/);
}

describe("the driver's section order", () => {
  it("does not depend on the order of sections in the file: adf_ctl hands them over sorted by name", () => {
    fc.assert(
      fc.property(
        instanceDocument,
        family,
        fc.boolean(),
        fc.array(fc.double({ noNaN: true }), { minLength: 8, maxLength: 8 }),
        (source, f, isVf, keys) => {
          const blocks = sectionBlocks(source);
          const names = blocks.map((b) => b.slice(0, b.indexOf("\n") < 0 ? b.length : b.indexOf("\n")));
          // Same-named sections merge first-key-wins, in file order: only distinct names may move.
          fc.pre(new Set(names).size === names.length);
          const order = blocks.map((_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
          const shuffled = order.map((i) => blocks[i]).join("\n");
          const steps = (text: string) => {
            const { result } = model(text.endsWith("\n") ? text : `${text}\n`, f, isVf);
            const at = (s: AllocationResult["steps"][number]) =>
              `${s.instance.processName} ${s.instance.label} ${s.instance.service} ${s.bank ?? "-"} ${s.rings?.join(",") ?? ""}`;
            return { steps: result.steps.map(at), stop: result.stop?.log };
          };
          expect(steps(shuffled)).toEqual(steps(source));
        },
      ),
    );
  });
});
