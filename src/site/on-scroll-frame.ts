// Work that follows the scroll position, done at most once per frame: scroll and resize events only queue it.

/** Calls `update` now, then once in the next animation frame after any scroll or resize. */
export function onScrollFrame(update: () => void): void {
  let queued = false;
  const run = (): void => {
    queued = false;
    update();
  };
  const queue = (): void => {
    if (!queued) requestAnimationFrame(run);
    queued = true;
  };
  addEventListener("scroll", queue, { passive: true });
  addEventListener("resize", queue);
  update();
}
