/**
 * `node --import ./bench/as-built.mjs`: the bench's in-process figures (bench/app.ts's child, on the
 * sources through tsx) load string-width as the built app does. scripts/build.mjs patches it in the
 * bundle (scripts/string-width-plugin.mjs: the RGI-emoji regular expression only for a sequence),
 * which halves what Ink's width measurements of the screen's box lines cost on every frame; without
 * the same patch here, the figures would time a slower screen than the one users run.
 */
import { registerHooks } from 'node:module';
import { patchStringWidth } from '../scripts/string-width-plugin.mjs';

registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    if (!/[\\/]node_modules[\\/]string-width[\\/]index\.js$/.test(url)) return loaded;
    return { ...loaded, source: patchStringWidth(String(loaded.source)) };
  },
});
