/**
 * The binding of `vitest.workers.config.ts` this folder's workerd test uses,
 * declared narrowly so the package typechecks without the Workers global types.
 */
declare module 'cloudflare:workers' {
  export const env: { readonly BUCKET: unknown };
}
