/**
 * A throwaway self-signed TLS certificate for the sandbox's 127.0.0.1 endpoint. kubectl (client-go)
 * never sends a bearer token over plain http://, so the API must speak HTTPS; the kubeconfig carries
 * this certificate as its certificate authority. ECDSA P-256 keeps generation to milliseconds.
 */
// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** `extraNames`: the address the sandbox listens on besides loopback (an IP or a DNS name), for a workshop room. */
export function createServingCertificate(extraNames: string[] = []): Promise<ServingCertificate> {
  return selfSignedCertificate({
    subject: 'CN=kubedojo-sandbox, O=kubedojo',
    usage: 'serverAuth',
    validForMs: 365 * 24 * 3600_000,
    altNames: [
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
      ...extraNames.filter((name) => name !== '127.0.0.1' && name !== 'localhost').map((name) => ({ type: isIP(name) ? ('ip' as const) : ('dns' as const), value: name })),
    ],
  });
}

export interface SelfSignedOptions {
  /** The subject's distinguished name, e.g. `CN=kubedojo-sandbox, O=kubedojo`. */
  subject: string;
  /** What the certificate is for: a TLS server, or a client authenticating with it. */
  usage: 'serverAuth' | 'clientAuth';
  validForMs: number;
  altNames?: x509.JsonGeneralName[];
}

/**
 * An ECDSA P-256 certificate that is its own authority: whoever trusts it trusts exactly it, and
 * nothing it could sign matters. PEM certificate and PKCS#8 key.
 */
export async function selfSignedCertificate(options: SelfSignedOptions): Promise<ServingCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '01'),
    name: options.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + options.validForMs),
    signingAlgorithm: ALGORITHM,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[options.usage]]),
      ...(options.altNames === undefined ? [] : [new x509.SubjectAlternativeNameExtension(options.altNames)]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString('pem') + '\n', keyPem };
}
