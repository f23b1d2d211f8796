// Renames the wasm's imports and exports in the glue, after `wasm-opt
// --minify-imports-and-exports-and-modules` renamed them in the module (tools/build.sh).
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`: random text that gzip cannot
// shrink, stored twice (module and glue); short names save about 1.5 KB gzip.
//   node tools/minify-names.mjs <mapping.json> <module.wasm> <glue.js>
// Fails, changing nothing, unless every name of the mapping is found in the glue and the
// rewritten glue names exactly the module's imports and only its exports.
import { readFileSync, writeFileSync } from "node:fs";

const [mapFile, wasmFile, glueFile] = process.argv.slice(2);
const fail = (why) => {
  console.error(`minify-names: ${why}`);
  process.exit(1);
};
// wasm-opt prints the mapping as JSON: { imports: [[module, old, new]], exports: [[old, new]] }.
const mapping = JSON.parse(readFileSync(mapFile, "utf8"));
const module = new WebAssembly.Module(readFileSync(wasmFile));
const imports = WebAssembly.Module.imports(module);
const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
const modules = [...new Set(imports.map((i) => i.module))];
if (modules.length !== 1) fail(`expected one import module, found ${modules.join(", ")}`);
const oldModules = [...new Set(mapping.imports.map(([m]) => m))];
if (oldModules.length !== 1) fail(`expected one import module in the mapping, found ${oldModules.join(", ")}`);

let glue = readFileSync(glueFile, "utf8");
const replaceAll = (pattern, to, what) => {
  const next = glue.replace(pattern, to);
  if (next === glue) fail(`${what} is not in ${glueFile}: the glue's shape changed`);
  glue = next;
};
const escape = (s) => s.replace(/[$.*+?^(){}[\]|\\/]/g, "\\$&");
replaceAll(new RegExp(`"${escape(oldModules[0])}": import0`, "g"), `"${modules[0]}": import0`, `the import module ${oldModules[0]}`);
// An import is a key of the glue's import object: `        name: function(`.
for (const [, from, to] of mapping.imports) replaceAll(new RegExp(`(\\n\\s+)${escape(from)}:`, "g"), `$1${to}:`, `the import ${from}`);
// An export is read as `wasm.name`.
for (const [from, to] of mapping.exports) {
  if (glue.includes(`wasm.${from}`)) glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm.${to}`);
}

// The rewritten glue must give exactly the module's imports and read only its exports.
const keys = new Set([...glue.matchAll(/\n\s+([A-Za-z0-9_$]+): function\(/g)].map((m) => m[1]));
const wanted = new Set(imports.map((i) => i.name));
for (const name of wanted) if (!keys.has(name)) fail(`the glue does not provide the import ${name}`);
for (const name of keys) if (!wanted.has(name)) fail(`the glue provides ${name}, which the module does not import`);
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)) if (!exports.has(name)) fail(`the glue reads wasm.${name}, which the module does not export`);
if (/__wbg_\w+_[0-9a-f]{16}\b/.test(glue)) fail("a hashed import name is left in the glue");
writeFileSync(glueFile, glue);
