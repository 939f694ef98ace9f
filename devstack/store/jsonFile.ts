import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A small JSON document persisted to one file. Writes go to a temp file then rename,
 * so a crash never leaves half a file behind.
 */
export class JsonFile<T> {
  private value: T;

  constructor(
    private readonly path: string,
    initial: () => T,
  ) {
    this.value = JsonFile.load(path) ?? initial();
  }

  /** The current document (mutate it, then call `save`). */
  get data(): T {
    return this.value;
  }

  /** Writes the current document to disk. */
  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2));
    renameSync(tmp, this.path);
  }

  private static load<T>(path: string): T | undefined {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }
}
