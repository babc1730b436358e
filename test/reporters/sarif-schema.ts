/** The official SARIF 2.1.0 schema (draft-04, shipped in @microsoft/jest-sarif) compiled with ajv. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ajvDraft04 from "ajv-draft-04";

const schemaPath = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;

// Formats (uri, date-time) are checked by the tests by hand: ajv-formats is not a dependency. The
// schema's language pattern is not valid with the `u` flag, hence unicodeRegExp: false.
// A CommonJS module: under Node's ESM interop its default import is `module.exports`, whose `default` is the class.
const Ajv = ajvDraft04.default;
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(
  schema,
);

/** Parses a SARIF log and throws with ajv's errors unless it is valid. */
export function parseValidSarif(text: string): unknown {
  const log: unknown = JSON.parse(text);
  if (!validate(log)) throw new Error(`invalid SARIF: ${JSON.stringify(validate.errors, null, 2)}`);
  return log;
}
