// Renames the wasm's imports and exports in the glue, after `wasm-opt
// --minify-imports-and-exports-and-modules` renamed them in the module (tools/build.sh).
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`: random text that gzip cannot
// shrink, stored twice (module and glue); short names save about 1.5 KB gzip.
//   node tools/minify-names.mjs <mapping.json> <module.wasm> <glue.js>
// Every import ends in one module: the glue's own functions (its object `import0`) and those
// the wasm imports straight from a snippet (`import * as importN from "<snippet>"`).
// Fails, changing nothing, unless every name of the mapping is found in the glue and the
// rewritten glue gives exactly the module's imports and reads only its exports.
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

let glue = readFileSync(glueFile, "utf8");
const escape = (s) => s.replace(/[$.*+?^(){}[\]|\\/]/g, "\\$&");
const replaceAll = (pattern, to, what) => {
  const next = glue.replace(pattern, to);
  if (next === glue) fail(`${what} is not in ${glueFile}: the glue's shape changed`);
  glue = next;
};
// The snippets the wasm imports from, by the name the glue gives their namespace.
const namespaces = new Map([...glue.matchAll(/^import \* as (import\d+) from "([^"]+)"/gm)].map((m) => [m[2], m[1]]));
const own = [...new Set(mapping.imports.map(([m]) => m))].filter((m) => !namespaces.has(m));
if (own.length !== 1) fail(`expected the glue's own import module and snippets, found ${own.join(", ")}`);
const extra = [];
for (const [from, name, to] of mapping.imports) {
  if (from === own[0]) {
    // One of the glue's functions: a key of its import object, `        name: function(`.
    replaceAll(new RegExp(`(\\n\\s+)${escape(name)}:`, "g"), `$1${to}:`, `the import ${name}`);
  } else {
    extra.push(`${to}: ${namespaces.get(from)}[${JSON.stringify(name)}]`);
  }
}
// The import object: one module now, the glue's functions and the snippets' beside them.
// (wasm-bindgen may list a snippet more than once, one namespace per use: all go.)
for (const m of [own[0], ...namespaces.keys()]) {
  const line = new RegExp(`\\n\\s+"${escape(m)}": import\\d+,`, "g");
  if (!line.test(glue)) fail(`the import module ${m} is not in the glue's import object`);
  glue = glue.replace(line, "");
}
replaceAll(/(\n\s+return \{\n\s+__proto__: null,)/, `$1\n        "${modules[0]}": { __proto__: null, ...import0, ${extra.join(", ")} },`, "the glue's import object");
// An export is read as `wasm.name`.
for (const [from, to] of mapping.exports) {
  if (glue.includes(`wasm.${from}`)) glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm.${to}`);
}

// The rewritten glue must give exactly the module's imports and read only its exports.
const keys = new Set([...glue.matchAll(/\n\s+([A-Za-z0-9_$]+): function\(/g)].map((m) => m[1]));
for (const e of extra) keys.add(e.split(":")[0]);
const wanted = new Set(imports.map((i) => i.name));
for (const name of wanted) if (!keys.has(name)) fail(`the glue does not provide the import ${name}`);
for (const name of keys) if (!wanted.has(name)) fail(`the glue provides ${name}, which the module does not import`);
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)) if (!exports.has(name)) fail(`the glue reads wasm.${name}, which the module does not export`);
if (/__wbg_\w+_[0-9a-f]{16}\b/.test(glue)) fail("a hashed import name is left in the glue");
writeFileSync(glueFile, glue);
