/** Workers bundle `.wasm?module` imports as compiled modules (wrangler's default `CompiledWasm` rule). */
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}
