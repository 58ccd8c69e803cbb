// Tells a published dataset's link (`#data=…/dataset.json`) from a file to import; tiny, so the first load stays light.

/** A `data=` URL names a published dataset when its path ends in `dataset.json` (any query). */
export function isPublishedUrl(url: string): boolean {
  return /(^|\/)dataset\.json$/i.test(url.split(/[?#]/)[0] ?? '');
}
