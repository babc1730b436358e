/**
 * `set` on qatlib's `/etc/sysconfig/qat`: `KEY=VALUE`, written the one way both of its readers take
 * it (no blank around `=`, no quotes, LF after a `ServicesEnabled` line: qat_init.sh's awk keeps a CR
 * in the value). A value that qat_init.sh or qatmgr would refuse is refused here first.
 */
import type { TextEdit } from "../diagnostics.ts";
import { insert, replace } from "../fixes.ts";
import {
  acceptedSpelling,
  assignments,
  awkServices,
  policyProblem,
  QATLIB_VARIABLES,
  SERVICES_LIST,
  SERVICES_MARK,
} from "../qatlib/sysconfig.ts";
import { parseSysconfig } from "../syntax/parse-sysconfig.ts";
import { closest, didYouMean } from "../text/suggest.ts";
import { newlineOf } from "./layout.ts";
import { type EditResult, finish, type LintedEditOptions, refused, syntaxGate } from "./result.ts";

/** One `KEY=VALUE` of qatlib's file. */
export interface EnvAssignment {
  key: string;
  value: string;
}

/** Parses `KEY=VALUE`, or returns why it cannot be one (a `SECTION.KEY` of the driver's files, say). */
export function parseEnvAssignment(text: string): EnvAssignment | string {
  const eq = text.indexOf("=");
  if (eq < 0) return `'${text}' is not KEY=VALUE: there is no '='`;
  const key = text.slice(0, eq);
  if (key.includes(".")) {
    return `'${text}': /etc/sysconfig/qat has no sections: write ${key.slice(key.lastIndexOf(".") + 1)}=${text.slice(eq + 1)}`;
  }
  return { key, value: text.slice(eq + 1) };
}

/** Why qatlib would not take this assignment as written, if it would not. */
function invalid(a: EnvAssignment): string | undefined {
  if (!(a.key in QATLIB_VARIABLES)) {
    const hint = didYouMean(closest(a.key, Object.keys(QATLIB_VARIABLES)));
    return `qatlib does not read '${a.key}'${hint ? `: ${hint}` : ""} (it reads ${Object.keys(QATLIB_VARIABLES).join(", ")})`;
  }
  if (/[\s"'\\]/.test(a.value))
    return "write the value without blanks, quotes or '\\' (qat_init.sh reads them as part of it)";
  if (a.key === "ServicesEnabled" && a.value !== "" && !SERVICES_LIST.includes(a.value)) {
    const spelling = acceptedSpelling(a.value);
    return spelling
      ? `qat_init.sh applies only its own spelling: write ServicesEnabled=${spelling}`
      : `qat_init.sh applies only ${SERVICES_LIST.join(" ")}`;
  }
  if (a.key === "POLICY") {
    const problem = policyProblem(a.value);
    if (problem) return `qatmgr refuses this POLICY (${problem})`;
  }
  return undefined;
}

/**
 * Sets variables of qatlib's file: the last line of a variable (the one systemd keeps) is rewritten
 * as `KEY=VALUE`, a missing one is added at the end. Refused when the file has syntax errors, when
 * qatlib would not take a value, or when another line holding `ServicesEnabled=` (a comment too)
 * would still change what qat_init.sh reads.
 */
export function setEnvValues(text: string, list: readonly EnvAssignment[], options: LintedEditOptions): EditResult {
  const doc = parseSysconfig(text, options.fileName === undefined ? {} : { fileName: options.fileName });
  const gate = syntaxGate(doc, text, options);
  if (gate.refusal) return gate.refusal;
  const last = new Map<string, EnvAssignment>();
  for (const a of list) {
    const problem = invalid(a);
    if (problem) return refused(text, { kind: "request", message: `${a.key}: ${problem}` });
    last.set(a.key, a);
  }
  const existing = assignments(doc);
  const eol = newlineOf(doc);
  const edits: TextEdit[] = [];
  let appended = "";
  for (const a of last.values()) {
    const entry = existing.get(a.key)?.at(-1);
    const services = a.key === "ServicesEnabled";
    if (entry) {
      const crlf = services && entry.eol === "\r\n";
      edits.push(replace(entry.range.start.offset, entry.range.end.offset + (crlf ? 1 : 0), `${a.key}=${a.value}`));
    } else {
      appended += `${a.key}=${a.value}${services ? "\n" : eol}`;
    }
  }
  if (appended !== "") {
    const end = doc.lines.at(-1);
    const needsEol = end !== undefined && end.eol === "" && end.raw !== "";
    edits.push(insert(text.length, (needsEol ? eol : "") + appended));
  }
  const result = finish(text, edits, { ...options, kind: "qatlib" });
  const wanted = last.get("ServicesEnabled");
  if (!result.refusal && wanted) {
    const read = awkServices(result.text);
    if (read.value !== wanted.value) {
      const lines = read.records.map((r) => result.text.slice(0, r.start).split("\n").length);
      return refused(text, {
        kind: "request",
        message: `qat_init.sh would not read ServicesEnabled=${wanted.value}: other lines hold '${SERVICES_MARK}' (line ${lines.join(", ")}), and its awk reads comments too`,
        hint: "delete the other lines holding 'ServicesEnabled=' first",
      });
    }
  }
  return result;
}
