// Declaration helpers: a call is its argument schema plus a phantom result type, so results
// and event payloads cost nothing at run time and are fully typed.
import type { z } from 'zod';

declare const resultBrand: unique symbol;
/** Phantom marker for a result or payload type: no runtime cost, full static typing. */
export type Phantom<T> = { readonly [resultBrand]: T };
export const phantom = <T>(): Phantom<T> => ({}) as Phantom<T>;

export interface CallSpec<A extends z.ZodType, R> {
  arg: A;
  result: Phantom<R>;
}
export const call = <R>() => <A extends z.ZodType>(arg: A): CallSpec<A, R> => ({ arg, result: phantom<R>() });
