// Runs tests/workerd/worker.mjs under workerd (no nodejs_compat) against the emulator:
// writes a workerd config embedding the built package (pkg/), then `workerd test`.
// Prints "[ PASS ]"/"[ FAIL ]" lines and exits non-zero on failure.
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const pkg = join(root, "pkg");
const out = join(root, "target", "workerd");
mkdirSync(out, { recursive: true });

const env = {
  DESCOPE_BASE_URL: process.env.DESCOPE_EMULATOR_URL ?? "http://127.0.0.1:8791",
  DESCOPE_PROJECT_ID: process.env.DESCOPE_EMULATOR_PROJECT_ID ?? "P2emulatorProject00000000001",
  DESCOPE_MANAGEMENT_KEY: process.env.DESCOPE_EMULATOR_KEY ?? "K2emulator-fake-management-key",
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Every runtime file of the package, named as the worker imports it.
const files = walk(pkg).filter((f) => /\.(js|wasm)$/.test(f) && !/(^|\/)node\.js$/.test(f));
const smoke = join(root, "tests", "package", "runtimes", "smoke.mjs");
const modules = [
  `(name = "worker.mjs", esModule = embed "${relative(out, join(here, "worker.mjs"))}")`,
  `(name = "smoke.mjs", esModule = embed "${relative(out, smoke)}")`,
];
for (const file of files) {
  const name = `descope-mgmt/${relative(pkg, file)}`;
  const kind = file.endsWith(".wasm") ? "wasm" : "esModule";
  modules.push(`(name = "${name}", ${kind} = embed "${relative(out, file)}")`);
}
const bindings = Object.entries(env).map(([name, value]) => `(name = "${name}", text = ${JSON.stringify(value)})`);

writeFileSync(
  join(out, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
);
const mainWorker :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")}
  ],
  bindings = [
    ${bindings.join(",\n    ")}
  ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "loopback",
);
`,
);

const workerd = join(root, "tools", "node_modules", ".bin", "workerd");
const run = spawnSync(workerd, ["test", join(out, "config.capnp")], { encoding: "utf8" });
const output = `${run.stdout}${run.stderr}`;
// Never echo the (fake) key, even from a failure trace.
process.stdout.write(output.split(env.DESCOPE_MANAGEMENT_KEY).join("<redacted>"));
process.exit(run.status === 0 && /\[ PASS \]/.test(output) ? 0 : 1);
