import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../electron/backend/testing/test-backend';
import { startHost, type RunningHost } from './start';

let host: RunningHost;
let staticDir: string;

beforeAll(async () => {
  staticDir = tempDataDir('static');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside');
  host = await startHost({ dataDir: tempDataDir('host'), staticDir });
});
afterAll(() => host.close());

/** A raw request, so the test controls every header (fetch would set Host itself). */
function request(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(`${host.origin}${pathname}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const withToken = (token = host.token) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

describe('the development host', () => {
  it('listens on loopback only and puts the token in the fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
  });

  it('answers a call with the token, through the real backend', async () => {
    const res = await request('/api/call/app.state', { method: 'POST', headers: withToken(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: expect.objectContaining({ phase: 'setup' }) });
  });

  it('refuses calls without the right token, from another origin, or addressed to another host', async () => {
    expect((await request('/api/call/app.state', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await request('/api/call/app.state', { method: 'POST', headers: withToken('f'.repeat(64)), body: '{}' })).status).toBe(401);
    const foreign = await request('/api/call/app.state', { method: 'POST', headers: { ...withToken(), Origin: 'http://evil.test' }, body: '{}' });
    expect(foreign.status).toBe(401);
    const rebound = await request('/api/call/app.state', { method: 'POST', headers: { ...withToken(), Host: 'evil.test' }, body: '{}' });
    expect(rebound.status).toBe(421);
  });

  it('maps backend errors to HTTP statuses and keeps the typed error in the body', async () => {
    const res = await request('/api/call/staff.list', { method: 'POST', headers: withToken(), body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const bad = await request('/api/call/session.signIn', { method: 'POST', headers: withToken(), body: 'not json' });
    expect(bad.status).toBe(400);
  });

  it('serves the renderer with the content-security policy and nothing outside its folder', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await request('/..%2fsecret.txt')).status).toBe(404);
    expect((await request('/../secret.txt')).status).toBe(404);
  });

  it('survives malformed requests that any web page could send, with no token', async () => {
    for (const pathname of ['/%ZZ', '/api/call/%ZZ', '/%E0%A4%A', '/api/call/%C0%80', '/%00', '//x/../%2e%2e%2f']) {
      const res = await request(pathname, { method: pathname.startsWith('/api') ? 'POST' : 'GET' });
      expect([400, 401, 404], pathname).toContain(res.status);
    }
    // Still up, still answering.
    const res = await request('/api/call/app.state', { method: 'POST', headers: withToken(), body: '{}' });
    expect(res.status).toBe(200);
  });
});
