import { ValidationError } from '@nucal/core';

/** Data rows of a layer: one object per point, field name to number. */
export type Row = Record<string, number>;

/**
 * Rows from columns of equal length, dropping rows where any value is not finite (JSON has no
 * NaN or Infinity, and Vega would drop them anyway).
 */
export function rowsOf(where: string, columns: Record<string, ArrayLike<number>>): Row[] {
  const names = Object.keys(columns);
  const n = (columns[names[0] as string] as ArrayLike<number>).length;
  for (const k of names) {
    const len = (columns[k] as ArrayLike<number>).length;
    if (len !== n) throw new ValidationError(`${where}: column ${k} has ${len} values and ${names[0]} ${n}; expected equal lengths`);
  }
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const row: Row = {};
    let finite = true;
    for (const k of names) {
      const v = (columns[k] as ArrayLike<number>)[i] as number;
      if (!Number.isFinite(v)) finite = false;
      row[k] = v;
    }
    if (finite) rows.push(row);
  }
  return rows;
}
