import type { Rule } from "../lint/types.ts";
import { documentServices, kernelRefusal, rangeIn, servicesGeneration } from "../qatlib/sysconfig.ts";

/**
 * A ServicesEnabled that qat_init.sh applies but the kernel refuses for the device's generation: it
 * writes `down` to `qat/state`, then the value to `qat/cfg_services`, gets EINVAL, prints "Can't
 * write to cfg_services file" and goes on, leaving that PF down. GEN4 (qat_4xxx, qat_420xx) combine
 * at most two services and never `decomp`; 6xxx up to three; `dcc` goes alone everywhere.
 */
export const qatlibServicesUnsupported: Rule = {
  id: "qatlib-services-unsupported",
  defaultSeverity: "error",
  description: "A ServicesEnabled the kernel refuses for the device generation (three services or decomp on GEN4)",
  fixAvailability: "never",
  kinds: ["qatlib"],
  check(context) {
    const doc = context.document;
    const services = documentServices(doc);
    const record = services.records[0];
    if (!services.applied || !record) return;
    const named = context.options.device;
    const generation = named === undefined ? undefined : servicesGeneration(named);
    const refusal = kernelRefusal(services.value, generation ?? "gen4");
    if (refusal === undefined) return;
    const pfs = generation === undefined ? "a GEN4 PF (4xxx, 401xx, 402xx, 420xx)" : `a ${named} PF`;
    context.report({
      // Without --device the host may hold only 6xxx devices, which accept what GEN4 refuses.
      severity: generation === undefined ? "warning" : "error",
      message: `the kernel refuses ServicesEnabled '${services.value}' on ${pfs}: ${refusal}; qat_init.sh takes the PF down, fails to write qat/cfg_services and leaves it down`,
      hint:
        generation === undefined
          ? "use at most two services (e.g. sym;dc), or lint with --device 6xxx if every PF of the host is a 6xxx"
          : "use at most two services, without decomp (e.g. sym;dc or asym;dc)",
      range: rangeIn(doc, record.start, record.end),
    });
  },
};
