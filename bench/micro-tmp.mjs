// Pure client CPU per updatePicture: fetch stubbed with a ready Response.
import { performance } from "node:perf_hooks";
const variant = process.argv[2];
const body = JSON.stringify({ user: { userId: "U1", loginIds: ["bench@example.com"], picture: "https://cdn.example.com/p.png", status: "enabled" } });
globalThis.fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const PROJECT = "P2benchProject00000000000001", KEY = "K2bench-fake-key", baseUrl = "http://127.0.0.1:9";
let c;
if (variant === "floor") {
  const headers = { authorization: `Bearer ${PROJECT}:${KEY}`, "x-descope-project-id": PROJECT, "content-type": "application/json" };
  c = { updatePicture: async (loginId, picture) => (await (await fetch(`${baseUrl}/v1/mgmt/user/update/picture`, { method: "POST", headers, body: JSON.stringify({ loginId, picture }) })).json()).user };
} else if (variant === "ours") {
  const { DescopeManagement } = await import("descope-mgmt");
  c = new DescopeManagement({ projectId: PROJECT, managementKey: KEY, baseUrl, licenseTier: "tier2" }).user;
} else {
  const { default: DescopeClient } = await import("@descope/node-sdk");
  const user = DescopeClient({ projectId: PROJECT, managementKey: KEY, baseUrl }).management.user;
  c = { updatePicture: async (...a) => (await user.updatePicture(...a)).data };
}
const n = 30000;
for (let i = 0; i < 3000; i++) await c.updatePicture("bench@example.com", "https://cdn.example.com/p.png");
const before = process.cpuUsage();
for (let i = 0; i < n; i++) await c.updatePicture("bench@example.com", `https://cdn.example.com/${i}.png`);
const cpu = process.cpuUsage(before);
console.log(variant, ((cpu.user + cpu.system) / n).toFixed(2), "µs/call");
