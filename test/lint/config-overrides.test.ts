import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, type LoadedConfig, settingsForFile, validateConfig } from "../../src/lint/config.ts";

const ROOT = "/repo";
const loaded = (config: unknown): LoadedConfig => ({
  ...validateConfig(config, `${ROOT}/.qatconf.json`),
  path: `${ROOT}/.qatconf.json`,
});
const at = (rel: string): string => join(ROOT, rel);

describe(".qatconf.json overrides", () => {
  const config = loaded({
    device: "c6xx",
    rules: { "unknown-key": "off", "ring-budget": "warning" },
    format: { alignEquals: false },
    overrides: [
      { files: "hosts/web*/*.conf", device: "4xxx", rules: { "ring-budget": "error" } },
      { files: ["*.vm"], cpus: 8 },
      { files: "hosts/web02/**", format: { alignEquals: true } },
    ],
  });

  it("gives a file the top level when no override matches", () => {
    expect(settingsForFile(config, at("db/c6xx_dev0.conf"))).toEqual({
      device: "c6xx",
      rules: { "unknown-key": "off", "ring-budget": "warning" },
      format: { alignEquals: false },
    });
  });

  it("applies matching overrides in order: values replace, objects merge key by key", () => {
    expect(settingsForFile(config, at("hosts/web02/qat.conf"))).toEqual({
      device: "4xxx",
      rules: { "unknown-key": "off", "ring-budget": "error" },
      format: { alignEquals: true },
    });
  });

  it("matches a glob without '/' against the file's name in any folder, one with '/' against its path", () => {
    expect(settingsForFile(config, at("deep/down/c6xxvf_dev0.conf.vm")).cpus).toBe(8);
    expect(settingsForFile(config, at("other/hosts/web01/qat.conf")).device).toBe("c6xx");
    expect(settingsForFile(config, at("hosts/web01/qat.conf")).device).toBe("4xxx");
  });

  it("refuses a malformed override with its place and the closest setting", () => {
    const bad = (overrides: unknown): string => {
      try {
        validateConfig({ overrides }, "x.json");
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
      }
      return "accepted";
    };
    expect(bad({})).toContain("'overrides' must be an array");
    expect(bad([{ device: "c6xx" }])).toContain("'overrides[0].files' must be a glob");
    expect(bad([{ files: [] }])).toContain("'overrides[0].files' must be a glob");
    expect(bad([{ files: "*", devcie: "c6xx" }])).toContain(
      "unknown setting 'overrides[0].devcie': did you mean 'device'?",
    );
    expect(bad([{ files: "*", overrides: [] }])).toContain("unknown setting 'overrides[0].overrides'");
    expect(bad([{ files: "*", cpus: 0 }])).toContain("'cpus' must be a whole number");
  });

  it("an override takes exactly the settings the top level takes, by the same checks", () => {
    const key = fc.constantFrom("rules", "device", "cpus", "format", "driver", "pfServicesEnabled", "bogus");
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom("c6xx", 4, { "unknown-key": "off" }, { alignEquals: true }, { "ring-budget": "loud" }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 3 }), (settings) => {
        const verdict = (config: unknown): string => {
          try {
            validateConfig(config, "x.json");
            return "ok";
          } catch (error) {
            return error instanceof ConfigError ? "refused" : "crashed";
          }
        };
        const top = verdict(settings);
        expect(top).not.toBe("crashed");
        expect(verdict({ overrides: [{ files: "*", ...settings }] })).toBe(top);
        if (top === "ok") {
          // And the override's settings are what a matching file gets, merged over an empty top level.
          const got = settingsForFile(loaded({ overrides: [{ files: "*", ...settings }] }), at("a/c6xx_dev0.conf"));
          expect(got).toEqual(validateConfig(settings, "x.json"));
        }
      }),
    );
  });
});
