import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/io/memory-store.ts';
import { FsStore } from '../../src/node.ts';
import { objectStoreContract } from '../../src/testing/index.ts';

objectStoreContract('memory', async () => new MemoryStore());

const root = mkdtemp(join(tmpdir(), 'iceberg-fs-store-'));
objectStoreContract('filesystem', async () => new FsStore(await root));
