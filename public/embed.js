/* Conflict Atlas host script: sizes the page's atlas iframes to their content. No dependencies.
 * Add data-conflict-atlas to each <iframe>. A message is obeyed only if it is a
 * {type: "conflict-atlas:resize", height} object that comes from that iframe's own window
 * (event.source) AND from the origin of that iframe's src (event.origin); all else is ignored.
 * See docs/embedding.md. */
(function (w, d) {
  if (w.conflictAtlasHost) return; // the script may be pasted once per embed: listen once
  w.conflictAtlasHost = 1;
  w.addEventListener('message', function (e) {
    var m = e.data, f = d.querySelectorAll('iframe[data-conflict-atlas]'), i, h;
    if (!m || m.type !== 'conflict-atlas:resize' || !e.source || e.origin === 'null') return;
    h = +m.height;
    if (!(h > 0 && h < 1e5)) return;
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow === e.source) {
        try {
          if (new URL(f[i].src, location.href).origin !== e.origin) return;
        } catch (x) {
          return;
        }
        f[i].style.height = Math.ceil(h) + 'px';
        return;
      }
    }
  });
})(window, document);
