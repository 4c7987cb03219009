// A layer of a generated image: "small" (a tar of a few tiny files) or a size like 100B, 64KiB, 1MiB.
import { z } from 'zod';

export const layerSpec = z.union([z.literal('small'), z.string().regex(/^\d+(B|KiB|MiB)$/, 'a size like 100B, 64KiB or 5MiB, or "small"')]);
