import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, type FieldErrors, type TrackDetail } from '@/api';
import { MY_TRACKS_KEY, checkTrackFields, titleFromFilename } from '@/features/tracks';
import type { UploadFields, UploadTrack } from './upload.transport';

/** `refused`: the server judged the file itself (not audio, too large); sending it again cannot help. */
export type UploadStatus = 'idle' | 'uploading' | 'done' | 'failed' | 'refused';

export interface UploadItem {
  key: string;
  file: File;
  fields: UploadFields;
  status: UploadStatus;
  loaded: number;
  total: number;
  fieldErrors: FieldErrors;
  formError: string | null;
  /** Shown after a cancelled upload, until the next attempt. */
  notice: string | null;
  track: TrackDetail | null;
}

/** Error paths the card can show next to a field; anything else goes in its alert. */
export const UPLOAD_FIELDS = ['title', 'description', 'genre', 'tags', 'visibility', 'cover'];

let nextKey = 0;

export function newItem(file: File): UploadItem {
  return {
    key: `upload-${++nextKey}`,
    file,
    fields: {
      title: titleFromFilename(file.name),
      description: '',
      genre: '',
      tags: '',
      visibility: 'public',
      cover: null,
    },
    status: 'idle',
    loaded: 0,
    total: file.size,
    fieldErrors: {},
    formError: null,
    notice: null,
    track: null,
  };
}

/**
 * The files waiting on the upload page and what became of them. Each file
 * uploads when asked (its own button or "Upload all"), can be cancelled
 * mid-way, and fails on its own without touching the others.
 */
export function useUploadQueue(upload: UploadTrack) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queryClient = useQueryClient();

  const patch = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  // Leaving the page cancels what is still in flight rather than letting it finish unseen.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const add = useCallback((files: File[]) => setItems((all) => [...all, ...files.map(newItem)]), []);

  const edit = useCallback(
    (key: string, fields: Partial<UploadFields>) =>
      setItems((all) =>
        all.map((item) => {
          if (item.key !== key) return item;
          // Editing a field clears its error: the message was about the old value.
          const fieldErrors = { ...item.fieldErrors };
          for (const name of Object.keys(fields)) delete fieldErrors[name];
          return { ...item, fields: { ...item.fields, ...fields }, fieldErrors };
        }),
      ),
    [],
  );

  const start = useCallback(
    (item: UploadItem) => {
      if (item.status === 'uploading' || item.status === 'done') return;
      const invalid = checkTrackFields(item.fields);
      if (Object.keys(invalid).length > 0) {
        patch(item.key, { status: 'failed', fieldErrors: invalid, formError: 'Please fix the highlighted fields.' });
        return;
      }
      const controller = new AbortController();
      controllers.current.set(item.key, controller);
      patch(item.key, { status: 'uploading', loaded: 0, fieldErrors: {}, formError: null, notice: null });
      upload(item.file, item.fields, ({ loaded, total }) => patch(item.key, { loaded, total }), controller.signal)
        .then((track) => {
          patch(item.key, { status: 'done', track, loaded: item.file.size });
          void queryClient.invalidateQueries({ queryKey: MY_TRACKS_KEY });
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') {
            patch(item.key, { status: 'idle', loaded: 0, notice: 'Upload cancelled. Nothing was saved.' });
            return;
          }
          const { fieldErrors, formError } = describeError(error, UPLOAD_FIELDS);
          patch(item.key, { status: refusesTheFile(error) ? 'refused' : 'failed', fieldErrors, formError });
          // A file refused as not audio is kept by the server as a failed track: show it in the list too.
          void queryClient.invalidateQueries({ queryKey: MY_TRACKS_KEY });
        })
        .finally(() => controllers.current.delete(item.key));
    },
    [upload, patch, queryClient],
  );

  const cancel = useCallback((key: string) => controllers.current.get(key)?.abort(), []);
  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((all) => all.filter((item) => item.key !== key));
  }, []);

  const startAll = useCallback(() => {
    for (const item of items) if (item.status === 'idle' || item.status === 'failed') start(item);
  }, [items, start]);

  return { items, add, edit, start, cancel, remove, startAll };
}

/** 413 (too large) and 422 (not audio Veza can play) are about the file, not the attempt. */
function refusesTheFile(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 413 || error.status === 422);
}
