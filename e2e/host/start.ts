import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CallResult } from '../../shared/errors';
import { createBackend, type BackendOptions } from '../../electron/backend/backend';
import { isCallName, isShellCall } from '../../shared/contract';
import { answerShellCall } from './host-shell-calls';
import { httpStatusOf } from './http-status';
import { contentSecurityPolicy } from '../../shared/content-security-policy';

/**
 * The loopback development host: the real backend and the real built
 * renderer, with HTTP in place of Electron IPC. It listens on 127.0.0.1
 * only, and every call must carry the per-run token that only the printed
 * address holds. It is for tests and `npm run web`; the desktop app never
 * contains it.
 */
export interface HostOptions {
  dataDir: string;
  /** The built renderer (app/dist/renderer). */
  staticDir: string;
  port?: number;
  backend?: Partial<Omit<BackendOptions, 'dataDir'>>;
  /** A folder the host "prints" into (a test printer); without it the host cannot print. */
  printerDir?: string;
}

export interface RunningHost {
  /** The address to open, token included in the fragment (never sent to the server by the browser). */
  url: string;
  origin: string;
  token: string;
  /** The web addresses the page asked the shell to open (`shell.openLink`), in order. */
  openedLinks: readonly string[];
  close(): Promise<void>;
}

const maxBodyBytes = 64 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function tokensMatch(given: string | undefined, token: string): boolean {
  if (!given?.startsWith('Bearer ')) return false;
  const a = Buffer.from(given.slice('Bearer '.length));
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: CallResult<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const staticDir = path.resolve(options.staticDir);
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`No built renderer in ${staticDir}: run \`npx vite build\` first.`);
  }
  // Pages following the contract's events (Server-Sent Events on /api/events), each sent every event.
  const followers = new Set<http.ServerResponse>();
  const backend = createBackend({
    ...options.backend,
    dataDir: options.dataDir,
    onEvent: (name, payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of followers) res.write(frame);
    },
  });
  const token = crypto.randomBytes(32).toString('hex');
  let origin = '';

  /**
   * Any page the developer's browser opens can send requests here, with no
   * token: nothing a request holds (a broken %-escape, a path that is not a
   * URL, a socket that goes away) may take the host down. Whatever escapes
   * the handlers is answered 400, or the socket dropped when a reply
   * cannot be sent any more.
   */
  function answerBadRequest(res: http.ServerResponse): void {
    if (res.headersSent) res.destroy();
    else res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
  }

  const openedLinks: string[] = [];
  const server = http.createServer((req, res) => {
    try {
      // Refuse requests addressed to another host name (DNS rebinding).
      if (req.headers.host !== new URL(origin).host) {
        res.writeHead(421).end();
        return;
      }
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/api/events') {
        followEvents(req, res);
        return;
      }
      if (url.pathname.startsWith('/api/call/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        handleCall(req, res, name).catch(() => answerBadRequest(res));
        return;
      }
      serveStatic(res, url.pathname);
    } catch {
      answerBadRequest(res);
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const fail = (status: number, message: string) =>
      sendJson(res, status, { ok: false, error: { code: status === 401 ? 'unauthorized' : 'validation', message } });
    if (req.method !== 'POST') return fail(405, 'Calls are POST requests.');
    if (!tokensMatch(req.headers.authorization, token)) return fail(401, 'This page’s access token is not valid. Open the address the host printed.');
    if (req.headers.origin && req.headers.origin !== origin) return fail(401, 'Calls must come from the app’s own page.');
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return fail(400, 'The request body must be JSON (at most 64 MB).');
    }
    const result =
      isCallName(name) && isShellCall(name)
        ? await answerShellCall({ backend: (call, callInput) => backend.invoke(call, callInput), printerDir: options.printerDir, openedLinks }, name, input)
        : await backend.invoke(name, input);
    sendJson(res, result.ok ? 200 : httpStatusOf[result.error.code], result);
  }

  /**
   * One long-lived response per page, the token in its Authorization header
   * like a call's (the page reads it with fetch, not EventSource, so the
   * token never goes into an address). The server writes as events happen:
   * no polling.
   */
  function followEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'validation', message: 'Events are a GET request.' } });
    if (!tokensMatch(req.headers.authorization, token)) return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'This page’s access token is not valid.' } });
    if (req.headers.origin && req.headers.origin !== origin) return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Events go to the app’s own page only.' } });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    // A first comment, so the page knows it is following from here on.
    res.write(': following\n\n');
    followers.add(res);
    const forget = () => followers.delete(res);
    req.on('close', forget);
    res.on('error', forget);
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticDir, relative);
    if (!file.startsWith(staticDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    openedLinks,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      backend.close();
    },
  };
}
