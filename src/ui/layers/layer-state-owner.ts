// deck.gl keeps the first instance of every layer alive through its state (and with it that instance's parents and data): hands the state's callback to each new instance instead.
import { Layer } from '@deck.gl/core';

/**
 * A layer's state (LayerState) outlives its instances: each redraw makes new layer objects and
 * `_transferState` moves the state to them. But `_initState` binds the state's
 * `onAsyncPropUpdated` to the instance that made it, and the transfer never binds it again, so
 * that first instance stays reachable as long as the layer id is drawn — and through its `parent`
 * (our AtlasDataLayer) and `props`, the dataset it drew first. With a published dataset that is
 * the first block loaded: the week's rows (82,837 at 10M, ~30 MB) held beside the block drawn and
 * the one built ahead, for as long as the map shows rows (bench/published-retainers.ts finds the
 * path). Here each transfer binds the callback to the new instance; the old one is then garbage.
 */
let installed = false;
export function installLayerStateOwner(): void {
  if (installed) return;
  installed = true;
  const proto = Layer.prototype as unknown as {
    _transferState(this: Layer, old: Layer): void;
    _onAsyncPropUpdated: () => void;
  };
  const transfer = proto._transferState;
  proto._transferState = function (this: Layer, old: Layer): void {
    transfer.call(this, old);
    const state = this.internalState;
    if (this !== old && state)
      state.onAsyncPropUpdated = (this as unknown as typeof proto)._onAsyncPropUpdated.bind(this);
  };
}
