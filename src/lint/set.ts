/**
 * Linting files as a set: the files of one folder are one host's (`/etc`, or a host's folder in a
 * configuration repository), and some mistakes sit between them: a VF file asking for more than its
 * PF provides, a gap in the device numbering, a section an application needs on one device but not
 * on another. The set rules find them; their findings go to the file that must change, with that
 * file's severity overrides and suppressions.
 */
import { dirname } from "node:path";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { resolveDevice } from "../model/device-options.ts";
import { SET_RULES } from "../rules/index.ts";
import type { ConfigDocument } from "../syntax/tree.ts";
import { fileModel } from "./file-model.ts";
import { withOwnStrings } from "./own-strings.ts";
import { suppressions } from "./suppress.ts";
import type { LintOptions, SetFile } from "./types.ts";

/** One file of the set: its parsed document and the options it was linted with. */
export interface SetInput {
  document: ConfigDocument;
  options: LintOptions;
}

/**
 * The set rules' findings for each input (same order), grouping the inputs by folder. Each
 * file's `rules` settings and suppression comments apply to the findings placed in it.
 */
export function lintSet(inputs: readonly SetInput[]): Diagnostic[][] {
  const out: Diagnostic[][] = inputs.map(() => []);
  const folders = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const dir = dirname(input.options.fileName ?? "");
    const list = folders.get(dir) ?? [];
    list.push(i);
    folders.set(dir, list);
  });
  for (const indexes of folders.values()) {
    const files = indexes.map((i) => setFile(inputs[i] as SetInput));
    const where = new Map(files.map((f, k) => [f, indexes[k] as number] as const));
    for (const rule of SET_RULES) {
      rule.checkSet({
        files,
        report(file, d) {
          const setting = file.options.rules?.[rule.id];
          if (setting === "off") return;
          const { severity, ...rest } = d;
          const final: Severity = setting ?? severity ?? rule.defaultSeverity;
          out[where.get(file) as number]?.push(withOwnStrings({ ...rest, ruleId: rule.id, severity: final }));
        },
      });
    }
  }
  return out.map((list, i) => (list.length === 0 ? list : suppressions((inputs[i] as SetInput).document).filter(list)));
}

function setFile(input: SetInput): SetFile {
  const { family, isVf } = resolveDevice(input.options);
  // The file rules built the same view and model when the file was linted under these options.
  const { view: semantic, device } = fileModel(input.document, input.options, family, isVf);
  const file: SetFile = {
    fileName: input.options.fileName ?? "",
    document: input.document,
    view: semantic,
    isVf,
    options: input.options,
  };
  if (family && device) {
    file.family = family;
    file.device = device;
  }
  return file;
}
