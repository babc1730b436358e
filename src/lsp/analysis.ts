/**
 * What the language server knows about one open document at one version: the lint result (with
 * the parsed tree) and, on first use, the device configuration and the ring allocator's map. Built
 * from the same library calls as `qatconf lint` and `qatconf explain`, so the editor and the command
 * line never disagree.
 */
import { view } from "../config/view.ts";
import { lint } from "../lint/lint.ts";
import type { LintOptions, LintResult } from "../lint/types.ts";
import { allocate } from "../model/allocator.ts";
import { resolveDevice } from "../model/device-options.ts";
import { deviceConfig } from "../model/instances.ts";
import type { AllocationResult, DeviceConfig, DeviceFamily } from "../model/types.ts";
import type { ConfigDocument, Line, SectionNode } from "../syntax/tree.ts";

/** One document, analysed. */
export class Analysis {
  readonly text: string;
  readonly options: LintOptions;
  readonly result: LintResult;
  readonly family: DeviceFamily | undefined;
  readonly isVf: boolean;
  #device: { config: DeviceConfig; allocation: AllocationResult } | undefined;

  constructor(text: string, options: LintOptions) {
    this.text = text;
    this.options = options;
    this.result = lint(text, options);
    const { family, isVf } = resolveDevice(options);
    this.family = family;
    this.isVf = isVf;
  }

  get document(): ConfigDocument {
    return this.result.document;
  }

  /** The device configuration and its allocation; `undefined` when the device is unknown. */
  device(): { config: DeviceConfig; allocation: AllocationResult } | undefined {
    if (!this.#device && this.family) {
      const config = deviceConfig(view(this.document), this.family, this.isVf);
      this.#device = { config, allocation: allocate(config) };
    }
    return this.#device;
  }

  /**
   * The line holding `offset`: the last line starting at or before it (a line's range ends before
   * its line ending, which still belongs to it; the BOM belongs to the first line). `undefined`
   * only for a document without lines.
   */
  lineAt(offset: number): Line | undefined {
    const lines = this.document.lines;
    let lo = 0;
    let hi = lines.length - 1;
    let found: Line | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const line = lines[mid] as Line;
      if (line.range.start.offset <= offset) {
        found = line;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // An offset before the first line is within the byte order mark: it belongs to the first line.
    return found ?? lines[0];
  }

  /** The section whose header or body holds `line`, or `undefined` in the preamble. */
  sectionOf(line: Line): SectionNode | undefined {
    let found: SectionNode | undefined;
    for (const s of this.document.sections) {
      if (s.header.range.start.offset > line.range.start.offset) break;
      found = s;
    }
    return found;
  }
}

/** Whether `offset` lies within a piece of text (its end included, where the cursor sits after typing). */
export function within(range: { start: { offset: number }; end: { offset: number } }, offset: number): boolean {
  return offset >= range.start.offset && offset <= range.end.offset;
}
