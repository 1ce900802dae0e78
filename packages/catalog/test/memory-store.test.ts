import { describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../src/store/memory-store.ts';
import { catalogStoreContract } from './catalog-store-contract.ts';

catalogStoreContract('memory', async (body) => body(new MemoryCatalogStore()), { describe, it, expect });
