export { Alert } from './Alert';
export { Avatar, initialsOf } from './Avatar';
export { Button, ButtonLink, buttonClass } from './Button';
export type { ButtonVariant } from './Button';
export { Spinner } from './Spinner';
export { PasswordField, TextAreaField, TextField } from './TextField';
export { ToastProvider, useToast } from './Toast';
export { formText, useApiForm } from './useApiForm';
export { ApiForm } from './ApiForm';
