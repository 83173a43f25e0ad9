import { z } from 'zod';

/**
 * Output checking for long lists of one object shape (`keys.list` at 10,000 keys), without zod
 * parsing every row. The allow-list guarantee holds for every row: each output object is built
 * by copying exactly the keys the schema declares, so no undeclared field can cross. Every row's
 * values are checked for their kind (string, null, boolean, enum member, array of strings…);
 * the first row, and any row whose kinds do not fit, goes through zod in full, so refinements
 * (an id's pattern) are checked on the shape's first row and a malformed row still fails loudly.
 * A shape with a field this cannot judge by kind is left to zod, row by row. Rows `vet`ted for the
 * element schema (checked in full once, then frozen) pass as they are, and so does a whole list
 * made only of them (`vettedList`), without its rows being looked at again.
 */
export type ListChecker = (value: unknown) => { success: true; data: unknown } | { success: false; error: z.ZodError };

type Kind = (v: unknown) => boolean;

const cache = new WeakMap<z.ZodType, ListChecker | null>();
const vettedBy = new WeakMap<z.ZodType, WeakSet<object>>();
const vettedListsBy = new WeakMap<z.ZodType, WeakSet<object>>();

declare const vettedBrand: unique symbol;
/** A row `vet` returned: the type system keeps anything else out of a `vettedList`. */
export type Vetted<T> = T & { readonly [vettedBrand]: true };

/**
 * A row checked once, in full, by zod against `element` and frozen: it passes later checks by
 * that schema without being looked at again (a frozen object cannot gain a field). For caches
 * that hand the same rows out many times.
 */
export function vet<T extends object>(element: z.ZodType<T>, row: unknown): Vetted<T> {
  const data = deepFreeze(element.parse(row)) as Vetted<T>;
  setFor(vettedBy, element).add(data);
  return data;
}

/**
 * Many rows vetted for a cache of thousands: the first row, and any row whose values do not fit
 * the declared kinds, go through zod in full (`vet`); the others are built from the declared keys
 * only, checked by kind and frozen (the router's own rule for long lists). They are meant for a
 * `vettedList`, so they are not entered one by one where `vet` enters its rows: at 10,000 keys
 * that bookkeeping cost more than the check.
 */
export function vetAll<T extends object>(element: z.ZodType<T>, rows: readonly unknown[]): Vetted<T>[] {
  const fields = elementFields(element);
  return rows.map((row, i) => {
    const picked = fields && i > 0 ? pick(row, fields) : null;
    return picked ? (deepFreeze(picked) as Vetted<T>) : vet(element, row);
  });
}

/**
 * A list of rows `vet` returned for `element`, frozen (so no row can be swapped in after): the
 * checker passes it whole. At 50,000 keys, looking each row up again cost more than making the list.
 */
export function vettedList<T extends object>(element: z.ZodType<T>, rows: Vetted<T>[]): readonly T[] {
  Object.freeze(rows);
  setFor(vettedListsBy, element).add(rows);
  return rows;
}

function setFor(sets: WeakMap<z.ZodType, WeakSet<object>>, element: z.ZodType): WeakSet<object> {
  let set = sets.get(element);
  if (!set) sets.set(element, (set = new WeakSet()));
  return set;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  else for (const key in value) deepFreeze(value[key]);
  return Object.freeze(value);
}

/** A fast checker for `z.array(z.object(...))` schemas, or null where zod should do all the work. */
export function listChecker(schema: z.ZodType): ListChecker | null {
  if (cache.has(schema)) return cache.get(schema)!;
  const checker = compile(schema);
  cache.set(schema, checker);
  return checker;
}

const fieldsCache = new WeakMap<z.ZodType, Array<[string, Kind]> | null>();

/** An object schema's keys with a kind check each; null where zod must judge every row. */
function elementFields(element: z.ZodType): Array<[string, Kind]> | null {
  if (fieldsCache.has(element)) return fieldsCache.get(element)!;
  let fields: Array<[string, Kind]> | null = [];
  // A strict object refuses unknown keys rather than dropping them, and refinements of a whole
  // row are zod's to run on every row: keep zod's verdict there.
  if (!(element instanceof z.ZodObject) || element._zod.def.catchall !== undefined || element._zod.def.checks?.length) fields = null;
  else {
    for (const [key, field] of Object.entries(element.shape as Record<string, z.ZodType>)) {
      const kind = kindOf(field);
      if (!kind) {
        fields = null;
        break;
      }
      fields.push([key, kind]);
    }
  }
  fieldsCache.set(element, fields);
  return fields;
}

function compile(schema: z.ZodType): ListChecker | null {
  if (!(schema instanceof z.ZodArray)) return null;
  const element = schema.element as z.ZodType;
  // Refinements of the list are zod's to run on every row.
  if (schema._zod.def.checks?.length) return null;
  const fields = elementFields(element);
  if (!fields) return null;
  return (value) => {
    if (!Array.isArray(value)) return schema.safeParse(value);
    if (vettedListsBy.get(element)?.has(value)) return { success: true, data: value };
    const vetted = vettedBy.get(element);
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const row: unknown = value[i];
      if (vetted && typeof row === 'object' && row !== null && vetted.has(row)) {
        out[i] = row;
        continue;
      }
      const picked = i === 0 ? null : pick(row, fields);
      if (picked) {
        out[i] = picked;
        continue;
      }
      const full = element.safeParse(row);
      if (!full.success) return { success: false, error: new z.ZodError(full.error.issues.map((x) => ({ ...x, path: [i, ...x.path] }))) };
      out[i] = full.data;
    }
    return { success: true, data: out };
  };
}

function pick(row: unknown, fields: Array<[string, Kind]>): Record<string, unknown> | null {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return null;
  const src = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, kind] of fields) {
    const v = src[key];
    if (!kind(v)) return null;
    if (v !== undefined || key in src) out[key] = v; // an absent optional key stays absent, as zod leaves it
  }
  return out;
}

/** A predicate for a field's kind; null for anything it cannot judge (unions, transforms, objects…). */
function kindOf(field: z.ZodType): Kind | null {
  // Defaults and transforms change the value: such a field goes through zod (a missing value fails the kind).
  if (field instanceof z.ZodDefault) {
    const inner = kindOf(field._zod.def.innerType as z.ZodType);
    return inner && ((v) => v !== undefined && inner(v));
  }
  if (field instanceof z.ZodNullable) {
    const inner = kindOf(field._zod.def.innerType as z.ZodType);
    return inner && ((v) => v === null || inner(v));
  }
  if (field instanceof z.ZodOptional) {
    const inner = kindOf(field._zod.def.innerType as z.ZodType);
    return inner && ((v) => v === undefined || inner(v));
  }
  // A check that rewrites the value (`.trim()`) must run: leave such a field to zod.
  if (field._zod.def.checks?.some((c) => c._zod.def.check === 'overwrite')) return null;
  if (field instanceof z.ZodString) return (v) => typeof v === 'string';
  if (field instanceof z.ZodBoolean) return (v) => typeof v === 'boolean';
  if (field instanceof z.ZodNumber) return (v) => typeof v === 'number' && Number.isFinite(v);
  if (field instanceof z.ZodEnum) {
    const allowed = new Set<unknown>(field.options as unknown[]);
    return (v) => allowed.has(v);
  }
  if (field instanceof z.ZodArray) {
    const item = kindOf(field.element as z.ZodType);
    if (!item || field._zod.def.checks?.length) return null;
    return (v) => Array.isArray(v) && v.every(item);
  }
  return null;
}
