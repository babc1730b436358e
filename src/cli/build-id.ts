/**
 * Which build of qatconf is running: `--cache` trusts findings only from the same build, since
 * any change to the rules, the device model or a driver package can change them.
 */
declare const __QATCONF_BUILD__: string | undefined;

/** A hash of the sources the bundle was built from; from the sources themselves, unique to the process. */
export const BUILD_ID =
  typeof __QATCONF_BUILD__ === "string" ? __QATCONF_BUILD__ : `source-${process.pid}-${Date.now()}`;
