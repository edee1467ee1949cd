/** What paging on through a connection reads of a page. */
export interface PageCursor {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every page of a connection, from the first: `readPage(after)` reads the page after a cursor (null: the first). */
export async function readAllPages<Page extends PageCursor>(
  readPage: (after: string | null) => Promise<Page>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page = await readPage(after);
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return pages;
}
