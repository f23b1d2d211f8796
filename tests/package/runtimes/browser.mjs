// Headless Chromium: serves the repository on 127.0.0.1 (a port the OS picks), opens
// browser.html, which imports the package as a page would, and waits for its verdict.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const site = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const query = new URLSearchParams(
    Object.fromEntries(["DESCOPE_PROJECT_ID", "DESCOPE_MANAGEMENT_KEY", "DESCOPE_BASE_URI"].map((k) => [k, process.env[k] ?? ""])),
  );
  await page.goto(`${site}/tests/package/runtimes/browser.html?${query}`);
  await page.waitForFunction(() => document.title !== "pending", null, { timeout: 20_000 });
  const [title, text] = [await page.title(), await page.textContent("body")];
  if (title !== "PASS") throw new Error(text);
  console.log(text);
} finally {
  await browser.close();
  server.close();
}
