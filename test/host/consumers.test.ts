/**
 * doctor finds the programs that use QAT in their own configuration (nginx.conf, haproxy.cfg, a
 * systemd unit's environment) and checks them against /etc's device files. The program files are
 * written in their real syntax, as Intel's async-mode nginx README and HAProxy's docs show them.
 */
import { describe, expect, it } from "vitest";
import { haproxyConsumers, hostConsumers, nginxConsumers, nginxDirectives } from "../../src/host/consumer-files.ts";
import { intelCpuinfo } from "./fake-host.ts";
import { BOOT, BRIDGE, PF, PF_PLAIN_CONF } from "./layouts.ts";
import { doctorOf, findings } from "./run.ts";

const NGINX = `user nginx;
# QAT needs one process per worker
worker_processes 32;
load_module modules/ngx_ssl_engine_qat_module.so;

ssl_engine {
    use_engine qatengine;
    default_algorithms RSA,EC,DH,PKEY_CRYPTO;
    qat_engine {
        qat_offload_mode async;
        qat_notify_mode poll;
        qat_poll_mode heuristic;
    }
}

events { worker_connections 65535; use epoll; }

http {
    server {
        listen 443 ssl;
        ssl_asynch on;
        # a "worker_processes 4;" here would be ignored: it is not the main context
    }
}
`;

const HAPROXY = `global
    nbthread 16
    ssl-engine qatengine algo ALL
    ssl-mode-async
    setenv QAT_SECTION_NAME SSL

frontend https
    bind :443 ssl crt /etc/haproxy/site.pem
`;

const SHIM = (processes: number): string =>
  `${PF_PLAIN_CONF}
[SHIM]
NumberCyInstances = 1
NumberDcInstances = 0
NumProcesses = ${processes}
LimitDevAccess = 0
Cy0Name = "SHIM0"
Cy0IsPolled = 1
Cy0CoreAffinity = 1
`;

function host(etc: Record<string, string>) {
  return {
    functions: [
      { address: BRIDGE, device: "2030", classCode: "060400", driver: "pcieport", iommuGroup: "1" },
      { address: PF, device: "37c8", driver: "c6xx", totalVfs: 16, numVfs: 0, upstream: BRIDGE, iommuGroup: "2" },
    ],
    iommuUnits: ["dmar0"],
    cmdline: `${BOOT} intel_iommu=on`,
    cpuinfo: intelCpuinfo(),
    etc,
  };
}

describe("the programs' files", () => {
  it("reads nginx.conf as nginx does: main-context worker_processes, the ssl_engine block, comments", () => {
    const d = nginxDirectives(NGINX).find((x) => x.name === "use_engine");
    expect(d).toMatchObject({ args: ["qatengine"], line: 7, blocks: ["ssl_engine"] });
    const [c] = nginxConsumers({ path: "/etc/nginx/nginx.conf", text: NGINX }, 8);
    expect(c).toMatchObject({ kind: "nginx", section: "SHIM", processes: 32, reload: true });
    expect(c?.source).toBe("/etc/nginx/nginx.conf:3, worker_processes 32");
    const auto = NGINX.replace("worker_processes 32;", "worker_processes auto;");
    expect(nginxConsumers({ path: "/etc/nginx/nginx.conf", text: auto }, 8)[0]?.processes).toBe(8);
  });

  it("finds no consumer in an nginx without the QAT engine, and HAProxy's setenv section", () => {
    expect(nginxConsumers({ path: "n", text: "worker_processes 4;\nhttp { }\n" }, 4)).toEqual([]);
    expect(haproxyConsumers({ path: "/etc/haproxy/haproxy.cfg", text: HAPROXY })[0]).toMatchObject({
      kind: "haproxy",
      section: "SSL",
      processes: 1,
      source: "/etc/haproxy/haproxy.cfg:3",
    });
  });

  it("takes the section from the program's systemd unit environment", () => {
    const unit = "[Service]\nEnvironment=QAT_SECTION_NAME=NGINX\nExecStart=/usr/sbin/nginx\n";
    const found = hostConsumers(
      [
        { path: "/etc/nginx/nginx.conf", text: NGINX },
        { path: "/etc/systemd/system/nginx.service.d/override.conf", text: unit },
      ],
      8,
    );
    expect(found.map((c) => c.section)).toEqual(["NGINX"]);
  });
});

describe("doctor's consumers check", () => {
  it("tells a host with nginx at worker_processes 32 and NumProcesses = 16 so, by name and line", async () => {
    const all = await doctorOf(host({ "c6xx_dev0.conf": SHIM(16), "nginx/nginx.conf": NGINX }));
    const info = findings(all, "consumers", "info");
    expect(info[0]?.path).toBe("/etc/nginx/nginx.conf");
    expect(info[0]?.range.start.line).toBe(3);
    expect(info[0]?.message).toContain("runs 32 QAT processes (64 while it reloads)");
    const [short] = findings(all, "consumer-processes");
    expect(short?.path).toBe("/etc/c6xx_dev0.conf");
    expect(short?.severity).toBe("error");
    expect(short?.message).toContain("/etc/nginx/nginx.conf:3, worker_processes 32");
    expect(short?.message).toContain("need");
    expect(SHIM(16).split("\n")[(short?.range.start.line ?? 0) - 1]).toBe("NumProcesses = 16");
  });

  it("is quiet when the section holds the processes, and names a missing section", async () => {
    const fits = await doctorOf(host({ "c6xx_dev0.conf": SHIM(64), "nginx/nginx.conf": NGINX }));
    expect(findings(fits, "consumer-processes")).toEqual([]);
    const missing = await doctorOf(host({ "c6xx_dev0.conf": SHIM(64), "haproxy/haproxy.cfg": HAPROXY }));
    expect(findings(missing, "consumer-section")[0]?.message).toContain("section SSL");
  });
});
