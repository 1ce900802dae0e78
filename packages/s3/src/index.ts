export * from './server/index.ts';
export * from './sigv4/index.ts';
