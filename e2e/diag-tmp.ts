import { launchBrowser } from './lib/browser';
import { linkIn, waitForMail } from './lib/mailbox';
import { startServer } from './lib/server';
const server = await startServer({ env: { SIGNUP_RATE_LIMIT_PER_IP: '1000', AUTH_RATE_LIMIT_PER_IP: '1000' } });
const browser = await launchBrowser();
let stale = 0;
try {
  for (let i = 0; i < 20; i++) {
    const context = await browser.newContext({ baseURL: server.url });
    const email = `diag${i}@example.com`;
    const r1 = await context.request.post('/api/v1/auth/signup', { data: { email, username: `diag${i}`, password: 'a long enough passphrase' } });
    const r2 = await context.request.post('/api/v1/auth/login', { data: { login: `diag${i}`, password: 'a long enough passphrase' } });
    if (!r1.ok() || !r2.ok()) throw new Error(`${r1.status()} ${r2.status()} ${await r1.text()}`);
    const link = linkIn(await waitForMail(server, email), `${server.url}/verify-email?token=`);
    const page = await context.newPage();
    const t0 = Date.now();
    const events: string[] = [];
    page.on('request', (r) => { if (/auth\/(refresh|verify-email)|\/me$/.test(r.url())) events.push(`${Date.now() - t0} > ${r.method()} ${new URL(r.url()).pathname}`); });
    page.on('response', (r) => { if (/auth\/(refresh|verify-email)|\/me$/.test(r.url())) events.push(`${Date.now() - t0} < ${r.status()} ${new URL(r.url()).pathname}`); });
    await page.goto(link);
    await page.getByRole('heading', { name: 'E-mail verified' }).waitFor();
    await page.waitForTimeout(1500);
    const banner = await page.getByRole('region', { name: 'E-mail verification' }).isVisible();
    if (banner) stale++;
    console.log(`#${i} stale banner=${banner} :: ${events.join(' | ')}`);
    await context.close();
  }
} finally {
  console.log(`stale ${stale}/20`);
  await browser.close();
  await server.stop();
}
