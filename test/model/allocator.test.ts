import { describe, expect, it } from "vitest";
import { allocate, slotCounts } from "../../src/model/allocator.ts";
import { configOf, general, kernelSection, userSection } from "./helpers.ts";

describe("allocate: QAT 1.x banks of 16 rings", () => {
  it("a c6xx VF with cy;dc holds 2 Cy and 2 Dc instances (one bank)", () => {
    const r = allocate(configOf(general("cy;dc") + kernelSection(0, 0) + userSection("SSL", 2, 2, 1), "c6xxvf"));
    expect(r.fits).toBe(true);
    expect(r.banks).toHaveLength(1);
    expect(slotCounts(r.banks).cy).toEqual({ total: 2, used: 2 });
    expect(slotCounts(r.banks).dc).toEqual({ total: 2, used: 2 });
  });

  it("names the third Cy instance of a c6xx VF with cy;dc in the driver's words", () => {
    const r = allocate(configOf(general("cy;dc") + kernelSection(0, 0) + userSection("SSL", 3, 0, 1), "c6xxvf"));
    expect(r.fits).toBe(false);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]?.reason).toBe("Don't have enough rings for instance SSLCY2 in process SSL_INT_0");
    expect(r.failures[0]?.instance.label).toBe("Cy2");
  });

  // A VF gets its PF's ring map: these use one-bank VFs of a PF running the same services.
  const pfCy = { pfServicesEnabled: "cy" };

  it("gives cy 4 Cy slots per bank, each with an asym and a sym ring pair", () => {
    const r = allocate(configOf(general("cy") + userSection("SSL", 4, 0, 1), "c6xxvf", "dev0.conf", pfCy));
    expect(r.fits).toBe(true);
    expect(r.banks[0]?.slots.map((s) => s.rings)).toEqual([
      [0, 2, 8, 10],
      [1, 3, 9, 11],
      [4, 6, 12, 14],
      [5, 7, 13, 15],
    ]);
  });

  it("gives dc 8 Dc slots per bank", () => {
    const r = allocate(
      configOf(general("dc") + userSection("ZIP", 0, 8, 1), "c6xxvf", "dev0.conf", { pfServicesEnabled: "dc" }),
    );
    expect(r.fits).toBe(true);
    expect(slotCounts(r.banks).dc).toEqual({ total: 8, used: 8 });
  });

  it("shares a poll-mode bank between processes", () => {
    const r = allocate(configOf(general("cy") + userSection("SSL", 1, 0, 4), "c6xxvf", "dev0.conf", pfCy));
    expect(r.fits).toBe(true);
    expect(r.banks[0]?.slots.map((s) => s.instance?.processName)).toEqual([
      "SSL_INT_0",
      "SSL_INT_1",
      "SSL_INT_2",
      "SSL_INT_3",
    ]);
  });

  it("does not share an epoll bank between processes", () => {
    const r = allocate(configOf(general("cy") + userSection("SSL", 1, 0, 2, 2), "c6xxvf"));
    expect(r.fits).toBe(false);
    expect(r.failures[0]?.reason).toBe("Don't have enough rings for instance SSLCY0 in process SSL_INT_1");
  });

  it("does not mix poll and epoll instances in a bank", () => {
    const text = general("cy") + userSection("A", 1, 0, 1, 1) + userSection("B", 1, 0, 1, 2);
    expect(allocate(configOf(text, "c6xxvf")).fits).toBe(false);
    expect(allocate(configOf(text, "c6xx")).fits).toBe(true);
  });

  it("puts kernel instances first and user poll instances after the last kernel bank", () => {
    const r = allocate(configOf(general("cy") + kernelSection(2, 0) + userSection("SSL", 1, 0, 1), "c6xx"));
    expect(r.fits).toBe(true);
    // Kernel interrupt instances bound to CPUs 0 and 1 take a bank each.
    expect(r.banks[0]?.type).toBe("kernel");
    expect(r.banks[1]?.type).toBe("kernel");
    expect(r.firstUserBank).toBe(2);
    expect(r.banks[2]?.slots[0]?.instance?.processName).toBe("SSL_INT_0");
  });

  it("reports a user instance with IsPolled 0 in the driver's words", () => {
    const r = allocate(configOf(general("cy") + userSection("SSL", 1, 0, 1, 0), "c6xx"));
    expect(r.failures[0]?.code).toBe("bad-poll-mode");
    expect(r.failures[0]?.reason).toBe(
      "User instance SSLCY0 needs to be configured with IsPolled 1 or 2 for poll and epoll mode, respectively",
    );
  });

  it("fills a c6xx PF exactly: 16 banks of 4 Cy", () => {
    expect(allocate(configOf(general("cy") + userSection("SSL", 4, 0, 16), "c6xx")).fits).toBe(true);
    const over = allocate(configOf(general("cy") + userSection("SSL", 4, 0, 16) + userSection("X", 1, 0, 1), "c6xx"));
    expect(over.failures.map((f) => f.instance.processName)).toEqual(["X_INT_0"]);
  });
});

describe("allocate: c4xxx banks of 8 rings", () => {
  it("holds 1 Cy and 1 Dc per bank with cy;dc", () => {
    const r = allocate(configOf(general("cy;dc") + userSection("SSL", 1, 1, 1), "c4xxxvf"));
    expect(r.fits).toBe(true);
    expect(r.banks[0]?.slots.map((s) => s.service)).toEqual(["cy", "na", "dc"]);
    expect(allocate(configOf(general("cy;dc") + userSection("SSL", 2, 0, 1), "c4xxxvf")).fits).toBe(false);
  });
});

describe("allocate: QAT 2.0, one ring pair per bank", () => {
  it("maps asym;sym banks asym, sym, asym, sym", () => {
    const r = allocate(configOf(general("asym;sym") + userSection("SHIM", 1, 0, 1), "4xxx"));
    expect(r.banks.slice(0, 4).map((b) => b.slots[0]?.service)).toEqual(["asym", "sym", "asym", "sym"]);
    // One CyN asks for a sym slot and an asym slot.
    expect(slotCounts(r.banks).sym.used).toBe(1);
    expect(slotCounts(r.banks).asym.used).toBe(1);
  });

  it("fits Intel's 4 Cy x 8 processes exactly in 64 banks and refuses one more", () => {
    expect(allocate(configOf(general("asym;sym") + userSection("SHIM", 4, 0, 8), "4xxx")).fits).toBe(true);
    const over = allocate(
      configOf(general("asym;sym") + userSection("SHIM", 4, 0, 8) + userSection("X", 1, 0, 1), "4xxx"),
    );
    expect(over.failures.map((f) => `${f.instance.processName} ${f.instance.service}`)).toEqual([
      "X_INT_0 sym",
      "X_INT_0 asym",
    ]);
  });

  it("gives a 4xxx VF 4 banks: 2 Cy with asym;sym, 2 Cy and 2 Dc with asym;dc", () => {
    expect(allocate(configOf(general("asym;sym") + userSection("SSL", 2, 0, 1), "4xxxvf")).fits).toBe(true);
    expect(allocate(configOf(general("asym;sym") + userSection("SSL", 3, 0, 1), "4xxxvf")).fits).toBe(false);
    expect(allocate(configOf(general("asym;dc") + userSection("SSL", 2, 2, 1), "4xxxvf")).fits).toBe(true);
    expect(allocate(configOf(general("dc") + userSection("SSL", 0, 4, 1), "4xxxvf")).fits).toBe(true);
  });

  // The shape of Intel's vqat-adi_dev0.conf.{sym,asym,dc}: one user instance of the ADI's service.
  it("gives a vQAT ADI one ring pair: one instance of its service, not two", () => {
    for (const [services, cy, dc] of [
      ["sym", 1, 0],
      ["asym", 1, 0],
      ["dc", 0, 1],
    ] as const) {
      const one = allocate(
        configOf(general(services) + kernelSection(0, 0) + userSection("SSL", cy, dc, 1), "vqat-adi"),
      );
      expect(one.fits, services).toBe(true);
      expect(one.banks).toHaveLength(1);
      expect(one.banks[0]?.slots.map((s) => s.service)).toEqual([services]);
    }
    const two = allocate(configOf(general("sym") + userSection("SSL", 2, 0, 1), "vqat-adi"));
    expect(two.failures.map((f) => f.reason)).toEqual([
      "Don't have enough rings for instance SSLCY1 in process SSL_INT_0",
    ]);
  });
});

describe("allocate: what it does not simulate", () => {
  it("says so for QAT 1.5 and for a ServicesEnabled value without a ring map", () => {
    const old = allocate(configOf(general("cy0;cy1") + userSection("SSL", 64, 0, 8), "dh89xxcc"));
    expect(old.modelled).toBe(false);
    expect(old.fits).toBe(true);
    expect(allocate(configOf(general("bogus") + userSection("SSL", 1, 0, 1), "c6xx")).note).toContain("bogus");
  });
});
