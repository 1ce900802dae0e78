// wrangler (and the Workers Vitest pool with a CompiledWasm rule) import `.wasm?module` as a compiled module.
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}
