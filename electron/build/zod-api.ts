/**
 * The part of zod the main process uses, and all of it that its bundle evaluates: ~2 ms where the
 * whole `z` namespace (every locale, JSON Schema, codecs) costs ~10 ms on each `keydeck` start.
 * A name missing here fails `test/unit/build/zod-api.test.ts`, which reads every `z.…` in the sources.
 */
export {
  array,
  boolean,
  custom,
  enum,
  iso,
  literal,
  looseObject,
  null,
  number,
  object,
  preprocess,
  record,
  strictObject,
  string,
  templateLiteral,
  union,
  unknown,
  ZodArray,
  ZodBoolean,
  ZodDefault,
  ZodEnum,
  ZodError,
  ZodNullable,
  ZodNumber,
  ZodObject,
  ZodOptional,
  ZodString,
  ZodType,
} from 'zod/v4';
