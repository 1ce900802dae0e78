export * from './s3-store.ts';
export * from './server/index.ts';
export * from './sigv4/index.ts';
