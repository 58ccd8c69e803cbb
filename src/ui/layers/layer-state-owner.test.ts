import { afterEach, describe, expect, it } from 'vitest';
import { Layer } from '@deck.gl/core';
import { installLayerStateOwner } from './layer-state-owner';

class Probe extends Layer<{ data: object }> {
  static layerName = 'Probe';
  initializeState(): void {}
}

type Internals = { _onAsyncPropUpdated(): void; _diffProps(): void; internalState: unknown };
const proto = Layer.prototype as unknown as Internals;
const original = proto._onAsyncPropUpdated;
afterEach(() => {
  proto._onAsyncPropUpdated = original;
});

describe('a layer state handed to a new instance', () => {
  it('calls back the newest instance, so the first one (and the data it drew) is not kept', () => {
    installLayerStateOwner();
    let calledOn: unknown = null;
    proto._onAsyncPropUpdated = function (this: unknown) {
      calledOn = this;
    };
    const first = new Probe({ id: 'p', data: { block: 1 } });
    // The state as deck's _initState leaves it: its callback bound to the instance that made it.
    const state = {
      setAsyncProps: () => {},
      getOldProps: () => first.props,
      onAsyncPropUpdated: proto._onAsyncPropUpdated.bind(first),
    };
    (first as unknown as Internals).internalState = state;
    let last: Probe = first;
    for (const block of [2, 3]) {
      const next = new Probe({ id: 'p', data: { block } });
      (next as unknown as Internals)._diffProps = () => {};
      next._transferState(last);
      last = next;
    }
    expect(last.internalState).toBe(state);
    state.onAsyncPropUpdated();
    expect(calledOn).toBe(last);
  });
});
