import os from 'node:os';
import { projectRoot } from '../../../lib/paths';
import type { CorpusContext } from './context';

/** The issue's categories; each has its own `*.e2e.test.ts` file. */
export type Category =
  | 'operation limits'
  | 'variables'
  | 'strings'
  | 'dates and cursors'
  | 'tokens'
  | 'isolation'
  | 'direct subgraph calls'
  | 'websocket'
  | 'object storage';

export type TargetKind = 'production' | 'embedded';

/** What came back: an HTTP answer, or everything a WebSocket received until it closed. */
export interface Answer {
  transport: 'http' | 'ws';
  /** HTTP status; for WebSocket the status of the upgrade (101 when accepted). */
  status: number;
  /** The whole body (HTTP) or every frame received, one per line (WebSocket). */
  body: string;
  /** The close code, for WebSocket. */
  closeCode?: number;
  closeReason?: string;
  /** Everything sent (URL, headers, body): ids the client sent itself may be echoed back. */
  sent: string;
}

/** A violation, in words, or undefined when the answer is as expected. */
export type Expectation = (
  answer: Answer,
  context: CorpusContext,
) => string | undefined | Promise<string | undefined>;

export interface HostileCase {
  category: Category;
  name: string;
  /** Where the case applies. @default both */
  targets?: TargetKind[];
  send(context: CorpusContext): Promise<Answer>;
  expect: Expectation;
  /** Largest answer allowed. @default MAX_ANSWER_BYTES */
  maxAnswerBytes?: number;
}

/**
 * An answer to one hostile request is small: the 750 KB duplicate-argument document once produced 4.2 MB of
 * errors. Nothing in the corpus asks for more than a page of data.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** Signs of a stack trace or of the server's file system in an answer. */
const internalsPatterns: [RegExp, string][] = [
  [/stacktrace/i, 'a stacktrace'],
  [/\bat (?:async )?[\w.<>$[\] ]*\(?(?:file:\/\/)?\/?[\w./-]+:\d+:\d+\)?/, 'a stack frame'],
  [/node_modules/, 'a node_modules path'],
  [/\/work\//, 'an absolute path under /work/'],
  [new RegExp(escapeRegExp(projectRoot)), 'the project path'],
  [new RegExp(escapeRegExp(`${os.tmpdir()}/mlaas`)), 'a data directory path'],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The invariants every answer keeps, whatever was sent: no server error, no INTERNAL_SERVER_ERROR, no stack
 * trace or server path, a bounded size, and nothing of organization A that the request did not itself contain
 * (the corpus acts as organization B or anonymously, except where a case says otherwise).
 */
export function universalViolations(
  hostileCase: HostileCase,
  answer: Answer,
  context: CorpusContext,
): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`HTTP ${answer.status}`);
  if (answer.closeCode === 1011) found.push('WebSocket closed with 1011 (internal error)');
  if (answer.body.includes('INTERNAL_SERVER_ERROR')) found.push('INTERNAL_SERVER_ERROR in the answer');
  for (const [pattern, what] of internalsPatterns) {
    if (pattern.test(answer.body) || pattern.test(answer.closeReason ?? ''))
      found.push(`${what} in the answer`);
  }
  const limit = hostileCase.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  if (Buffer.byteLength(answer.body) > limit) {
    found.push(`answer of ${Buffer.byteLength(answer.body)} bytes (limit ${limit})`);
  }
  const leaked = context.a.markers.filter(
    (marker) => !answer.sent.includes(marker) && answer.body.includes(marker),
  );
  if (leaked.length) found.push(`organization A's data in the answer: ${leaked.join(', ')}`);
  return found;
}

/** Runs one case and returns every violation (an exception while sending is one too). */
export async function runCase(hostileCase: HostileCase, context: CorpusContext): Promise<string[]> {
  let answer: Answer;
  try {
    answer = await hostileCase.send(context);
  } catch (error) {
    return [`the request failed: ${(error as Error).message}`];
  }
  const found = universalViolations(hostileCase, answer, context);
  const own = await hostileCase.expect(answer, context);
  if (own) found.push(own);
  if (found.length)
    found.push(
      `answer (${answer.status}${answer.closeCode ? `, close ${answer.closeCode}` : ''}): ${answer.body.slice(0, 400)}`,
    );
  return found;
}

export const appliesTo = (hostileCase: HostileCase, target: TargetKind) =>
  !hostileCase.targets || hostileCase.targets.includes(target);
