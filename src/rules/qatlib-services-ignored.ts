import type { Fix } from "../diagnostics.ts";
import { fix, replace } from "../fixes.ts";
import type { Rule } from "../lint/types.ts";
import {
  type AwkRecord,
  acceptedSpelling,
  documentServices,
  kernelRefusal,
  lineAt,
  SERVICES_LIST,
  SERVICES_MARK,
  servicesEntries,
  servicesGeneration,
} from "../qatlib/sysconfig.ts";
import type { ConfigDocument, EntryLine } from "../syntax/tree.ts";

/**
 * A `ServicesEnabled` that qat_init.sh does not apply. Its `check_config` reads the value with
 * `awk -F'ServicesEnabled=' '{print $2}' | grep '\S'` and applies it only when the result is one of
 * SERVICES_LIST, character for character; anything else is dropped without a message and every PF
 * keeps the kernel's default (even PFs `sym;asym`, odd PFs `dc`).
 */
export const qatlibServicesIgnored: Rule = {
  id: "qatlib-services-ignored",
  defaultSeverity: "error",
  description: "A ServicesEnabled that qat_init.sh silently ignores (order, blanks, quotes, two lines, CRLF)",
  fixAvailability: "sometimes",
  fixApplicability: "safe",
  kinds: ["qatlib"],
  check(context) {
    const doc = context.document;
    const services = documentServices(doc);
    for (const entry of servicesEntries(doc)) {
      const own = services.records.filter((r) => lineAt(doc, r.start) === entry);
      const others = services.records.filter((r) => lineAt(doc, r.start) !== entry);
      if (services.applied && own.length === 1 && others.length === 0) continue;
      const reason = whyIgnored(doc, entry, own, others, services.applied ? services.value : undefined);
      if (reason === undefined) continue;
      const spelling = acceptedSpelling(entry.value);
      // No fix to a value the kernel would then refuse (`cy;dc` read as three services on GEN4).
      const generation = context.options.device === undefined ? "gen4" : servicesGeneration(context.options.device);
      const safe = spelling !== undefined && kernelRefusal(spelling, generation ?? "gen4") === undefined;
      const rewritten = others.length === 0 && spelling !== undefined && safe ? rewrite(entry, spelling) : undefined;
      context.report({
        message: `qat_init.sh ignores this ServicesEnabled without a word: ${reason}`,
        hint:
          others.length > 0
            ? `delete the other line${others.length === 1 ? "" : "s"} holding 'ServicesEnabled=' (comments too: the awk reads them)`
            : spelling !== undefined
              ? `write it as qat_init.sh spells it: ServicesEnabled=${spelling}`
              : `use one of: ${SERVICES_LIST.join(" ")}`,
        range: entry.range,
        ...(rewritten ? { fix: rewritten } : {}),
      });
    }
  },
};

function whyIgnored(
  doc: ConfigDocument,
  entry: EntryLine,
  own: AwkRecord[],
  others: AwkRecord[],
  appliedElsewhere: string | undefined,
): string | undefined {
  const lines = (records: AwkRecord[]): string => records.map((r) => lineAt(doc, r.start).range.start.line).join(", ");
  if (own.length === 0) {
    if (entry.value === "") return undefined;
    const instead =
      appliedElsewhere === undefined ? "" : `; it applies '${appliedElsewhere}' from line ${lines(others)}`;
    return `its awk looks for the exact text '${SERVICES_MARK}', which a blank before '=' breaks${instead}`;
  }
  if (others.length > 0) {
    return `its awk also reads line ${lines(others)}, so the value is ${own.length + others.length} lines and matches nothing`;
  }
  const value = (own[0] as AwkRecord).value;
  if (value.endsWith("\r")) return "the line ends in CRLF and awk keeps the CR in the value";
  if (value !== value.trim()) return "blanks around the value are part of it for the awk";
  if (/^["']/.test(value))
    return "quotes are part of the value for the awk (systemd would strip them, qat_init.sh does not)";
  if (/\s#/.test(value)) return "a '#' after the value is part of it: the file has no end-of-line comments";
  if (acceptedSpelling(value) !== undefined) return `'${value}' is not in its list, which holds one order only`;
  if (/\bdcc\b/.test(value)) return "dcc (compression chaining) cannot be combined with another service";
  return `'${value}' is none of the values it knows`;
}

/** Replaces the line with `ServicesEnabled=<spelling>`, ending it in LF when it ended in CRLF. */
function rewrite(entry: EntryLine, spelling: string): Fix {
  const start = entry.range.start.offset;
  const end = entry.range.end.offset + (entry.eol === "\r\n" ? 1 : 0);
  return fix(`write ServicesEnabled=${spelling}`, replace(start, end, `${SERVICES_MARK}${spelling}`));
}
