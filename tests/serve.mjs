// A tiny static server for the end-to-end tests: serves dist/ at `/` and again at
// `/formwork/`, the way GitHub Pages serves a project site from a sub-path.
// Like a plain static host it has no single-page fallback: a missing file is a 404,
// so a wrong asset URL fails the tests instead of quietly loading index.html.
//
// usage: node tests/serve.mjs [port]   (default 8181, always on 127.0.0.1)

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = resolve(fileURLToPath(new URL('../dist', import.meta.url)));
const PORT = Number(process.argv[2] ?? process.env.FORMWORK_E2E_PORT ?? 8181);
const HOST = '127.0.0.1';
const SUB_PATH = '/formwork';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, `http://${HOST}`).pathname);
  } catch {
    return send(res, 400, 'bad request\n');
  }
  if (path === SUB_PATH) {
    return send(res, 301, '', { location: `${SUB_PATH}/` });
  }
  if (path.startsWith(`${SUB_PATH}/`)) {
    path = path.slice(SUB_PATH.length);
  }
  let file = normalize(join(DIST, path));
  if (file !== DIST && !file.startsWith(DIST + sep)) {
    return send(res, 403, 'forbidden\n');
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      return res.end();
    }
    createReadStream(file).pipe(res);
  } catch {
    send(res, 404, `not found: ${path}\n`);
  }
});

server.listen(PORT, HOST, () => {
  console.log(`serving ${DIST} at http://${HOST}:${PORT}/ and http://${HOST}:${PORT}${SUB_PATH}/`);
});
