// One measurement in a fresh process: node child.mjs <mode> <variant> [arg]. Prints JSON.
//   variant: floor (hand-written fetch + JSON), wire (the floor sending descope-mgmt's six
//   headers; mix only), ours (descope-mgmt), sdk (@descope/node-sdk)
//   mode: cold | cpu <baseUrl> | read <users> | mem <baseUrl>
//   node child.mjs mix all <baseUrl>: the four clients in one process, in alternating
//   batches of calls (the per-call CPU of bench/run.mjs)
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { searchBody } from "./fixtures.mjs";

const [mode, variant, arg] = process.argv.slice(2);
const PROJECT = "P2benchProject00000000000001";
const KEY = "K2bench-fake-key";
const VERSION = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url))).version;

async function client(baseUrl, which = variant) {
  if (which === "floor" || which === "wire") {
    const floor = { authorization: `Bearer ${PROJECT}:${KEY}`, "x-descope-project-id": PROJECT, "content-type": "application/json" };
    // descope-mgmt's headers, in its order, frozen as it passes them.
    const wire = Object.freeze({
      Authorization: floor.authorization,
      "x-descope-project-id": PROJECT,
      "x-descope-sdk-name": "rust-wasm",
      "x-descope-sdk-version": VERSION,
      "x-descope-license": "tier2",
      "Content-Type": "application/json",
    });
    const headers = which === "wire" ? wire : floor;
    return {
      updatePicture: async (loginId, picture) => {
        const res = await fetch(`${baseUrl}/v1/mgmt/user/update/picture`, { method: "POST", headers, body: JSON.stringify({ loginId, picture }) });
        return (await res.json()).user;
      },
      search: async (req) => {
        const res = await fetch(`${baseUrl}/v2/mgmt/user/search`, { method: "POST", headers, body: JSON.stringify(req) });
        return res.json();
      },
    };
  }
  if (which === "ours") {
    const { DescopeManagement } = await import("descope-mgmt");
    return new DescopeManagement({ projectId: PROJECT, managementKey: KEY, baseUrl, licenseTier: "tier2" }).user;
  }
  const { default: DescopeClient } = await import("@descope/node-sdk");
  const user = DescopeClient({ projectId: PROJECT, managementKey: KEY, baseUrl }).management.user;
  return {
    updatePicture: async (...a) => (await user.updatePicture(...a)).data,
    search: async (req) => (await user.search(req)).data,
  };
}

const result = {};
if (mode === "cold") {
  const t0 = performance.now();
  await client("http://127.0.0.1:9");
  result.ms = performance.now() - t0;
} else if (mode === "mix") {
  // Batches of calls of each client in turn, the order rotated every batch: the clients
  // share the machine's state of the moment (another job, the CPU's clock), which in
  // separate processes a minute apart they do not.
  const variants = ["floor", "wire", "ours", "sdk"];
  const batches = Number(process.env.BENCH_BATCHES ?? 20);
  const calls = Number(process.env.BENCH_BATCH_CALLS ?? 400);
  const clients = {};
  for (const v of variants) clients[v] = await client(arg, v);
  let seq = 0;
  const call = async (c) => {
    const u = await c.updatePicture("bench@example.com", `https://cdn.example.com/${seq++}.png`);
    if (!u?.userId) throw new Error("no user in the answer");
  };
  for (const v of variants) for (let i = 0; i < 500; i++) await call(clients[v]);
  result.cpu = Object.fromEntries(variants.map((v) => [v, []]));
  result.wall = Object.fromEntries(variants.map((v) => [v, []]));
  for (let b = 0; b < batches; b++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(b + k) % variants.length];
      const before = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await call(clients[v]);
      const cpu = process.cpuUsage(before);
      result.cpu[v].push((cpu.user + cpu.system) / calls);
      result.wall[v].push(((performance.now() - t0) * 1000) / calls);
    }
  }
} else if (mode === "cpu" || mode === "mem") {
  const c = await client(arg);
  const n = Number(process.env.BENCH_CALLS ?? (mode === "cpu" ? 20_000 : 10_000));
  for (let i = 0; i < Math.min(500, n); i++) await c.updatePicture("bench@example.com", "https://cdn.example.com/p.png");
  const before = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const u = await c.updatePicture("bench@example.com", `https://cdn.example.com/${i}.png`);
    if (!u?.userId) throw new Error("no user in the answer");
  }
  const cpu = process.cpuUsage(before);
  result.cpuMicrosPerCall = (cpu.user + cpu.system) / n;
  result.wallMicrosPerCall = ((performance.now() - t0) * 1000) / n;
  if (mode === "mem") {
    globalThis.gc?.();
    result.rssBytes = process.memoryUsage().rss;
    if (variant === "ours") result.wasmBytes = (await import("descope-mgmt")).wasmMemoryBytes();
  }
} else if (mode === "read") {
  // The answer arrives at once (fetch is stubbed with a ready Response), so the time is
  // what it takes from the answer to the objects the caller gets.
  const n = Number(arg);
  const body = searchBody(n);
  globalThis.fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const c = await client("http://127.0.0.1:9");
  const iterations = n >= 10_000 ? 15 : n >= 1000 ? 60 : 400;
  const times = [];
  for (let i = 0; i < iterations + 5; i++) {
    const t0 = performance.now();
    const res = await c.search({ limit: n });
    const dt = performance.now() - t0;
    if (res.users.length !== n) throw new Error(`got ${res.users.length} users`);
    if (i >= 5) times.push(dt);
  }
  times.sort((a, b) => a - b);
  result.ms = times[Math.floor(times.length / 2)];
}
console.log(JSON.stringify(result));
