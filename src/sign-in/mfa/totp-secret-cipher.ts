import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The HKDF label of the key: a new version (or a new AUTH_SECRET) makes every stored secret unreadable. */
const KEY_LABEL = 'tandem:totp-secret:v1';
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts TOTP secrets for storage with AES-256-GCM under a key derived (HKDF-SHA256) from
 * AUTH_SECRET with a purpose label, so the database alone (a dump, a backup) never reveals a
 * secret. The user id is authenticated data: a ciphertext copied onto another user's row does
 * not decrypt. Stored as `v1.<base64url(iv ‖ ciphertext ‖ tag)>`.
 */
export class TotpSecretCipher {
  private readonly key: Buffer;

  constructor(authSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(authSecret, 'utf8'), Buffer.alloc(0), KEY_LABEL, 32));
  }

  encrypt(secret: string, userId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${FORMAT}.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The secret, or null when the value was not made with this key for this user (or was altered). */
  decrypt(stored: string, userId: string): string | null {
    const [format, payload] = stored.split('.', 2);
    if (format !== FORMAT || !payload) return null;
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }
}
