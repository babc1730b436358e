import { describe, expect, it } from "vitest";
import {
  doctor,
  doctorJson,
  findFamily,
  GUEST_STACKS,
  groupByPath,
  parseGuestRequests,
  planVfs,
  qatlibDrives,
  readHost,
} from "../../src/index.ts";
import { buildHost, removeHost } from "./fake-host.ts";
import { twoNodeHost } from "./layouts.ts";

describe("the host API from the package entry", () => {
  it("reads a host, runs doctor and plans VFs", async () => {
    const root = await buildHost(twoNodeHost(1));
    try {
      const host = await readHost(root);
      const report = JSON.parse(doctorJson(groupByPath(doctor(host)))) as Array<{ filePath: string }>;
      expect(report.map((g) => g.filePath)).toContain("/sys/bus/pci/devices/0000:b1:00.0");
      const plan = planVfs(host, parseGuestRequests("vm1=2"));
      expect(plan.ok && plan.guests[0]?.vfs.map((p) => p.pf)).toEqual(["0000:3d:00.0", "0000:b1:00.0"]);
      // c6xx VFs: qatlib does not drive them, so a qatlib guest gets none.
      expect(GUEST_STACKS).toEqual(["out-of-tree", "qatlib"]);
      expect(planVfs(host, parseGuestRequests("vm1=1"), { guestStack: "qatlib" }).ok).toBe(false);
      const family = findFamily("420xx");
      expect(family && qatlibDrives(family)).toBe(true);
    } finally {
      await removeHost(root);
    }
  });
});
