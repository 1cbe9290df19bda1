package io.dockwire.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A swarm's root CA as swarmkit makes it ({@code ca.CreateRootCA} through cfssl): a self-signed
 * ECDSA P-256 certificate, CN {@code swarm-ca}, valid from now rounded to the minute less 5 minutes
 * for 20 years (7300 days), key usage certSign + cRLSign and basic constraints CA:TRUE (both
 * critical), a subject key identifier, a 20-byte serial, signed with ecdsa-with-SHA256. A real
 * certificate (openssl reads it), deterministic for the seed: the key and the signature come from
 * a seeded SHA1PRNG. Its SHA-256 is the digest join tokens carry.
 */
final class SwarmCa {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] CN_SWARM_CA = name("swarm-ca");

    private final byte[] der;
    private final byte[] publicKey;

    SwarmCa(long seed, long nowMillis) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair kp = g.generateKeyPair();
            publicKey = kp.getPublic().getEncoded(); // SubjectPublicKeyInfo, DER
            byte[] serial = new byte[20];
            random.nextBytes(serial);
            serial[0] &= 0x7F; // a positive INTEGER
            long notBefore = Math.round(nowMillis / 60_000.0) * 60_000L - 5 * 60_000L;
            long notAfter = notBefore + 7300L * 86_400_000L;
            byte[] sigAlg = seq(oid(1, 2, 840, 10045, 4, 3, 2));
            byte[] keyBits = java.util.Arrays.copyOfRange(publicKey, publicKey.length - 65, publicKey.length);
            byte[] ski = MessageDigest.getInstance("SHA-1").digest(keyBits);
            byte[] extensions = tlv(0xA3, seq(
                    seq(oid(2, 5, 29, 15), tlv(0x01, new byte[] {(byte) 0xFF}), tlv(0x04, tlv(0x03, new byte[] {1, 6}))),
                    seq(oid(2, 5, 29, 19), tlv(0x01, new byte[] {(byte) 0xFF}),
                            tlv(0x04, seq(tlv(0x01, new byte[] {(byte) 0xFF})))),
                    seq(oid(2, 5, 29, 14), tlv(0x04, tlv(0x04, ski)))));
            byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), sigAlg, CN_SWARM_CA,
                    seq(time(notBefore), time(notAfter)), CN_SWARM_CA, publicKey, extensions);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(kp.getPrivate(), random);
            s.update(tbs);
            byte[] signature = s.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            der = seq(tbs, sigAlg, tlv(0x03, bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's EC and SHA1PRNG providers are needed", e);
        }
    }

    /** SHA-256 of the certificate's DER: the digest in the swarm's join tokens. */
    byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM (64-character lines), as node inspect's TLSInfo.TrustRoot shows it. */
    String pem() {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END CERTIFICATE-----\n").toString();
    }

    /** The issuer's subject (DER, base64): CertIssuerSubject. */
    static String issuerSubject() {
        return Base64.getEncoder().encodeToString(CN_SWARM_CA);
    }

    /** The issuer's public key (SubjectPublicKeyInfo DER, base64): CertIssuerPublicKey. */
    String issuerPublicKey() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    // ---- DER ----------------------------------------------------------------------------------

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int shift = 28;
            while (shift > 0 && (v >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((v >>> shift) & 0x7F));
            }
            out.write(v & 0x7F);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] time(long millis) {
        return tlv(0x17, UTC_TIME.format(Instant.ofEpochMilli(millis)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, PrintableString cn } } }. */
    private static byte[] name(String cn) {
        return seq(tlv(0x31, seq(oid(2, 5, 4, 3), tlv(0x13, cn.getBytes(StandardCharsets.US_ASCII)))));
    }
}
