// Zoom and pan of the cluster picture with d3-zoom, attached to the <svg> through Svelte's {@attach}; the zoom moves
// one viewport group, so zooming never re-renders the picture.
import { select } from 'd3-selection';
import 'd3-transition';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { followTransform, type Size } from './layout';

/** How far the picture zooms out and in. */
export const SCALE_EXTENT: readonly [number, number] = [0.1, 6];

/** The picture's zoom: d3-zoom on the <svg>, fitting, following and zoom buttons. */
export class ZoomController {
  /** Keep the whole picture in view as it grows; off once the student zooms or pans, on again with "fit". */
  follow = true;
  /** Whether a transform has been applied to the viewport yet. */
  private applied = false;
  private svg: SVGSVGElement | undefined;
  private readonly behaviour: ZoomBehavior<SVGSVGElement, unknown>;

  /** `reducedMotion` is read at each zoom so the user's setting applies at once. */
  constructor(private readonly reducedMotion: () => boolean) {
    this.behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([...SCALE_EXTENT])
      // The wheel scrolls the picture like a page; with Ctrl (or a pinch) it zooms.
      .filter((event: MouseEvent | WheelEvent) => (event.type === 'wheel' ? event.ctrlKey || event.metaKey : !event.ctrlKey && !event.button))
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
        this.svg?.querySelector('g.viewport')?.setAttribute('transform', event.transform.toString());
        this.applied = true;
        if (event.sourceEvent) this.follow = false;
      });
  }

  /** The attachment: `<svg {@attach zoom.attach}>`. */
  readonly attach = (svg: SVGSVGElement): (() => void) => {
    this.svg = svg;
    select(svg).call(this.behaviour).on('dblclick.zoom', null);
    const wheel = (event: WheelEvent): void => {
      if (event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      this.follow = false;
      const k = this.transform()?.k ?? 1;
      select(svg).call(this.behaviour.translateBy, -event.deltaX / k, -event.deltaY / k);
    };
    svg.addEventListener('wheel', wheel, { passive: false });
    return () => {
      svg.removeEventListener('wheel', wheel);
      select(svg).on('.zoom', null);
      if (this.svg === svg) this.svg = undefined;
    };
  };

  /** The current transform, once attached. */
  transform(): ZoomTransform | undefined {
    return this.svg ? (this.svg as unknown as { __zoom?: ZoomTransform }).__zoom : undefined;
  }

  /** Sets the transform (scale k, then translate), animated unless motion is reduced. */
  set(k: number, x: number, y: number, animate = true): void {
    if (!this.svg) return;
    const target = zoomIdentity.translate(x, y).scale(k);
    const sel = select(this.svg);
    if (animate && !this.reducedMotion()) sel.transition().duration(300).call(this.behaviour.transform, target);
    else sel.call(this.behaviour.transform, target);
  }

  /** Tells the zoom the viewport's size (screen px), so it never has to measure the <svg> (a forced layout). */
  setViewport(viewport: Size): void {
    this.behaviour.extent([[0, 0], [Math.max(1, viewport.width), Math.max(1, viewport.height)]]);
  }

  /** Shows all of `content` (picture px) in the `viewport` (screen px), at most at scale `base`. */
  fit(content: Size, viewport: Size, base: number, animate = true): void {
    const t = followTransform(content, viewport, base);
    this.set(t.k, t.x, t.y, animate);
  }

  /**
   * While following: keeps all of `content` in view, instantly, and zooms back in only when the view is off by more
   * than a few percent, so pods churning inside a node do not make the whole picture breathe.
   */
  refit(content: Size, viewport: Size, base: number): void {
    const t = followTransform(content, viewport, base);
    const now = this.transform();
    // Never leave part of the picture out of view; zoom back in only when it is worth a repaint.
    if (now && this.applied && t.k >= now.k && (t.k - now.k) / now.k < 0.04 && Math.abs(t.x - now.x) < 12 && Math.abs(t.y - now.y) < 12) return;
    this.set(t.k, t.x, t.y, false);
  }

  /** Zooms by `factor` about the centre of the viewport (the student takes over from following). */
  zoomBy(factor: number): void {
    if (!this.svg) return;
    this.follow = false;
    const sel = select(this.svg);
    if (this.reducedMotion()) sel.call(this.behaviour.scaleBy, factor);
    else sel.transition().duration(200).call(this.behaviour.scaleBy, factor);
  }
}
