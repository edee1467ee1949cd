import WebSocket from 'ws';
import type { Answer } from './corpus';
import type { CorpusContext } from './context';
import type { Actor } from './send';

/** A raw graphql-ws conversation: frames are sent as the test writes them, malformed ones included. */
export interface Conversation {
  send(data: string | Buffer): void;
  /** The next frame from the server, or undefined once the socket closed or `timeoutMs` passed. */
  next(timeoutMs?: number): Promise<string | undefined>;
  /** Frames until one matches, the socket closes or the time is up. */
  until(match: (frame: string) => boolean, timeoutMs?: number): Promise<string | undefined>;
  isOpen(): boolean;
}

export interface ConversationOptions {
  url: string;
  /** @default ['graphql-transport-ws'] */
  protocols?: string[];
  headers?: Record<string, string>;
}

/** Opens a socket, runs `script` over it, closes it, and returns everything received as an Answer. */
export async function converse(
  options: ConversationOptions,
  script: (conversation: Conversation) => Promise<void>,
): Promise<Answer> {
  const socket = new WebSocket(options.url, options.protocols ?? ['graphql-transport-ws'], {
    headers: options.headers,
    maxPayload: 16 * 1024 * 1024,
  });
  const frames: string[] = [];
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let closeCode: number | undefined;
  let closeReason = '';
  let clientClosing = false;
  let status = 101;
  const closed = new Promise<void>((resolve) => {
    socket.on('close', (code, reason) => {
      // Only a close the server chose is part of the answer; the client's own 1000 is not.
      if (!clientClosing) closeCode ??= code;
      closeReason = reason.toString();
      wake?.();
      resolve();
    });
  });
  socket.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    queue.push(text);
    wake?.();
  });
  socket.on('unexpected-response', (_request, response) => {
    status = response.statusCode ?? 0;
    closeCode = -1;
    response.resume();
    socket.terminate();
  });
  socket.on('error', () => undefined);
  const opened = await new Promise<boolean>((resolve) => {
    socket.once('open', () => resolve(true));
    void closed.then(() => resolve(false));
  });
  const next = async (timeoutMs = 3_000): Promise<string | undefined> => {
    if (queue.length) return queue.shift();
    if (socket.readyState !== WebSocket.OPEN) return undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
    return queue.shift();
  };
  const conversation: Conversation = {
    send: (data) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(data);
    },
    next,
    async until(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (
        let frame = await next(timeoutMs);
        frame !== undefined;
        frame = await next(Math.max(1, deadline - Date.now()))
      ) {
        if (match(frame)) return frame;
        if (Date.now() > deadline) return undefined;
      }
      return undefined;
    },
    isOpen: () => socket.readyState === WebSocket.OPEN,
  };
  if (opened) await script(conversation);
  if (socket.readyState === WebSocket.OPEN) {
    clientClosing = true;
    socket.close(1000);
  }
  await settledOrTimedOut(closed, 2_000);
  socket.terminate();
  return {
    transport: 'ws',
    status,
    body: frames.join('\n'),
    closeCode,
    closeReason,
    sent: `WS ${options.url}`,
  };
}

/**
 * Waits for `promise` at most `ms`, then clears the timer: a 2 s timer left running after every conversation kept
 * the jest worker alive past its end when the last cases were subscriptions (isolation's are), and jest force-exited
 * it ("A worker process has failed to exit gracefully").
 */
async function settledOrTimedOut(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export const frameType = (frame: string | undefined): string | undefined => {
  try {
    return (JSON.parse(frame ?? '') as { type?: string }).type;
  } catch {
    return undefined;
  }
};

/** connection_init with the actor's token; true when acknowledged. */
export async function initialize(
  conversation: Conversation,
  context: CorpusContext,
  as: Actor,
): Promise<boolean> {
  const payload = as === 'anonymous' ? {} : { authorization: `Bearer ${context[as].token}` };
  conversation.send(JSON.stringify({ type: 'connection_init', payload }));
  return frameType(await conversation.until((f) => frameType(f) === 'connection_ack')) === 'connection_ack';
}

/** Subscribes once and waits for the first result, error or completion of that subscription. */
export function subscribeOnce(
  context: CorpusContext,
  as: Actor,
  query: string,
  variables: Record<string, unknown> = {},
  waitMs = 3_000,
): Promise<Answer> {
  return converse({ url: context.target.wsUrl }, async (conversation) => {
    if (!(await initialize(conversation, context, as))) return;
    conversation.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    await conversation.until((f) => ['next', 'error', 'complete'].includes(frameType(f) ?? ''), waitMs);
  }).then((answer) => ({ ...answer, sent: `${answer.sent}\n${query}\n${JSON.stringify(variables)}` }));
}
