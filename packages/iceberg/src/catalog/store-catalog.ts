/**
 * An in-process `Catalog` over an ObjectStore, for tests, tools and the
 * filesystem store. Each table has a pointer object naming its current
 * metadata file; commits write a new immutable metadata file, then swap the
 * pointer with a conditional write (`ifMatch` on its etag, `ifNoneMatch` on
 * create). A lost swap re-validates the requirements against the newer
 * metadata and retries (REST "server-side retry").
 */
import { applyCommit } from '../commit/apply-commit.ts';
import type { TableRequirement } from '../commit/table-requirement.ts';
import type { TableUpdate } from '../commit/table-update.ts';
import { IcebergError, isIcebergError } from '../errors.ts';
import { type FileIO, keyOf } from '../io/locations.ts';
import { parseJson, stringifyJson } from '../json/lossless-json.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';
import { type Catalog, formatIdentifier, type LoadedTable, type TableIdentifier } from './catalog.ts';
import {
  metadataVersion,
  nextMetadataLocation,
  readMetadataFile,
  writeMetadataFile,
} from './metadata-file.ts';

/** Dependencies of a StoreCatalog. */
export interface StoreCatalogOptions {
  readonly io: FileIO;
  /** Where pointers live, relative to the store root (default `catalog/`). */
  readonly pointerPrefix?: string;
  readonly now: () => number;
  readonly newUuid: () => string;
  /** Swap attempts before giving up with `commit-failed` (default 100). */
  readonly maxSwapAttempts?: number;
}

/** The table property that deletes metadata files dropped from the metadata log. */
const DELETE_AFTER_COMMIT = 'write.metadata.delete-after-commit.enabled';

/** A catalog whose state is one pointer object per table in the store. */
export class StoreCatalog implements Catalog {
  private readonly prefix: string;

  private readonly options: StoreCatalogOptions;

  constructor(options: StoreCatalogOptions) {
    this.options = options;
    this.prefix = options.pointerPrefix ?? 'catalog/';
  }

  private pointerKey(id: TableIdentifier): string {
    return `${this.prefix}${id.namespace.map(encodeURIComponent).join('/')}/${encodeURIComponent(id.name)}.json`;
  }

  private async readPointer(id: TableIdentifier): Promise<{ location: string; etag: string } | undefined> {
    const key = this.pointerKey(id);
    const info = await this.options.io.store.head(key);
    if (!info) return undefined;
    const body = await this.options.io.store.get(key);
    if (!body) return undefined;
    const json = parseJson(new TextDecoder().decode(body)) as { 'metadata-location': string };
    return { location: json['metadata-location'], etag: info.etag ?? '' };
  }

  async loadTable(id: TableIdentifier): Promise<LoadedTable> {
    const pointer = await this.readPointer(id);
    if (!pointer)
      throw new IcebergError('not-found', `Table does not exist: ${formatIdentifier(id)}`, {
        table: formatIdentifier(id),
      });
    return {
      metadataLocation: pointer.location,
      metadata: await readMetadataFile(this.options.io, pointer.location),
    };
  }

  async createTable(id: TableIdentifier, updates: readonly TableUpdate[]): Promise<LoadedTable> {
    const metadata = applyCommit(undefined, [{ type: 'assert-create' }], updates, this.options);
    const location = nextMetadataLocation(metadata, undefined, this.options.newUuid());
    await writeMetadataFile(this.options.io, location, metadata);
    try {
      await this.options.io.store.put(this.pointerKey(id), this.pointerBody(location), { ifNoneMatch: '*' });
    } catch (e) {
      await this.options.io.store.delete([keyOf(this.options.io, location)]);
      if (isIcebergError(e, 'precondition-failed')) {
        throw new IcebergError('already-exists', `Table already exists: ${formatIdentifier(id)}`, {
          table: formatIdentifier(id),
        });
      }
      throw e;
    }
    return { metadataLocation: location, metadata };
  }

  async commitTable(
    id: TableIdentifier,
    requirements: readonly TableRequirement[],
    updates: readonly TableUpdate[],
  ): Promise<LoadedTable> {
    const attempts = this.options.maxSwapAttempts ?? 100;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const pointer = await this.readPointer(id);
      if (!pointer)
        throw new IcebergError('not-found', `Table does not exist: ${formatIdentifier(id)}`, {
          table: formatIdentifier(id),
        });
      const base = await readMetadataFile(this.options.io, pointer.location);
      const next = applyCommit(base, requirements, updates, {
        ...this.options,
        baseMetadataLocation: pointer.location,
      });
      if (next === base) return { metadataLocation: pointer.location, metadata: base };
      const location = nextMetadataLocation(next, pointer.location, this.options.newUuid());
      try {
        await writeMetadataFile(this.options.io, location, next);
      } catch (e) {
        // Another writer took this version number: the pointer has moved on, so refresh.
        if (isIcebergError(e, 'precondition-failed')) continue;
        throw e;
      }
      try {
        await this.options.io.store.put(this.pointerKey(id), this.pointerBody(location), {
          ifMatch: pointer.etag,
        });
      } catch (e) {
        if (isIcebergError(e, 'precondition-failed')) {
          await this.options.io.store.delete([keyOf(this.options.io, location)]);
          continue;
        }
        // The swap may or may not have happened: leave the metadata file, report unknown state.
        throw new IcebergError(
          'commit-state-unknown',
          `Commit to ${formatIdentifier(id)} in unknown state: ${(e as Error).message}`,
          {},
          { cause: e },
        );
      }
      await this.cleanUpMetadata(base, next);
      return { metadataLocation: location, metadata: next };
    }
    throw new IcebergError(
      'commit-failed',
      `Commit to ${formatIdentifier(id)} failed: too many concurrent commits`,
      {
        table: formatIdentifier(id),
      },
    );
  }

  /** Deletes metadata files that fell out of the metadata log, when the table asks for it. */
  private async cleanUpMetadata(base: TableMetadata, next: TableMetadata): Promise<void> {
    if (next.properties[DELETE_AFTER_COMMIT] !== 'true') return;
    const kept = new Set(next.metadataLog.map((e) => e.metadataFile));
    const dropped = base.metadataLog
      .filter((e) => !kept.has(e.metadataFile))
      .map((e) => keyOf(this.options.io, e.metadataFile));
    if (dropped.length > 0) await this.options.io.store.delete(dropped);
  }

  private pointerBody(location: string): Uint8Array {
    return new TextEncoder().encode(
      stringifyJson({ 'metadata-location': location, version: metadataVersion(location) }),
    );
  }
}
