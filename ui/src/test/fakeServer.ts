// jsdom has no network and no EventSource. Component tests answer fetch from a table of canned API
// responses, copied from the real service's answers (the browser end-to-end test runs against the real one).
import { vi } from 'vitest';

export type Reply = { status?: number; body: unknown } | ((init?: RequestInit) => { status?: number; body: unknown });

export function fakeApi(routes: Record<string, Reply>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const key = Object.keys(routes).find((k) => k === `${method} ${path}` || k === `${method} ${path.split('?')[0]}`);
    if (!key) return new Response(JSON.stringify({ error: `no route ${method} ${path}`, field: null }), { status: 404 });
    const r = routes[key];
    const reply = typeof r === 'function' ? r(init) : r;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status ?? 200 });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

/** A stand-in for the browser's EventSource that a test drives by hand. */
export class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((m: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (m: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  fail() {
    this.readyState = FakeEventSource.CONNECTING; // the browser keeps retrying
    this.onerror?.();
  }
  emit(type: string, data: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}
