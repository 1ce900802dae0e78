// Vite `?raw` imports (the contract text, loaded without a file system in workerd).
declare module '*?raw' {
  const text: string;
  export default text;
}
