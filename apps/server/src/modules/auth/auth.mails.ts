import type { OutgoingMail } from '@/platform/mail/mail';

/** The words of every account e-mail, in one place. */

export function verificationMail(to: string, username: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your e-mail for Veza',
    text: `Hi ${username},\n\nConfirm your e-mail address to finish setting up your Veza account:\n\n${link}\n\nThe link works for 24 hours. If you did not sign up, ignore this message.\n`,
    html: `<p>Hi ${escapeHtml(username)},</p><p>Confirm your e-mail address to finish setting up your Veza account:</p><p><a href="${escapeHtml(link)}">Confirm my e-mail</a></p><p>The link works for 24 hours. If you did not sign up, ignore this message.</p>`,
  };
}

export function passwordResetMail(to: string, username: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your Veza password',
    text: `Hi ${username},\n\nSomeone (hopefully you) asked to reset your Veza password. Choose a new one here:\n\n${link}\n\nThe link works for one hour and only once. If you did not ask, ignore this message: your password stays as it is.\n`,
    html: `<p>Hi ${escapeHtml(username)},</p><p>Someone (hopefully you) asked to reset your Veza password.</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>The link works for one hour and only once. If you did not ask, ignore this message: your password stays as it is.</p>`,
  };
}

export function passwordChangedMail(to: string, username: string): OutgoingMail {
  return {
    to,
    subject: 'Your Veza password was changed',
    text: `Hi ${username},\n\nYour Veza password was just changed and your other sessions were signed out. If this was not you, reset your password now.\n`,
  };
}

/** Sent instead of an error when a signup names a taken address: only the mailbox owner learns it is taken. */
export function signupAttemptMail(to: string, username: string, loginLink: string, resetLink: string): OutgoingMail {
  return {
    to,
    subject: 'Someone tried to sign up for Veza with your e-mail',
    text: `Hi ${username},\n\nSomeone (hopefully you) just tried to create a new Veza account with this e-mail address, which already has one. No new account was created.\n\nLog in: ${loginLink}\nForgot your password? ${resetLink}\n\nIf this was not you, you can ignore this message.\n`,
    html: `<p>Hi ${escapeHtml(username)},</p><p>Someone (hopefully you) just tried to create a new Veza account with this e-mail address, which already has one. No new account was created.</p><p><a href="${escapeHtml(loginLink)}">Log in</a> · <a href="${escapeHtml(resetLink)}">Forgot your password?</a></p><p>If this was not you, you can ignore this message.</p>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
