// A word as a POSIX shell reads it back: as is when it holds nothing the shell would act on, else single-quoted.

export const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`);
