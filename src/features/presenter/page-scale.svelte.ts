// The page's type scale as reactive state, mirrored in the `--ui-scale` CSS property: parts that size themselves
// in script (the cluster picture, the terminal's font) read it to follow projection mode as it turns on and off.

/** The scale projection mode sets (1 = the ordinary page). */
export const PROJECTION_SCALE = 1.6;

export const pageScale = $state({ value: 1 });
