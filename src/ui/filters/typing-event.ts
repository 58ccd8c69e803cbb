// The window event a search box sends on each key, so that the map holds its redraw until the keys pause.
export const TYPING_EVENT = 'atlas:typing';
