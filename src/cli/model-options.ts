/**
 * `--driver` and `--pf-services`, the device model's settings, declared once for every command that
 * models a device (lint, explain, the editors, vf-config, vf-plan), with the help text that lists the
 * packages and what differs between them.
 */
import { type Command, InvalidArgumentError } from "commander";
import { allFamilies } from "../model/devices.ts";
import { allPackages, findPackage, packageNames } from "../model/packages.ts";
import { closest, didYouMean } from "../text/suggest.ts";

/** The values of the two options, as commander hands them over. */
export interface ModelCommandOptions {
  driver?: string;
  pfServices?: string;
}

/** Why a package name is refused, with the closest names: for `--driver` and `.qatconf.json`. */
export function unknownDriver(name: string): string {
  const hint = didYouMean(closest(name, packageNames()));
  return `unknown driver package '${name}'${hint ? `: ${hint}` : ""} (known: ${allPackages()
    .map((p) => `${p.id} (${p.short[0]})`)
    .join(", ")})`;
}

/** ServicesEnabled values a QAT 1.x PF accepts: what `--pf-services` may say. */
const PF_SERVICES: ReadonlySet<string> = new Set(
  allFamilies()
    .filter((f) => f.generation === "1.6" || f.generation === "1.7" || f.generation === "1.8")
    .flatMap((f) => f.servicesEnabled),
);

/** Why a PF ServicesEnabled value is refused, or `undefined` when a QAT 1.x PF accepts it. */
export function badPfServices(value: string): string | undefined {
  if (PF_SERVICES.has(value)) return undefined;
  const hint = didYouMean(closest(value, [...PF_SERVICES]));
  return `'${value}' is not a ServicesEnabled value a QAT 1.x PF accepts${hint ? `: ${hint}` : ""} (accepted: ${[...PF_SERVICES].join(", ")})`;
}

function driverOption(value: string): string {
  if (!findPackage(value)) throw new InvalidArgumentError(unknownDriver(value));
  return value;
}

function pfServicesOption(value: string): string {
  const bad = badPfServices(value);
  if (bad) throw new InvalidArgumentError(bad);
  return value;
}

/** One line per package: its names and what it does differently. */
export function driverHelp(): string {
  const lines = allPackages().map(
    (p) =>
      `  ${p.id} (${p.short.join(", ")}): ${p.generations.includes("2.0") ? "QAT 2.0" : "QAT 1.x"}, ${packageTraits(p)}`,
  );
  return `\nDriver packages (--driver, or "driver" in .qatconf.json; default: the newest for the file's generation):\n${lines.join("\n")}\n`;
}

function packageTraits(p: ReturnType<typeof allPackages>[number]): string {
  const traits = [
    p.honoursServicesProfile ? "ServicesProfile selects the accepted ServicesEnabled" : "one ServicesEnabled table",
  ];
  if (p.spreadsLoneCryptoSection) traits.push("spreads a lone single-process crypto section over free banks");
  if (p.refusesUnenabledService) traits.push("refuses instances of a service ServicesEnabled does not name");
  if (p.sharing === "qat20") traits.push("no bank shared while one is free, [KERNEL_QAT] is a user section");
  return traits.join("; ");
}

/** Adds `--driver` and, for QAT 1.x VF files, `--pf-services`, with the package list in the help. */
export function addModelOptions(command: Command): Command {
  return command
    .option("--driver <package>", "driver package to model (QAT.L.4.24.0-00005 or 4.24, ...; see below)", driverOption)
    .option(
      "--pf-services <value>",
      "a QAT 1.x VF's PF ServicesEnabled: the VF gets the PF's ring map (default: the PF file among the files, else cy;dc)",
      pfServicesOption,
    )
    .addHelpText("after", driverHelp());
}
