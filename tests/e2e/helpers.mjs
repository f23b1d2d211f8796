// Shared pieces of the browser end-to-end tests: processes, a tiny test runner, polling.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// playwright-core is one of the npm dev tools in tools/ (never a downloaded browser).
export const { chromium } = createRequire(`${ROOT}tools/package.json`)("playwright-core");

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Every server child still running when this process exits gets a SIGTERM (it then stops its
// own emulator), even if the run ends by an uncaught error.
const children = new Set();
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
});

/**
 * Starts `node tools/demo-server.mjs` with exactly `env` (plus PATH/HOME) and waits for its
 * "Open http://…" line. `url` is the origin; `openUrl` the whole printed URL, which in real
 * mode carries the session token (`token`; null in emulator mode). `output()` is everything
 * it printed so far.
 */
export async function startDemoServer(env, { timeoutMs = 20000 } = {}) {
  const child = spawn(process.execPath, ["tools/demo-server.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
  const opened = await Promise.race([
    (async () => {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        // The whole line, so a token cut between two reads is never taken.
        const match = /Open ((http:\/\/127\.0\.0\.1:\d+)\/(?:\?token=([\w-]+))?)[^\n]*\n/.exec(output);
        if (match) return { openUrl: match[1], url: match[2], token: match[3] ?? null };
        await sleep(50);
      }
      throw new Error(`demo server did not start in ${timeoutMs} ms:\n${output}`);
    })(),
    exited.then(({ code }) => {
      throw new Error(`demo server exited with ${code}:\n${output}`);
    }),
  ]);
  return {
    ...opened,
    child,
    exited,
    output: () => output,
    /** The emulator's own URL, from the start-up line (emulator mode only). */
    emulatorUrl: () => /local emulator \((http:\/\/127\.0\.0\.1:\d+)\)/.exec(output)?.[1],
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Polls `fn` until it returns something truthy. */
export async function until(fn, what, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ""}`);
    await sleep(40);
  }
}

/**
 * Runs tests one after the other; a failure is reported and the next test runs. `only`: a
 * regular expression; tests whose names do not match are not run (nor counted).
 */
export function createRunner({ onFailure, only } = {}) {
  const tests = [];
  let passed = 0;
  let failed = 0;
  const wanted = only ? new RegExp(only, "i") : null;
  return {
    test: (name, fn) => (!wanted || wanted.test(name)) && tests.push({ name, fn }),
    async run() {
      for (const { name, fn } of tests) {
        const started = Date.now();
        try {
          await fn();
          passed++;
          console.log(`  ok    ${name} (${Date.now() - started} ms)`);
        } catch (err) {
          failed++;
          console.log(`  FAIL  ${name} (${Date.now() - started} ms)\n        ${String(err?.stack ?? err).replace(/\n/g, "\n        ")}`);
          await onFailure?.(name).catch(() => {});
        }
      }
      return { passed, failed };
    },
  };
}
