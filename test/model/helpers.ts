/** Builds device configurations from text for the model tests. */
import { view } from "../../src/config/view.ts";
import { findFamily } from "../../src/model/devices.ts";
import { deviceConfig } from "../../src/model/instances.ts";
import type { DeviceConfig, DeviceSettings } from "../../src/model/types.ts";
import { parse } from "../../src/syntax/parse.ts";

/** The device configuration of `text` as a file of `family` (`c6xx`, `c6xxvf`, `4xxx`). */
export function configOf(
  text: string,
  family: string,
  fileName = "dev0.conf",
  settings: DeviceSettings = {},
): DeviceConfig {
  const found = findFamily(family);
  if (!found) throw new Error(`unknown family ${family}`);
  return deviceConfig(view(parse(text, { fileName })), found, family.endsWith("vf"), settings);
}

/** A user section with `cy` Cy and `dc` Dc instances, all in the given polling mode. */
export function userSection(name: string, cy: number, dc: number, processes: number, poll = 1, core = "0"): string {
  const lines = [
    `[${name}]`,
    `NumberCyInstances = ${cy}`,
    `NumberDcInstances = ${dc}`,
    `NumProcesses = ${processes}`,
    "LimitDevAccess = 0",
  ];
  for (let i = 0; i < cy; i++)
    lines.push(`Cy${i}Name = "${name}CY${i}"`, `Cy${i}IsPolled = ${poll}`, `Cy${i}CoreAffinity = ${core}`);
  for (let i = 0; i < dc; i++)
    lines.push(`Dc${i}Name = "${name}DC${i}"`, `Dc${i}IsPolled = ${poll}`, `Dc${i}CoreAffinity = ${core}`);
  return `${lines.join("\n")}\n`;
}

/** A kernel section with `cy` Cy and `dc` Dc instances. */
export function kernelSection(cy: number, dc: number, poll = 0, name = "KERNEL"): string {
  const lines = [`[${name}]`, `NumberCyInstances = ${cy}`, `NumberDcInstances = ${dc}`];
  for (let i = 0; i < cy; i++)
    lines.push(`Cy${i}Name = "IPSec${i}"`, `Cy${i}IsPolled = ${poll}`, `Cy${i}CoreAffinity = ${i}`);
  for (let i = 0; i < dc; i++)
    lines.push(`Dc${i}Name = "IPComp${i}"`, `Dc${i}IsPolled = ${poll}`, `Dc${i}CoreAffinity = ${i}`);
  return `${lines.join("\n")}\n`;
}

/** `[GENERAL]` with ServicesEnabled. */
export function general(services: string, extra = ""): string {
  return `[GENERAL]\nServicesEnabled = ${services}\nConfigVersion = 2\n${extra}`;
}
