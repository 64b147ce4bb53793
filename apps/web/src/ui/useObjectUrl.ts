import { useEffect, useState } from 'react';

/**
 * A URL that shows a picked file (a cover, an avatar) before it is
 * uploaded. Object URLs hold the file in memory until revoked: this one is
 * revoked when the file changes or the component goes.
 */
export function useObjectUrl(file: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return url;
}
