// The national identity numbers a patient's `external_id` may be: a Swedish personal or
// coordination number (12 digits once read) or a Norwegian fødselsnummer or D-number
// (11 digits). The two never look alike: 11 digits (DDMMYY IIICC) are Norwegian, anything
// else is read as Swedish.
import { z } from 'zod';
import { parseNorwegianPersonalNumber } from '../../preload/contract/norwegian-id.ts';
import { parseSwedishPersonalNumber } from '../leyr/ids.ts';

export type NationalIdParse = { ok: true; value: string; country: 'se' | 'no' } | { ok: false; message: string };

const NORWEGIAN_SHAPE = /^\d{6}[ -]?\d{5}$/;

export function parseNationalId(input: string): NationalIdParse {
  const text = input.trim();
  if (NORWEGIAN_SHAPE.test(text)) {
    const parsed = parseNorwegianPersonalNumber(text);
    return parsed.ok ? { ok: true, value: parsed.value, country: 'no' } : { ok: false, message: `is not a valid Norwegian personal number (${parsed.message})` };
  }
  const parsed = parseSwedishPersonalNumber(text);
  return parsed.ok ? { ok: true, value: parsed.value, country: 'se' } : { ok: false, message: `is not a valid Swedish personal number (${parsed.message})` };
}

/** A Swedish or Norwegian personal number in any accepted form, read to its canonical digits. */
export const nationalIdSchema = z.string().transform((value, ctx) => {
  const parsed = parseNationalId(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});
