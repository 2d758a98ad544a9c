// Run by the web app's build (web/package.json "build", after vite build): writes a brotli (.br,
// quality 11) and a gzip (.gz, level 9) copy next to every compressible file in web/dist/assets,
// so the server sends them as they are (express-static-gzip, src/web-app/web-app.ts) instead of
// compressing the same files again for each first-time visitor, and at a strength too slow to
// use per request. Only files it makes smaller are kept.
const { readdirSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');

const assets = join(__dirname, '..', 'dist', 'assets');
const COMPRESSIBLE = /\.(js|css|svg|json|txt|html)$/;

let files = 0;
let before = 0;
let after = 0;
for (const name of readdirSync(assets)) {
  if (name.endsWith('.br') || name.endsWith('.gz')) rmSync(join(assets, name));
}
for (const name of readdirSync(assets).filter((file) => COMPRESSIBLE.test(file))) {
  const body = readFileSync(join(assets, name));
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gz = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  if (br.length < body.length) writeFileSync(join(assets, `${name}.br`), br);
  if (gz.length < body.length) writeFileSync(join(assets, `${name}.gz`), gz);
  files += 1;
  before += body.length;
  after += Math.min(br.length, body.length);
}
console.log(
  `precompressed ${files} files in web/dist/assets: ${Math.round(before / 1024)} kB → ${Math.round(after / 1024)} kB with brotli`,
);
