import { Link } from 'react-router';
import { trackFieldInputs } from '@/features/tracks';
import { Alert, Button, ProgressBar } from '@/ui';
import { CoverPicker } from './CoverPicker';
import { formatBytes } from './upload.files';
import type { UploadFields } from './upload.transport';
import type { UploadItem } from './useUploadQueue';

interface UploadCardProps {
  item: UploadItem;
  onEdit: (fields: Partial<UploadFields>) => void;
  onStart: () => void;
  onCancel: () => void;
  onRemove: () => void;
}

/** One file on the upload page: its details, then its progress, then what happened. */
export function UploadCard({ item, onEdit, onStart, onCancel, onRemove }: UploadCardProps) {
  const { file, fields, status, fieldErrors } = item;
  const locked = status === 'uploading' || status === 'done' || status === 'refused';
  const percent = item.total > 0 ? Math.round((item.loaded / item.total) * 100) : 0;
  const inputs = trackFieldInputs({ values: fields, errors: fieldErrors, onChange: onEdit, examples: true });

  return (
    <li className={`upload-card upload-card-${status}`} aria-label={file.name}>
      <div className="upload-card-head">
        <span className="upload-file-icon" aria-hidden="true">
          ♪
        </span>
        <div className="upload-file">
          <span className="upload-file-name">{file.name}</span>
          <span className="upload-file-size">{formatBytes(file.size)}</span>
        </div>
        {status !== 'uploading' && (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`${status === 'done' ? 'Dismiss' : 'Remove'} ${file.name}`}
            onClick={onRemove}
          >
            {status === 'done' ? 'Dismiss' : 'Remove'}
          </Button>
        )}
      </div>

      {status === 'done' ? (
        <Alert tone="success" title="Uploaded. Processing…">
          <p>
            “{item.track?.title ?? fields.title}” is being prepared for streaming; that takes about a minute.{' '}
            <Link to="/me/tracks">Follow it in My tracks →</Link>
          </p>
        </Alert>
      ) : (
        <form
          className="upload-form"
          noValidate
          aria-label={`Details for ${file.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            onStart();
          }}
        >
          {item.formError && <Alert tone="error">{item.formError}</Alert>}
          {item.notice && <Alert tone="info">{item.notice}</Alert>}
          <div className="upload-form-grid">
            <CoverPicker
              cover={fields.cover}
              disabled={locked}
              error={fieldErrors.cover}
              onChange={(cover) => onEdit({ cover })}
            />
            <fieldset className="upload-fields" disabled={locked}>
              {inputs.title}
              <div className="upload-fields-row">
                {inputs.genre}
                {inputs.visibility}
              </div>
              {inputs.tags}
              {inputs.description}
            </fieldset>
          </div>

          {status === 'uploading' && (
            <div className="upload-progress">
              <ProgressBar
                value={percent}
                label={`Uploading ${file.name}`}
                valueText={`${formatBytes(item.loaded)} of ${formatBytes(item.total)}`}
              />
              <span className="upload-progress-text">
                {percent < 100
                  ? `${formatBytes(item.loaded)} of ${formatBytes(item.total)} · ${percent}%`
                  : 'Checking the file…'}
              </span>
            </div>
          )}

          <div className="form-actions">
            {status === 'refused' ? null : status === 'uploading' ? (
              <Button variant="secondary" aria-label={`Cancel upload of ${file.name}`} onClick={onCancel}>
                Cancel
              </Button>
            ) : (
              <Button type="submit" aria-label={`${status === 'failed' ? 'Try again' : 'Upload'} ${file.name}`}>
                {status === 'failed' ? 'Try again' : 'Upload'}
              </Button>
            )}
          </div>
        </form>
      )}
    </li>
  );
}
