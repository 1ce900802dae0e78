/**
 * A local-filesystem `ObjectStore` (Node only; exported from
 * `@analytics/iceberg/node`). Keys are paths under `root`. Writes go to a
 * temporary file first: `ifNoneMatch: '*'` publishes with `link()` (atomic,
 * fails when the key exists) and other writes with `rename()` (atomic
 * replace). `ifMatch` is checked and applied under a per-key lock, which is
 * atomic within one process only.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { IcebergError } from '../errors.ts';
import { checkPrecondition } from './memory-store.ts';
import type { ByteRange, ObjectInfo, ObjectStore, PutOptions } from './storage.ts';

function code(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}

/** Objects as files under a root directory. */
export class FsStore implements ObjectStore {
  private readonly locks = new Map<string, Promise<unknown>>();

  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private path(key: string): string {
    if (key.split('/').some((part) => part === '..')) {
      throw new IcebergError('invalid-argument', `Invalid object key ${key}: '..' is not allowed`, { key });
    }
    return join(this.root, ...key.split('/'));
  }

  async get(key: string, range?: ByteRange): Promise<Uint8Array | undefined> {
    try {
      if (!range) return new Uint8Array(await readFile(this.path(key)));
      const handle = await open(this.path(key), 'r');
      try {
        const size = (await handle.stat()).size;
        const length = Math.max(0, Math.min(range.length, size - range.offset));
        const buf = new Uint8Array(length);
        await handle.read(buf, 0, length, range.offset);
        return buf;
      } finally {
        await handle.close();
      }
    } catch (e) {
      if (code(e) === 'ENOENT') return undefined;
      throw new IcebergError('storage', `Cannot read ${key}: ${(e as Error).message}`, { key }, { cause: e });
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const s = await stat(this.path(key));
      if (!s.isFile()) return undefined;
      return { key, size: s.size, etag: etagOf(s), uploaded: s.mtime };
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined;
      throw new IcebergError('storage', `Cannot stat ${key}: ${(e as Error).message}`, { key }, { cause: e });
    }
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const target = this.path(key);
    return this.withLock(key, async () => {
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, body);
      try {
        if (options?.ifNoneMatch === '*') {
          try {
            await link(tmp, target);
          } catch (e) {
            if (code(e) === 'EEXIST')
              throw new IcebergError('precondition-failed', `Object ${key} already exists`, { key });
            throw e;
          }
          await unlink(tmp);
        } else {
          if (options?.ifMatch !== undefined) checkPrecondition(key, (await this.head(key))?.etag, options);
          await rename(tmp, target);
        }
      } catch (e) {
        await rm(tmp, { force: true });
        if (e instanceof IcebergError) throw e;
        throw new IcebergError(
          'storage',
          `Cannot write ${key}: ${(e as Error).message}`,
          { key },
          { cause: e },
        );
      }
      const info = await this.head(key);
      if (!info) throw new IcebergError('storage', `Object ${key} vanished after writing`, { key });
      return info;
    });
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => rm(this.path(k), { force: true })));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // Walk from the deepest directory the prefix names, then filter by the full prefix.
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash);
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return;
        throw e;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
          const key = relative(this.root, full).split(sep).join('/');
          if (key.startsWith(prefix)) keys.push(key);
        }
      }
    };
    await walk(base === '' ? this.root : this.path(base));
    keys.sort();
    for (const key of keys) {
      const info = await this.head(key);
      if (info) yield info;
    }
  }

  private async withLock<T>(key: string, f: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(f, f);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}

function etagOf(s: { size: number; mtimeMs: number; ino: number }): string {
  return `"${s.ino.toString(16)}-${s.size.toString(16)}-${Math.round(s.mtimeMs * 1000).toString(16)}"`;
}
