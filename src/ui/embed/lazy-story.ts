// The guided story in the embed, loaded only when the hash opens it (#story=1&step=3): its code is off the first view's path.
import type { AtlasStore } from '../../app/store';
import type { Mounted } from '../controls/control';

/** Mounts the story on `host` the first time the store has one open; `destroy()` undoes it. */
export function mountLazyStory(store: AtlasStore, host: HTMLElement): Mounted {
  let destroy: (() => void) | null = null;
  let gone = false;
  let loading = false;
  const load = (): void => {
    if (loading || !store.getState().story) return;
    loading = true;
    unsubscribe();
    void import('../story/mount').then(({ mountStory }) => {
      if (gone) return;
      const story = mountStory(store, host, { focusOnOpen: false });
      destroy = () => story.destroy();
    });
  };
  const unsubscribe = store.subscribe(load);
  load();
  return {
    destroy() {
      gone = true;
      unsubscribe();
      destroy?.();
    },
  };
}
