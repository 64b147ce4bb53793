import { useEffect, useMemo, useState } from 'react';
import { useBlocker } from 'react-router';
import { useApi } from '@/api';
import { RequireAuth, useAuth } from '@/features/auth';
import { Alert, Button, ButtonLink, useDocumentTitle } from '@/ui';
import { BecomeArtist } from './BecomeArtist';
import { DropZone } from './DropZone';
import { UploadCard } from './UploadCard';
import { isAudioFile } from './upload.files';
import { createXhrUploader } from './upload.transport';
import { bySize, createTusUploader } from './upload.tus';
import { useUploadQueue } from './useUploadQueue';
import './upload.css';

export function UploadPage() {
  useDocumentTitle('Upload');
  return (
    <RequireAuth>
      <UploadGate />
    </RequireAuth>
  );
}

function UploadGate() {
  const { user } = useAuth();
  if (!user) return null;
  if (user.role === 'listener') return <BecomeArtist />;
  if (user.role !== 'artist' && user.role !== 'admin') {
    return (
      <div className="upload">
        <Alert tone="info" title="Uploading is for artist accounts">
          Your account's role ({user.role}) cannot publish tracks.
        </Alert>
      </div>
    );
  }
  return <Uploader />;
}

function Uploader() {
  const api = useApi();
  const upload = useMemo(() => bySize(createXhrUploader(api), createTusUploader(api)), [api]);
  const queue = useUploadQueue(upload);
  const [skipped, setSkipped] = useState<string[]>([]);
  const uploading = queue.items.some((item) => item.status === 'uploading');
  const waiting = queue.items.filter((item) => item.status === 'idle' || item.status === 'failed').length;
  const blocker = useLeaveGuard(uploading);

  function addFiles(files: File[]) {
    const audio = files.filter(isAudioFile);
    setSkipped(files.filter((f) => !isAudioFile(f)).map((f) => f.name));
    queue.add(audio);
  }

  return (
    <div className="upload">
      <header className="page-header page-header-row">
        <div>
          <h1>Upload</h1>
          <p className="page-subtitle">Add your tracks, check their details, then upload. We'll do the rest.</p>
        </div>
        <ButtonLink to="/me/tracks" variant="secondary">
          My tracks
        </ButtonLink>
      </header>

      {blocker.state === 'blocked' && (
        <Alert tone="error" title="Uploads are still running" focusOnShow>
          <p>Leaving this page cancels them.</p>
          <div className="button-row">
            <Button variant="danger" size="sm" onClick={() => blocker.proceed()}>
              Leave and cancel
            </Button>
            <Button variant="secondary" size="sm" onClick={() => blocker.reset()}>
              Stay
            </Button>
          </div>
        </Alert>
      )}

      <DropZone onFiles={addFiles} />

      {skipped.length > 0 && (
        <Alert tone="info" title="Some files were skipped">
          {skipped.join(', ')} {skipped.length === 1 ? "isn't" : "aren't"} audio Veza can take.
        </Alert>
      )}

      {queue.items.length > 0 && (
        <>
          <div className="upload-toolbar">
            <p className="muted">
              {queue.items.length} {queue.items.length === 1 ? 'file' : 'files'}
              {waiting > 0 && `, ${waiting} waiting`}
            </p>
            {waiting > 1 && <Button onClick={queue.startAll}>Upload all ({waiting})</Button>}
          </div>
          <ul className="upload-list" aria-label="Files to upload">
            {queue.items.map((item) => (
              <UploadCard
                key={item.key}
                item={item}
                onEdit={(fields) => queue.edit(item.key, fields)}
                onStart={() => queue.start(item)}
                onCancel={() => queue.cancel(item.key)}
                onRemove={() => queue.remove(item.key)}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Asks before navigating away (in the app or out of it) while uploads run: leaving would cancel them. */
function useLeaveGuard(active: boolean) {
  const blocker = useBlocker(active);
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
  return blocker;
}
