/**
 * qatconf against the driver's own verdicts: every file of ../shared/driver-verdicts goes through
 * `lint` and through what `explain` shows (the allocator on the same device model), and must agree
 * with what the named driver package's code made of it: whether the device is configured, the first
 * error the driver logged (quoted in a lint error when it fails), and every ring request in the
 * driver's order with its bank and rings.
 */
import { describe, expect, it } from "vitest";
import { view } from "../../src/config/view.ts";
import { lint } from "../../src/lint/lint.ts";
import { allocate } from "../../src/model/allocator.ts";
import { deviceSettings, resolveDevice } from "../../src/model/device-options.ts";
import { deviceConfig } from "../../src/model/instances.ts";
import type { AllocationResult } from "../../src/model/types.ts";
import { parse } from "../../src/syntax/parse.ts";
import { type VerdictCase, verdictCases, verdictSuite, verdictsAvailable } from "../support/verdicts.ts";

/** A ring request as both sides can state it. */
function driverRequests(c: VerdictCase): string[] {
  return c.verdict.instances.map((i) =>
    i.ok
      ? `${i.process} ${i.name} ${i.service} bank ${i.bank} rings ${i.rings?.join(",")}`
      : `${i.process} ${i.name} ${i.service} none`,
  );
}

function qatconfRequests(result: AllocationResult): string[] {
  const upTo = result.stop ? result.stop.step : result.steps.length;
  return result.steps.slice(0, upTo).map((s) => {
    const head = `${s.instance.processName} ${s.instance.name ?? s.instance.label} ${s.instance.service}`;
    return s.bank === undefined ? `${head} none` : `${head} bank ${s.bank} rings ${s.rings?.join(",")}`;
  });
}

function model(c: VerdictCase) {
  const options = {
    fileName: c.fileName,
    driver: c.driver,
    ...(c.verdict.pfServicesEnabled === undefined ? {} : { pfServicesEnabled: c.verdict.pfServicesEnabled }),
  };
  const errors = lint(c.text, options).diagnostics.filter((d) => d.severity === "error");
  const { family, isVf } = resolveDevice(options);
  if (!family) throw new Error(`${c.id}: no device family for ${c.fileName}`);
  const config = deviceConfig(view(parse(c.text, { fileName: c.fileName })), family, isVf, deviceSettings(options));
  return { errors, config, result: allocate(config) };
}

const cases = verdictCases();

describe.skipIf(!verdictsAvailable)(verdictSuite("qatconf agrees with the driver packages' own verdicts"), () => {
  it("reads every verdict (624 files in three packages)", () => {
    expect(cases.length).toBe(624);
    expect(new Set(cases.map((c) => c.driver))).toEqual(
      new Set(["QAT.L.4.24.0-00005", "QAT1.7.L.4.8.0-00005", "QAT20.L.1.1.50-00003"]),
    );
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { errors, config, result } = model(c);
    expect(config.driver?.id, "the package modelled").toBe(c.driver);
    const firstError = c.verdict.messages.find((m) => m.level === "err")?.text;
    const driverLog = c.verdict.messages.filter((m) => m.level === "err").map((m) => m.text);
    // The allocator's stop is the driver's log, word for word.
    expect(result.stop?.log ?? [], "the driver's err messages").toEqual(driverLog);
    // Every ring request in the driver's order, with its bank and rings, up to where it stopped.
    expect(qatconfRequests(result), "ring requests").toEqual(driverRequests(c));
    // lint: clean when the device is configured; otherwise an error quotes the driver's first message.
    if (c.verdict.ok) {
      expect(
        errors.map((d) => `${d.ruleId}: ${d.message}`),
        "lint errors on a file the driver configures",
      ).toEqual([]);
    } else {
      expect(errors.length, "lint errors on a file the driver refuses").toBeGreaterThan(0);
      if (firstError && !firstError.startsWith("Failed to")) {
        expect(
          errors.some((d) => d.message.includes(firstError)),
          `a lint error quotes "${firstError}"; got:\n${errors.map((d) => `  ${d.ruleId}: ${d.message}`).join("\n")}`,
        ).toBe(true);
      }
    }
  });
});
