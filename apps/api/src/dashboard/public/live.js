/**
 * The inbox's live stream: Server-Sent Events read with fetch, since EventSource cannot send the bearer token.
 * It reconnects with a growing delay after an error, and after a silence longer than the api's keep-alive period.
 */

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 15000];
/** The api sends `: keep-alive` every 15 s: three missed in a row mean a dead connection. */
const SILENCE_LIMIT_MS = 45000;

/** Splits the text of an event stream into messages `{event, data}` (the SSE format: fields, blank line, comments). */
class EventStreamParser {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.buffer = '';
    this.event = '';
    this.data = [];
  }

  push(text) {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop();
    for (const raw of lines) this.line(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) this.onMessage({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

/**
 * Keeps one stream open while started. `open(signal)` returns the response body; `onMessage` gets each message;
 * `onState` gets 'connecting', 'connected' (after the api's `ready`) or 'reconnecting'; `isFatal(error)` tells which
 * errors end the loop (a refused token).
 */
export class LiveStream {
  constructor({ open, onMessage, onState, isFatal }) {
    Object.assign(this, { open, onMessage, onState, isFatal });
    this.stopper = null;
    this.connection = null;
  }

  start() {
    if (this.stopper && !this.stopper.signal.aborted) return;
    const stopper = new AbortController();
    this.stopper = stopper;
    this.run(stopper.signal).catch(() => this.onState('reconnecting'));
  }

  stop() {
    this.stopper?.abort();
    this.connection?.abort();
  }

  /** One loop per start: `stopped` ends it, so a stop and a new start never leave two loops running. */
  async run(stopped) {
    for (let attempt = 0; !stopped.aborted; attempt += 1) {
      this.onState(attempt === 0 ? 'connecting' : 'reconnecting');
      const connection = new AbortController();
      this.connection = connection;
      try {
        if (await this.follow(connection)) attempt = 0;
      } catch (error) {
        if (stopped.aborted || this.isFatal(error)) return;
      }
      if (stopped.aborted) return;
      this.onState('reconnecting');
      await delay(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)], stopped);
    }
  }

  /** Reads one connection to its end; true when the api said `ready` on it. */
  async follow(connection) {
    let ready = false;
    let silence = setTimeout(() => connection.abort(), SILENCE_LIMIT_MS);
    const parser = new EventStreamParser((message) => {
      if (message.event === 'ready') {
        ready = true;
        this.onState('connected');
      }
      this.onMessage(message);
    });
    try {
      const body = await this.open(connection.signal);
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return ready;
        clearTimeout(silence);
        silence = setTimeout(() => connection.abort(), SILENCE_LIMIT_MS);
        parser.push(value);
      }
    } finally {
      clearTimeout(silence);
    }
  }
}

/** Waits `ms`, or less when the stream is stopped meanwhile. */
function delay(ms, signal) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
