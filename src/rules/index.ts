/**
 * The rule registry: every rule, in the order they run. One file per rule beside this one, each
 * holding its metadata and its check; its doc page is `docs/rules/<id>.md`.
 */
import type { Rule } from "../lint/types.ts";
import { syntax } from "./syntax.ts";
import { unknownRule } from "./unknown-rule.ts";

/** Every rule qatconf runs. Add a rule by importing it here (one line) and writing its doc page. */
export const RULES: readonly Rule[] = [syntax, unknownRule];
