/**
 * The shape a translation must have: the same keys as the English catalogue,
 * each holding text. `satisfies SameKeys<typeof en>` in a Spanish file makes
 * the compiler refuse a missing or an extra key.
 */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };
