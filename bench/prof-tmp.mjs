import { searchBody } from "/work/main/bench/fixtures.mjs";
const body = searchBody(1000);
const bytes = new TextEncoder().encode(body);
globalThis.fetch = async () => new Response(bytes, { status: 200, headers: { "content-type": "application/json" } });
const { DescopeManagement } = await import("descope-mgmt");
const u = new DescopeManagement({ projectId: "P2benchProject00000000000001", managementKey: "K2x", baseUrl: "http://127.0.0.1:9", licenseTier: "t" }).user;
for (let i = 0; i < 10; i++) await u.search({ limit: 1000 });
let t0 = performance.now();
for (let i = 0; i < 100; i++) await u.search({ limit: 1000 });
console.log("ours", (performance.now() - t0) / 100);
t0 = performance.now();
for (let i = 0; i < 100; i++) { const r = await fetch("x"); const t = await r.text(); JSON.parse(t); }
console.log("text+parse", (performance.now() - t0) / 100);
t0 = performance.now();
for (let i = 0; i < 100; i++) { const r = await fetch("x"); await r.json(); }
console.log("json()", (performance.now() - t0) / 100);
t0 = performance.now();
for (let i = 0; i < 100; i++) { const r = await fetch("x"); const t = await r.text(); }
console.log("text only", (performance.now() - t0) / 100);
