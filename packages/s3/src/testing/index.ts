export * from './memory-bucket.ts';
