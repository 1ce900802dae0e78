/**
 * The bindings of `vitest.workers.config.ts`, typed narrowly so the package
 * typechecks without pulling the Workers global types into its Node code.
 */
declare module 'cloudflare:workers' {
  interface R2ObjectBodyLike {
    arrayBuffer(): Promise<ArrayBuffer>;
    readonly size: number;
  }
  interface R2BucketLike {
    put(key: string, value: Uint8Array): Promise<unknown>;
    get(key: string): Promise<R2ObjectBodyLike | null>;
  }
  export const env: { readonly BUCKET: R2BucketLike };
}
