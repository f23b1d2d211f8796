// A quick run of every benchmark mode and variant with tiny counts, so the test command
// proves the benchmark harness works (the benchmark itself is tools/bench.sh).
import { execFile, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const server = spawn("node", [join(here, "server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((ok) => server.stdout.once("data", (d) => ok(/listening (\d+)/.exec(String(d))[1])));
let passed = 0;
let failed = 0;
try {
  for (const variant of ["floor", "ours", "sdk"]) {
    for (const args of [["cold"], ["cpu", `http://127.0.0.1:${port}`], ["read", "100"]]) {
      if (variant === "floor" && args[0] === "cold") continue;
      const label = `${args[0]} ${variant}`;
      try {
        const { stdout } = await run("node", [join(here, "child.mjs"), args[0], variant, ...args.slice(1)], {
          cwd: here,
          env: { ...process.env, BENCH_CALLS: "200" },
        });
        const result = JSON.parse(stdout);
        const values = Object.values(result);
        if (!values.length || !values.every((v) => Number.isFinite(v) && v > 0)) throw new Error(stdout);
        passed++;
        console.log(`PASS bench ${label}: ${stdout.trim()}`);
      } catch (err) {
        failed++;
        console.log(`FAIL bench ${label}: ${err.message}`);
      }
    }
  }
  // The per-call CPU of bench/run.mjs: the three clients in one process, in batches.
  try {
    const { stdout } = await run("node", [join(here, "child.mjs"), "mix", "all", `http://127.0.0.1:${port}`], {
      cwd: here,
      env: { ...process.env, BENCH_BATCHES: "2", BENCH_BATCH_CALLS: "20" },
    });
    const { cpu, wall } = JSON.parse(stdout);
    for (const v of ["floor", "ours", "sdk"]) {
      const values = [...cpu[v], ...wall[v]];
      if (values.length !== 4 || !values.every((x) => Number.isFinite(x) && x > 0)) throw new Error(stdout);
    }
    passed++;
    console.log(`PASS bench mix: ${stdout.trim()}`);
  } catch (err) {
    failed++;
    console.log(`FAIL bench mix: ${err.message}`);
  }
} finally {
  server.kill("SIGTERM");
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
