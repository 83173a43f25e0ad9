/**
 * A schema built on first use instead of at load. Building every schema of the contract costs
 * ~25 ms, paid by every `keydeck` command before it does anything, though one command uses a
 * handful; each stands in for its schema (same type, same methods, same prototype) and builds it
 * the first time anything asks. A schema nested in another one is only built when that one runs.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = () => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    defineProperty: (_, key, desc) => Reflect.defineProperty(schema(), key, desc),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    ownKeys: () => Reflect.ownKeys(schema()),
    // The stand-in itself is empty: a proxy may only report its properties as configurable.
    getOwnPropertyDescriptor: (_, key) => {
      const desc = Reflect.getOwnPropertyDescriptor(schema(), key);
      return desc && { ...desc, configurable: true };
    },
  });
}

/**
 * A record whose values are built on first access, each once: the contract's channels, so a
 * process answers one channel without building the other sixty.
 */
export function lazyRecord<D extends Record<string, () => unknown>>(defs: D): { readonly [K in keyof D]: ReturnType<D[K]> } {
  const out = {} as { [K in keyof D]: ReturnType<D[K]> };
  for (const key of Object.keys(defs) as Array<keyof D>) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = defs[key]!() as ReturnType<D[typeof key]>;
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return out;
}
