// After `vite build`: a .br and a .gz beside each text file of the build, which the API sends
// (@fastify/static preCompressed) to browsers that accept them — so what the bundle table counts
// gzip is what goes over the wire, compressed once here rather than on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const TEXT = /\.(js|css|html|svg|json)$/;
let files = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== '.vite') walk(file);
    } else if (TEXT.test(name)) {
      const body = readFileSync(file);
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      files++;
    }
  }
};
walk(dist);
console.log(`[console] ${files} files precompressed (.br, .gz)`);
