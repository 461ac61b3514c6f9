// The page's type scale as reactive state, mirrored in the `--ui-scale` CSS property: parts that size themselves
// in script (the cluster picture, the terminal's font) read it to follow projection mode as it turns on and off.

/** The scale projection mode sets on a 1920-pixel-wide screen (1 = the ordinary page). */
export const PROJECTION_SCALE = 1.6;

/**
 * Projection mode's scale for a window `width` CSS pixels wide: 1.6 on a 1920×1080 projector, less on a smaller
 * screen (1.2 at 1440), so the picture keeps room to be drawn large rather than the header taking it. Pure.
 */
export function projectionScale(width: number): number {
  return Math.round(Math.min(PROJECTION_SCALE, Math.max(1.15, width / 1200)) * 100) / 100;
}

export const pageScale = $state({ value: 1 });
