/**
 * The ring-to-service maps: which service each of the 4 slots of a bank serves, for each
 * ServicesEnabled value the driver knows. Slot order is the driver's (`ADF_CFG_SERV_RING_PAIR_<n>_SHIFT`).
 *
 * QAT 1.6-1.8 (dh895xcc, c6xx, c3xxx, 200xx, d15xx, c4xxx): FreeBSD
 * `sys/dev/qat/qat_common/adf_cfg_device.c` `adf_profiles[]` (`ADF_CFG_CY_RINGS`, `ADF_CFG_CY_DC_RINGS`, ...).
 * QAT 2.0 (4xxx family): FreeBSD `sys/dev/qat/qat_hw/qat_4xxx/adf_4xxx_hw_data.c` `adf_4xxx_svcs[]`
 * (`ADF_4XXX_ASYM_SYM` is asym, sym, asym, sym). QAT 1.5 packs rings differently and is not mapped.
 */
import type { Generation, SlotService } from "./types.ts";

type Map4 = readonly [SlotService, SlotService, SlotService, SlotService];

const CY: Map4 = ["cy", "cy", "cy", "cy"];
const SYM: Map4 = ["sym", "sym", "sym", "sym"];
const ASYM: Map4 = ["asym", "asym", "asym", "asym"];
const DC: Map4 = ["dc", "dc", "dc", "dc"];
const CY_DC: Map4 = ["cy", "cy", "na", "dc"];
const ASYM_DC: Map4 = ["asym", "asym", "dc", "dc"];
const SYM_DC: Map4 = ["sym", "sym", "dc", "dc"];
const ASYM_SYM: Map4 = ["asym", "sym", "asym", "sym"];
/** `inline` alone: the driver maps no ring to a service (`{ "inline", 0, 0, 0 }`). */
const NONE: Map4 = ["na", "na", "na", "na"];

// Every profile of adf_profiles[] maps a value to the same rings; which profile accepts which value
// is the services-enabled rule's business, not the allocator's.
const GEN2 = new Map<string, Map4>([
  ["cy", CY],
  ["asym;sym", CY],
  ["sym;asym", CY],
  ["dc", DC],
  ["sym", SYM],
  ["asym", ASYM],
  ["cy;dc", CY_DC],
  ["dc;cy", CY_DC],
  ["asym;dc", ASYM_DC],
  ["dc;asym", ASYM_DC],
  ["sym;dc", SYM_DC],
  ["dc;sym", SYM_DC],
  // Inline IPsec (c4xxx only, which the services-enabled rule enforces): the rings of the other
  // services, as that driver's adf_profiles[] writes them; `inline;asym` does map to SYM rings there.
  ["inline", NONE],
  ["inline;sym", SYM],
  ["sym;inline", SYM],
  ["inline;asym", SYM],
  ["asym;inline", ASYM],
  ["inline;cy", CY],
  ["cy;inline", CY],
  ["dc;inline", DC],
  ["inline;dc", DC],
  ["cy;dc;inline", CY_DC],
  ["cy;inline;dc", CY_DC],
  ["dc;inline;cy", CY_DC],
  ["dc;cy;inline", CY_DC],
  ["inline;cy;dc", CY_DC],
  ["inline;dc;cy", CY_DC],
]);

const GEN4 = new Map<string, Map4>([
  ["dc", DC],
  ["sym", SYM],
  ["asym", ASYM],
  ["dc;asym", ASYM_DC],
  ["asym;dc", ASYM_DC],
  ["sym;dc", SYM_DC],
  ["dc;sym", SYM_DC],
  ["asym;sym", ASYM_SYM],
  ["sym;asym", ASYM_SYM],
  ["cy", ASYM_SYM],
]);

/**
 * The ring-to-service map a ServicesEnabled value selects on a generation, or `undefined` when the
 * driver has none (QAT 1.5, or a value the driver refuses).
 */
export function ringMap(generation: Generation, servicesEnabled: string): readonly SlotService[] | undefined {
  // Not modelled: QAT 1.5's driver, and the 6xxx's, which is the kernel's alone.
  if (generation === "1.5" || generation === "GEN6") return undefined;
  return (generation === "2.0" ? GEN4 : GEN2).get(servicesEnabled);
}

/**
 * The value the driver's ring map defaults to before a file is loaded (`ADF_GEN2_DEFAULT_RING_TO_SRV_MAP`
 * is cy;dc, `ADF_4XXX_DEFAULT_RING_TO_SRV_MAP` asym;sym). A file without ServicesEnabled does not get
 * it: adf_cfg_device_init fails reading the key, which the services-enabled rule reports.
 */
export function defaultServicesEnabled(generation: Generation): string {
  if (generation === "2.0") return "asym;sym";
  // QAT 1.5's driver and the 6xxx's are not modelled: no default is claimed for them.
  if (generation === "1.5" || generation === "GEN6") return "";
  return "cy;dc";
}

/** The services a map enables, in the order the driver creates instances (CRYPTO, COMP, SYM, ASYM). */
export function enabledServices(map: readonly SlotService[]): ("cy" | "dc" | "sym" | "asym")[] {
  return (["cy", "dc", "sym", "asym"] as const).filter((s) => map.includes(s));
}
