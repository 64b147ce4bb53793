import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button, ButtonLink, useDocumentTitle } from '@/ui';
import { NotFoundPage } from './NotFoundPage';

/** Route error boundary: a crash in a page, or a page chunk that failed to load. */
export function ErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // The parent's effect runs after the child's: it must not overwrite the not-found page's title.
  useDocumentTitle(notFound ? 'Page not found' : 'Something went wrong');
  if (notFound) return <NotFoundPage />;
  // After a deploy, old chunk names vanish; a reload fetches the new ones.
  const chunkFailed =
    error instanceof Error && /dynamically imported module|Importing a module script/i.test(error.message);
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className="status-page" role="alert">
      <p className="status-code" aria-hidden="true">
        Oops
      </p>
      <h1>Something went wrong</h1>
      <p className="muted">
        {chunkFailed
          ? 'Veza was updated while this page was open. Reload to get the latest version.'
          : 'An unexpected error stopped this page. Reloading usually fixes it; if not, try again in a moment.'}
      </p>
      <div className="button-row center">
        <Button onClick={() => window.location.reload()}>Reload page</Button>
        <ButtonLink to="/" variant="secondary" reloadDocument>
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
