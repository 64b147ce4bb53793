import { useLocation } from 'react-router';
import { ButtonLink, useDocumentTitle } from '@/ui';

export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <div className="status-page">
      <p className="status-code" aria-hidden="true">
        404
      </p>
      <h1>This page doesn't exist</h1>
      <p className="muted">
        We couldn't find <code>{pathname}</code>. The link may be broken, or the page may have moved.
      </p>
      <ButtonLink to="/">Back to home</ButtonLink>
    </div>
  );
}
