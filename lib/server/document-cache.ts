import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LruCache } from '../lru-cache';

type DocumentStore = NonNullable<ApolloServerOptions<BaseContext>['documentStore']>;

/**
 * What a parsed document holds, roughly: its source (UTF-16, 2 bytes a character), the AST and the token list
 * graphql-js keeps in its locations, each about the size of the source again.
 */
export function documentCost(key: string, document: DocumentNode): number {
  const sourceLength = document.loc?.source.body.length ?? 0;
  return (key.length + sourceLength * 3) * 2;
}

/**
 * Apollo Server's cache of parsed and validated documents, bounded by what the documents hold rather than by
 * Apollo's estimate (its default, 30 MiB by JSON length, let a client grow a process by tens of MiB with distinct
 * documents of long names: each subgraph cached what the gateway forwarded too).
 */
export function boundedDocumentStore(maxBytes: number): DocumentStore {
  const documents = new LruCache<string, DocumentNode>({ maxBytes, sizeOf: documentCost });
  return {
    get: async (key: string) => documents.get(key),
    set: async (key: string, document: DocumentNode) => documents.set(key, document),
    delete: async (key: string) => {
      documents.delete(key);
      return true;
    },
  } as DocumentStore;
}
