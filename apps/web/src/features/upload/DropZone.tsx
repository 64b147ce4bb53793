import { useId, useRef, useState, type DragEvent } from 'react';
import { AUDIO_ACCEPT } from './upload.files';

/** Drop audio files here, or pick them: both hand over every file chosen. */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // dragenter/dragleave fire for every child crossed; a counter knows when the pointer really left.
  const depth = useRef(0);
  const [over, setOver] = useState(false);

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

  return (
    <div
      className={over ? 'upload-dropzone over' : 'upload-dropzone'}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <svg className="upload-dropzone-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15" />
      </svg>
      <p className="upload-dropzone-title">Drag and drop audio files here</p>
      <p className="upload-dropzone-or">or</p>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={AUDIO_ACCEPT}
        className="file-input"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="btn btn-secondary file-label">
        Choose files
      </label>
      <p className="field-hint">MP3, FLAC, WAV, AIFF, M4A/AAC, OGG or Opus. Several at once is fine.</p>
    </div>
  );
}
