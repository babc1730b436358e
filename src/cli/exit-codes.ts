/** Exit codes of every qatconf command, documented in the README. */

/** Nothing to report. */
export const EXIT_OK = 0;
/** Findings: lint errors, warnings over `--max-warnings`, a file `fmt --check` would change, a refused edit. */
export const EXIT_FINDINGS = 1;
/** Usage or I/O error: bad arguments, a missing or unreadable file, a file that is not text. */
export const EXIT_USAGE = 2;
