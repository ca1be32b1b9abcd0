import { column } from '../sqlite/rows.js';

/**
 * `snake_col AS "camelField"` for every field of a record, so rows arrive already shaped as the
 * domain record. Taking a `Record<keyof T, true>` makes the compiler reject a forgotten field.
 */
export function selectList<T>(fields: Record<keyof T, true>, table?: string): string {
  const prefix = table ? `${table}.` : '';
  return Object.keys(fields)
    .map((f) => `${prefix}${column(f)} AS "${f}"`)
    .join(', ');
}

/**
 * Builds `SET a = $1, b = $2` / `VALUES ($1, $2)` lists for the given fields. jsonb fields are
 * sent as JSON text: pg would otherwise turn a JS array into a PostgreSQL array.
 */
export class Params {
  readonly values: unknown[] = [];

  constructor(private readonly jsonFields: ReadonlySet<string> = new Set()) {}

  /** Adds a value and returns its `$n` placeholder. */
  add(value: unknown, field?: string): string {
    const json = field !== undefined && this.jsonFields.has(field);
    this.values.push(json && value !== null && value !== undefined ? JSON.stringify(value) : value);
    return `$${this.values.length}`;
  }

  /** `col = $n` for each defined field of `fields`. */
  assignments(fields: object): string[] {
    return Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => `${column(field)} = ${this.add(value, field)}`);
  }
}

export { column };
