// A regular expression as a scenario writes it (an evidence's path or error, an s3-front's match): JavaScript
// syntax, checked with the `u` flag (the strictest reading), searched for anywhere unless anchored with ^ or $.
import { z } from 'zod';

export const pattern = z.string().superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/u?: /s, '');
    ctx.addIssue({ code: 'custom', message: `invalid regular expression ${JSON.stringify(src)}: ${why}` });
  }
});

/** The pattern compiled as it was checked. */
export const compiled = (src: string): RegExp => new RegExp(src, 'u');
