import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves folders under URL prefixes on loopback, e.g. { '/': 'dist', '/bare/': 'dist-bench' }. */
export function serveStatic(mounts: Record<string, string>): Promise<{ url: string; server: Server }> {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const mount = entries.find(([prefix]) => path.startsWith(prefix));
    if (!mount) { res.writeHead(404).end(); return; }
    let file = normalize(join(mount[1], path.slice(mount[0].length)));
    if (!file.startsWith(normalize(mount[1]))) { res.writeHead(403).end(); return; }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(mount[1], 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}`, server });
  }));
}
