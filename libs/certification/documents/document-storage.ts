import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@masks/core';

/**
 * Where document bytes live. Keys are chosen by the storage from the content (never from a client's
 * file name), so an object-storage implementation can replace the local disk without a migration.
 */
export abstract class DocumentStorage {
  /** Stores the bytes and returns their key; storing the same content twice is harmless. */
  abstract put(sha256: string, content: Buffer): Promise<string>;
  abstract open(key: string): Promise<Readable>;
}

const KEY_SHAPE = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** Content-addressed files under DOCUMENTS_DIR: `ab/abcdef…` (SHA-256 hex). */
@Injectable()
export class LocalDiskDocumentStorage extends DocumentStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  private pathOf(key: string): string {
    // Keys come from our own rows, but a path is only ever built from this exact shape.
    if (!KEY_SHAPE.test(key)) throw new Error('Invalid document key');
    return join(this.config.documentsDir, key);
  }

  async put(sha256: string, content: Buffer): Promise<string> {
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const path = this.pathOf(key);
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return key;
    await mkdir(join(this.config.documentsDir, sha256.slice(0, 2)), { recursive: true });
    // Written aside then renamed: a reader never sees half a file, even with concurrent uploads.
    const partial = `${path}.${randomUUID()}.part`;
    await writeFile(partial, content, { mode: 0o600 });
    await rename(partial, path);
    return key;
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }
}
