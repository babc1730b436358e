/** Where each rule's documentation page lives on the web (the same page `qatconf rules ID` prints). */

/** The project's home: the repository holding `docs/rules/` (package.json `homepage`; a test keeps them equal). */
export const HOMEPAGE = "https://github.com/qatconf/qatconf";

/** The web address of `docs/rules/<id>.md`. */
export function ruleDocUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${encodeURIComponent(id)}.md`;
}

/** The web address of `docs/doctor/<id>.md`, a doctor check's page. */
export function checkDocUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/doctor/${encodeURIComponent(id)}.md`;
}
