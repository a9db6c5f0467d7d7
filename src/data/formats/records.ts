/**
 * Safe use of untrusted names as object keys. A file can name a column '__proto__' or
 * 'constructor': plain assignment would replace the record's prototype, and plain lookup would
 * find Object.prototype's members. These helpers only ever see own properties.
 */

/** record[key] = value as an own, enumerable property, whatever the key. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** record[key] if it is the record's own property, else undefined. */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
