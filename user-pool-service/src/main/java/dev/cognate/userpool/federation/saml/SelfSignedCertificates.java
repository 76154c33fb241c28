package dev.cognate.userpool.federation.saml;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * RSA-2048 keys with a self-signed X.509 certificate (SHA256withRSA), as Cognito gives each pool for SAML: valid
 * {@link #VALIDITY} (Cognito's user pool certificates are valid for 10 years). Built from BouncyCastle's ASN.1 classes
 * (bcprov, already a dependency), so no certificate-builder library is added for one self-signed certificate.
 */
final class SelfSignedCertificates {

    static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);

    /** A private key and its certificate. */
    record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate) {
    }

    private SelfSignedCertificates() {
    }

    /** A new key pair and a certificate for it naming {@code commonName} as subject and issuer. */
    static KeyAndCertificate generate(String commonName, String organizationalUnit, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, commonName).addRDN(BCStyle.OU, organizationalUnit).addRDN(BCStyle.O, "Cognate").build();
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)));
            tbs.setSignature(SHA256_WITH_RSA);
            tbs.setIssuer(name);
            tbs.setSubject(name);
            tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofMinutes(5)))));
            tbs.setEndDate(new Time(Date.from(now.plus(VALIDITY))));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            TBSCertificate certificate = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(certificate.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector signed = new ASN1EncodableVector();
            signed.add(certificate);
            signed.add(SHA256_WITH_RSA);
            signed.add(new DERBitString(signer.sign()));
            return new KeyAndCertificate(pair.getPrivate(), parse(new DERSequence(signed).getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored certificate unreadable", e);
        }
    }
}
