import { Button, useToast } from '@/ui';

/**
 * Copies the track's address. The clipboard API exists only in secure
 * contexts (https, localhost); on a plain-http LAN address the toast shows
 * the link to copy by hand instead.
 */
export function CopyLinkButton({ path, label = 'Copy link' }: { path: string; label?: string }) {
  const notify = useToast();
  const url = `${window.location.origin}${path}`;
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      notify('Link copied.');
    } catch {
      notify(`Copy this link: ${url}`, 'info');
    }
  }
  return (
    <Button variant="ghost" size="sm" onClick={() => void copy()}>
      {label}
    </Button>
  );
}
