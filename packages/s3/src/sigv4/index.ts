export * from './aws-chunked.ts';
export * from './canonical-request.ts';
export * from './checksum.ts';
export * from './encoding.ts';
export * from './sign-request.ts';
export * from './signing-key.ts';
export * from './sigv4-error.ts';
export * from './verify-request.ts';
