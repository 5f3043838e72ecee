import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { addPerson, expectNoSeriousA11yViolations, openApp, storedPeople } from './helpers';

// The encrypted file as the README documents it, made and read with
// Node's own WebCrypto: the format stands without the app.

const PASSPHRASE = 'four plain words together';

async function keyFor(passphrase: string, salt: Uint8Array, iterations: number) {
  const base = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return webcrypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function decrypt(text: string, passphrase: string): Promise<string> {
  const file = JSON.parse(text);
  const bytes = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));
  const key = await keyFor(passphrase, bytes(file.kdf.salt), file.kdf.iterations);
  const plain = await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(file.cipher.iv) }, key, bytes(file.ciphertext));
  return new TextDecoder().decode(plain);
}

async function encrypt(plain: string, passphrase: string): Promise<string> {
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(passphrase, salt, 600000);
  const ciphertext = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)));
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return JSON.stringify({
    format: 'coffee-chat-encrypted-backup',
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: b64(salt) },
    cipher: { name: 'AES-GCM', length: 256, iv: b64(iv) },
    ciphertext: b64(ciphertext),
  });
}

async function backupRegion(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  return page.getByRole('region', { name: 'Backup' });
}

test('an encrypted backup hides every name, opens only with its passphrase, and reads in Node both ways', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Notes', { exact: true }).fill('Knows the hiring manager at Shopify');
  await addPerson(page, 'Ben Okafor');
  const backup = await backupRegion(page);

  // A short passphrase is refused with a reason; length is what counts.
  const passphrase = backup.getByLabel('Passphrase for encrypted backups');
  await passphrase.fill('Tr0ub4dor&3');
  await expect(backup.getByText('Too short to protect a lost file')).toBeVisible();
  await backup.getByRole('button', { name: 'Save encrypted backup' }).click();
  await expect(backup.getByRole('status').filter({ hasText: 'Too short' })).toBeVisible();
  await passphrase.fill(PASSPHRASE);
  await expect(backup.getByText('Long and strong.')).toBeVisible();
  await expect(backup.getByText('A forgotten passphrase cannot be recovered')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backup.getByRole('button', { name: 'Save encrypted backup' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('coffee-chat-encrypted-backup.json');
  const sealed = readFileSync(await download.path(), 'utf8');
  for (const secret of ['Ana', 'Silva', 'Ben Okafor', 'Shopify', 'hiring']) expect(sealed).not.toContain(secret);
  expect(Object.keys(JSON.parse(sealed)).sort()).toEqual(['cipher', 'ciphertext', 'format', 'kdf', 'version']);

  // Node opens the app's file to the plain backup.
  const plain = JSON.parse(await decrypt(sealed, PASSPHRASE));
  expect(plain.app).toBe('coffee-chat');
  expect(plain.people.map((p: { name: string }) => p.name)).toEqual(['Ana Silva', 'Ben Okafor']);

  // A wrong passphrase changes nothing, and says so.
  await page.reload();
  const region = await backupRegion(page);
  await region.getByLabel('Import a backup').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(sealed) });
  await expect(region.getByText('This backup is encrypted.')).toBeVisible();
  await region.getByLabel('Passphrase for encrypted backups').fill('five plain words together');
  await region.getByRole('button', { name: 'Open encrypted backup' }).click();
  await expect(region.getByRole('alert')).toContainText('not the one this backup was saved with');
  await expect(region.getByRole('alert')).toContainText('Nothing was changed.');

  // One byte changed in the file: refused the same way.
  const tampered = sealed.replace(/"ciphertext":"(.)/, (_, c) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`);
  await region.getByLabel('Import a backup').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await region.getByLabel('Passphrase for encrypted backups').fill(PASSPHRASE);
  await region.getByRole('button', { name: 'Open encrypted backup' }).click();
  await expect(region.getByRole('alert')).toContainText('Nothing was changed.');
  expect(Object.keys(await storedPeople(page))).toHaveLength(2);

  // A file Node encrypted, holding a third person, merges in.
  plain.people.push({ ...plain.people[1], id: 'cleo', name: 'Cleo Tremblay' });
  const fromNode = await encrypt(JSON.stringify(plain), PASSPHRASE);
  await region.getByLabel('Import a backup').setInputFiles({ name: 'n.json', mimeType: 'application/json', buffer: Buffer.from(fromNode) });
  await region.getByRole('button', { name: 'Open encrypted backup' }).click();
  await expect(region.getByText('Merging this backup with what is here would change:')).toBeVisible();
  await expect(region.getByRole('listitem').first()).toHaveText('People: 1 added, 0 changed, 0 deleted');
  await region.getByRole('button', { name: 'Merge with what is here' }).click();
  await expect(region.getByRole('alert')).toContainText('Imported');
  expect(Object.keys(await storedPeople(page))).toHaveLength(3);
});

test('Today offers an encrypted backup a week after the last one, and one tap makes it', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Keep a copy' })).toHaveCount(0);
  // Eight days later, with nothing backed up.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('coffee-chat/person/'))!;
    const ana = JSON.parse(localStorage.getItem(key)!);
    ana.created_at = new Date(Date.now() - 8 * 86400e3).toISOString();
    localStorage.setItem(key, JSON.stringify(ana));
  });
  await page.reload();
  const nudge = page.getByRole('region', { name: 'Keep a copy' });
  await expect(nudge).toContainText('Nothing here has been backed up yet');
  await nudge.getByLabel('Passphrase for encrypted backups').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    nudge.getByRole('button', { name: 'Save encrypted backup' }).click(),
  ]);
  const plain = JSON.parse(await decrypt(readFileSync(await download.path(), 'utf8'), PASSPHRASE));
  expect(plain.people[0].name).toBe('Ana Silva');
  await expect(page.getByRole('region', { name: 'Keep a copy' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-CA' });
  test('an encrypted backup is saved, refused with a wrong passphrase and previewed in French', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
    const backup = page.getByRole('region', { name: 'Sauvegarde' });
    const passphrase = backup.getByLabel('Phrase de passe des sauvegardes chiffrées');
    await passphrase.fill('court');
    await expect(backup.getByText('Trop courte pour protéger un fichier perdu')).toBeVisible();
    await passphrase.fill('quatre mots bien choisis');
    await expect(backup.getByText('Une phrase de passe oubliée ne peut être retrouvée par personne')).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      backup.getByRole('button', { name: 'Enregistrer une sauvegarde chiffrée' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('coffee-chat-sauvegarde-chiffree.json');
    const sealed = readFileSync(await download.path());
    await backup.getByLabel('Importer une sauvegarde').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: sealed });
    await expect(backup.getByText('Cette sauvegarde est chiffrée.')).toBeVisible();
    await passphrase.fill('cinq mots bien mal choisis');
    await backup.getByRole('button', { name: 'Ouvrir la sauvegarde chiffrée' }).click();
    await expect(backup.getByRole('alert')).toContainText('n’est pas celle de la sauvegarde');
    await passphrase.fill('quatre mots bien choisis');
    await backup.getByRole('button', { name: 'Ouvrir la sauvegarde chiffrée' }).click();
    await expect(backup.getByText('Fusionner cette sauvegarde avec ce qui est ici changerait')).toBeVisible();
    await expect(backup.getByRole('listitem')).toHaveText(['Fusionner cette sauvegarde ne changerait rien ici\u00a0: cet appareil en a déjà tout le contenu.']);
    await expectNoSeriousA11yViolations(page);
  });
});
