#!/usr/bin/env node
// The admin page's host: serves www/ at `/`, pkg/ at `/pkg/`, and forwards the page's API
// calls on the same origin, adding the management bearer itself so the key never reaches
// the browser.
//
//   node tools/demo-server.mjs                       # local emulator with 200 sample users
//   DESCOPE_PROJECT_ID=… DESCOPE_MANAGEMENT_KEY=… node tools/demo-server.mjs   # real Descope
//
// Environment: PORT (8080), DESCOPE_PROJECT_ID + DESCOPE_MANAGEMENT_KEY (real mode),
// DESCOPE_BASE_URL (real mode; default by the project ID's region), DESCOPE_EMULATOR_BIN
// (default target/debug/descope-emulator).
//
// In real mode the server holds a real key, and any local process could reach it over
// loopback. So, as Jupyter does, it makes a session token at start and prints the page's URL
// with it (`/?token=…`); that URL sets an HttpOnly cookie, and every API call and
// /config.json without the cookie is refused before anything is forwarded.
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const PORT = Number(process.env.PORT || 8080);
let port = PORT; // the bound port (differs from PORT only when PORT=0)
const STATIC_ROOTS = [
  { prefix: "/pkg/", dir: join(ROOT, "pkg") },
  { prefix: "/", dir: join(ROOT, "www") },
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
};
// 'wasm-unsafe-eval' lets the page compile the package's wasm; pictures may come from anywhere.
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: https: http:; connect-src 'self'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'; object-src 'none'";

// Custom attribute definitions for the emulator: one of every type the page edits
// (the emulator's defaults have no date attribute). Sample users get values for each. The
// emulator's own tenants, roles and permissions stay; two access keys (secrets unknown to
// anyone) give the access-key view something to list.
const EMULATOR_SEED = {
  accessKeys: [
    { name: "CI deploy", description: "Deploys from CI", roleNames: ["viewer"], expireTime: 0, createdBy: "management-key" },
    {
      name: "Acme nightly sync",
      description: "Syncs Acme's directory",
      keyTenants: [{ tenantId: "t-acme", roleNames: ["admin"] }],
      expireTime: 0,
      createdBy: "management-key",
    },
  ],
  customAttributes: [
    { name: "nickname", type: 1, displayName: "Nickname" },
    { name: "seats", type: 2, displayName: "Seats" },
    { name: "beta", type: 3, displayName: "Beta features" },
    {
      name: "plan",
      type: 4,
      displayName: "Plan",
      options: [
        { value: "free", label: "Free" },
        { value: "pro", label: "Pro" },
        { value: "enterprise", label: "Enterprise" },
      ],
    },
    { name: "teams", type: 5, displayName: "Teams", options: ["growth", "support", "platform", "design"] },
    { name: "renewal", type: 6, displayName: "Renewal date" },
  ],
};

function fail(message) {
  console.error(`demo-server: ${message}`);
  process.exit(1);
}

/** Descope's base URL for a project ID: IDs of 32+ chars carry a region in chars 1..5. */
function descopeBaseUrl(projectId) {
  return projectId.length >= 32 ? `https://api.${projectId.slice(1, 5)}.descope.com` : "https://api.descope.com";
}

// ------------------------------------------------------------------ session token (real mode)

let session = null; // { token, cookie } in real mode; null in emulator mode

function startSession() {
  // 256 bits. The cookie name carries the port: cookies are not port-scoped, so two demo
  // servers on one host would otherwise overwrite each other's.
  return { token: randomBytes(32).toString("base64url"), cookie: `descope_demo_${port}` };
}

/** Constant-time comparison; hashing first gives equal lengths whatever was sent. */
function isToken(candidate) {
  if (!session || typeof candidate !== "string" || !candidate) return false;
  const digest = (text) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(candidate), digest(session.token));
}

function cookieValue(req, name) {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The one place the token is printed is the start-up URL; log lines never carry it. */
function redact(text) {
  return session ? String(text).split(session.token).join("[token]") : String(text);
}

// ------------------------------------------------------------------ upstream (mode)

let emulator = null; // the child process in emulator mode
let seedDir = null;

async function startEmulator() {
  const bin = process.env.DESCOPE_EMULATOR_BIN ?? join(ROOT, "target/debug/descope-emulator");
  if (!existsSync(bin)) fail(`${bin} not found: build it with  cargo build -p descope-emulator`);
  seedDir = mkdtempSync(join(tmpdir(), "descope-demo-"));
  const seedFile = join(seedDir, "seed.json");
  writeFileSync(seedFile, JSON.stringify(EMULATOR_SEED));
  // A fake key of our own, fresh each run: the page never sees it either.
  const projectId = "P2emulatorDemo00000000000001";
  const key = `K2demo-${randomBytes(18).toString("base64url")}`;
  emulator = spawn(
    bin,
    ["--port", "0", "--sample-users", "200", "--seed", seedFile, "--project-id", projectId, "--management-key", key],
    // Its own process group: Ctrl-C reaches only us, and we stop it in order.
    { stdio: ["ignore", "pipe", "inherit"], detached: true },
  );
  const lines = createInterface({ input: emulator.stdout });
  const url = await new Promise((resolvePromise, reject) => {
    emulator.once("exit", (code) => reject(new Error(`descope-emulator exited with ${code} before listening`)));
    lines.once("line", (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) resolvePromise(match[1]);
      else reject(new Error(`unexpected emulator output: ${line}`));
    });
  });
  lines.on("line", (line) => console.log(`[emulator] ${line}`));
  emulator.on("exit", (code, signal) => {
    if (!shuttingDown) {
      console.error(`demo-server: the emulator stopped unexpectedly (${signal ?? code})`);
      shutdown(1);
    }
  });
  return { mode: "emulator", projectId, bearer: `Bearer ${projectId}:${key}`, secret: key, baseUrl: url };
}

function realUpstream() {
  const projectId = process.env.DESCOPE_PROJECT_ID.trim();
  const key = process.env.DESCOPE_MANAGEMENT_KEY.trim();
  const baseUrl = (process.env.DESCOPE_BASE_URL?.trim() || descopeBaseUrl(projectId)).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(baseUrl)) fail("DESCOPE_BASE_URL must be an http:// or https:// URL");
  return { mode: "descope", projectId, bearer: `Bearer ${projectId}:${key}`, secret: key, baseUrl };
}

// ------------------------------------------------------------------ request handling

// Headers of the page's request that go upstream; everything else (Authorization, Cookie,
// Origin, Referer, …) stays here.
const FORWARD_REQUEST = [
  "content-type",
  "accept",
  "x-descope-project-id",
  "x-descope-sdk-name",
  "x-descope-sdk-version",
  "x-descope-license",
];
// Headers of the upstream answer that go back to the page.
const FORWARD_RESPONSE = ["content-type", "retry-after"];

function send(res, status, body, headers = {}) {
  const data = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...headers,
    "content-length": Buffer.byteLength(data),
  });
  res.end(data);
}

function descopeError(status, code, description) {
  return [status, { errorCode: code, errorDescription: description, errorMessage: description }];
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Refuses requests another site could make through the visitor's browser (CSRF, DNS rebinding). */
function crossSiteReason(req, origin) {
  const host = req.headers.host ?? "";
  if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) return `unexpected Host ${JSON.stringify(host)}`;
  const from = req.headers.origin;
  if (from && from !== origin && from !== `http://localhost:${port}`) return "cross-origin request";
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return "cross-site request";
  return null;
}

async function proxy(req, res, upstream, path) {
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
  const headers = {};
  for (const name of FORWARD_REQUEST) if (req.headers[name]) headers[name] = req.headers[name];
  const isApi = !path.startsWith("/emulator/");
  if (isApi) {
    // The client always sends this header; requiring it also forces a CORS preflight
    // (which we never grant) on any cross-site attempt.
    if (headers["x-descope-project-id"] !== upstream.projectId) {
      return send(res, ...descopeError(400, "E011002", "x-descope-project-id header missing or not this project"));
    }
    headers.authorization = upstream.bearer;
  }
  const started = Date.now();
  let answer;
  try {
    answer = await fetch(upstream.baseUrl + path, { method: req.method, headers, body, redirect: "manual" });
  } catch (err) {
    console.error(redact(`${req.method} ${path} → upstream unreachable (${err.cause?.code ?? err.message})`));
    return send(res, ...descopeError(502, "E_DEMO_UPSTREAM", "The Descope API could not be reached from the demo server"));
  }
  let data = Buffer.from(await answer.arrayBuffer());
  // Belt and braces: an upstream that echoed the request would leak the key; redact it.
  if (data.includes(upstream.secret)) data = Buffer.from(data.toString("utf8").split(upstream.secret).join("[redacted]"));
  const out = {};
  for (const name of FORWARD_RESPONSE) {
    const value = answer.headers.get(name);
    if (value && !value.includes(upstream.secret)) out[name] = value;
  }
  if (isApi) console.log(redact(`${req.method} ${path} → ${answer.status} (${Date.now() - started} ms)`));
  send(res, answer.status, data, out);
}

async function serveStatic(req, res, pathname) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { error: "method not allowed" });
  const root = STATIC_ROOTS.find((r) => pathname.startsWith(r.prefix));
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(root.prefix.length));
  } catch {
    return send(res, 400, { error: "bad path" });
  }
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = resolve(root.dir, rel);
  // No escaping the served directories (`..`, absolute paths).
  if (!file.startsWith(root.dir + sep) || rel.split(/[\\/]/).some((part) => part.startsWith("."))) {
    return send(res, 404, { error: "not found" });
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
  } catch {
    return send(res, 404, { error: "not found" });
  }
  const data = await readFile(file);
  const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
  if (extname(file) === ".html") headers["content-security-policy"] = CSP;
  send(res, 200, req.method === "HEAD" ? "" : data, headers);
}

/** `/?token=…`: a valid token becomes the session cookie, and the address bar loses it. */
function acceptToken(res, url) {
  if (!isToken(url.searchParams.get("token"))) {
    return send(res, ...descopeError(403, "E_DEMO_FORBIDDEN", "Wrong session token: open the URL the demo server printed at start"));
  }
  url.searchParams.delete("token");
  send(res, 303, "", {
    location: url.pathname + url.search,
    "set-cookie": `${session.cookie}=${session.token}; HttpOnly; SameSite=Strict; Path=/`,
  });
}

function handler(upstream) {
  const origin = `http://${HOST}:${port}`;
  return async (req, res) => {
    try {
      const url = new URL(req.url, origin);
      const path = url.pathname;
      const isApi = /^\/v[12]\//.test(path);
      const isAdmin = upstream.mode === "emulator" && path.startsWith("/emulator/");
      if (session && url.searchParams.has("token") && (req.method === "GET" || req.method === "HEAD") && !isApi) {
        return acceptToken(res, url);
      }
      // Checked first, so nothing below (not even the project-ID check) answers a stranger.
      if (session && (isApi || path === "/config.json") && !isToken(cookieValue(req, session.cookie))) {
        return send(res, ...descopeError(403, "E_DEMO_FORBIDDEN", "Refused: no valid session; open the URL the demo server printed at start"));
      }
      if (isApi || isAdmin) {
        const reason = crossSiteReason(req, origin);
        if (reason) return send(res, ...descopeError(403, "E_DEMO_FORBIDDEN", `Refused: ${reason}`));
        return await proxy(req, res, upstream, path + url.search);
      }
      if (path === "/config.json") {
        // What the page needs to know, and nothing secret.
        const apiHost = upstream.mode === "emulator" ? "local emulator" : new URL(upstream.baseUrl).host;
        return send(res, 200, { projectId: upstream.projectId, mode: upstream.mode, apiHost });
      }
      return await serveStatic(req, res, path);
    } catch (err) {
      console.error(redact(`demo-server: ${req.method} ${req.url}: ${err.message}`));
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.destroy();
    }
  };
}

// ------------------------------------------------------------------ start and stop

let server = null;
let shuttingDown = false;

async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (code === 0) console.log("demo-server: stopping" + (emulator ? " (and the emulator)" : ""));
  server?.close();
  server?.closeAllConnections();
  if (emulator && emulator.exitCode === null && emulator.signalCode === null) {
    const exited = new Promise((done) => emulator.once("exit", done));
    emulator.kill("SIGTERM");
    const timer = setTimeout(() => emulator.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  process.exit(code);
}

async function main() {
  if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) fail(`PORT must be a port number, not ${process.env.PORT}`);
  const hasId = Boolean(process.env.DESCOPE_PROJECT_ID?.trim());
  const hasKey = Boolean(process.env.DESCOPE_MANAGEMENT_KEY?.trim());
  if (hasId !== hasKey) fail("set both DESCOPE_PROJECT_ID and DESCOPE_MANAGEMENT_KEY, or neither (local emulator)");
  if (!existsSync(join(ROOT, "pkg/dist/descope_mgmt_bg.wasm"))) {
    fail("pkg/dist/ is missing: build the package first with  ./tools/build.sh");
  }

  // Listen first, so a busy port is reported before anything else starts.
  server = createServer();
  await new Promise((done) => {
    server.once("error", (err) => {
      if (err.code === "EADDRINUSE") fail(`port ${PORT} on ${HOST} is already in use; choose another with PORT=<n>`);
      fail(`cannot listen on ${HOST}:${PORT}: ${err.message}`);
    });
    server.listen(PORT, HOST, done);
  });
  port = server.address().port;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (!shuttingDown) return shutdown(0);
      // A second Ctrl-C: do not wait for the emulator's graceful stop.
      emulator?.kill("SIGKILL");
      process.exit(130);
    });
  }
  // If we die some other way, do not leave the emulator behind.
  process.on("exit", () => emulator?.kill("SIGTERM"));

  let upstream;
  try {
    upstream = hasId ? realUpstream() : await startEmulator();
  } catch (err) {
    console.error(`demo-server: ${err.message}`);
    return shutdown(1);
  }
  if (upstream.mode !== "emulator") session = startSession();
  server.on("request", handler(upstream));
  const via = upstream.mode === "emulator" ? `the local emulator (${upstream.baseUrl})` : upstream.baseUrl;
  console.log(`demo-server: project ${upstream.projectId}, API calls go to ${via}; the key stays here`);
  if (session) {
    console.log("demo-server: the page and its API calls need this URL's session token (new at each start)");
    console.log(`Open http://${HOST}:${port}/?token=${session.token}  (Ctrl-C to stop)`);
  } else {
    console.log(`Open http://${HOST}:${port}/  (Ctrl-C to stop)`);
  }
}

main();
