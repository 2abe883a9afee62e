/** Key layer of the output pane: PgUp / PgDn scroll it whatever has focus (modals excepted). */
import { Command, is } from '../../keys.js';
import { consume, type KeyLayer } from '../../state/key-layer.js';

export const outputLayer: KeyLayer = {
  name: 'output',
  isActive: () => true,
  handle(press, _state, ctx) {
    const page = Math.max(1, ctx.outputRows - 1);
    if (!is(press, Command.ScrollOutput)) return undefined;
    const delta = press.name === 'pageup' ? page : -page;
    return consume([{ type: 'scroll-output', delta, visibleRows: ctx.outputRows }]);
  },
};
