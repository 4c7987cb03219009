// Old event shapes are brought to the current shape when read; the file is never rewritten.
// Each entry names the type, what changed, and turns the old shape into the new one.

type Raw = Record<string, unknown>;

const upcasters: Record<string, (raw: Raw) => Raw> = {};

export function upcast(raw: Raw): Raw {
  const up = typeof raw.type === 'string' ? upcasters[raw.type] : undefined;
  return up ? up(raw) : raw;
}
