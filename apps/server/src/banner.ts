import type { Config } from '@/config';
import { isLoopbackHost } from '@/platform/http/loopback';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSeed } from '@/seed';

/**
 * What `veza start` prints once it listens. A generated admin password
 * appears here on the start that created it, and never again: it is stored
 * nowhere but as a hash.
 */
export function startBanner(config: Config, { seeded }: { seeded: DemoSeed | null }): string {
  const lines = [
    '',
    `  Veza is running on ${config.publicUrl}  (roles: ${[...config.roles].join(', ')})`,
    `  API docs: ${config.publicUrl}/docs`,
  ];
  if (config.demoContent) {
    lines.push(`  Demo accounts${seeded ? ' (just created)' : ''}, password "${DEMO_PASSWORD}":`);
    for (const a of DEMO_ACCOUNTS) {
      const account = `    ${a.role.padEnd(9)} ${a.username} / ${a.email}`;
      if (a.role !== 'admin') lines.push(account);
      else if (seeded?.adminPassword)
        lines.push(`${account}, password "${seeded.adminPassword}" (shown only this once)`);
      else if (!seeded && !isLoopbackHost(config.host))
        lines.push(`${account} (its password was printed at first start)`);
      else lines.push(account);
    }
  }
  if (config.devMailbox && !config.mail.smtpUrl) {
    lines.push(`  No SMTP_URL: read mails at ${config.publicUrl}/api/v1/dev/mailbox?to=<email>`);
  }
  return `${lines.join('\n')}\n\n`;
}
