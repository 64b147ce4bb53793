import { describeError } from '@/api';
import { Alert } from './Alert';
import { Button } from './Button';

/** The parts of an infinite query the footer needs (TanStack Query's `useInfiniteQuery` result fits). */
export interface NextPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The footer of a paged list: why the next page did not load, if it did not,
 * and a "Load more" button while there is one. `className` places it in its page.
 */
export function LoadMore({ pages, className }: { pages: NextPages; className: string }) {
  return (
    <>
      {pages.isFetchNextPageError && (
        <Alert tone="error" title="The next page didn't load.">
          {describeError(pages.error, []).formError}
        </Alert>
      )}
      {pages.hasNextPage && (
        <div className={className}>
          <Button
            variant="secondary"
            pending={pages.isFetchingNextPage}
            pendingLabel="Loading…"
            onClick={() => void pages.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
