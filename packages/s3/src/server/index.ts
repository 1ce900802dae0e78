export * from '../sigv4/index.ts';
export * from './create-s3-handler.ts';
export * from './r2-bucket-like.ts';
export * from './s3-context.ts';
export * from './s3-error.ts';
