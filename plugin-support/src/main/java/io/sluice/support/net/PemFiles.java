package io.sluice.support.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads certificates and private keys from PEM files with the JDK alone. */
final class PemFiles {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in order. */
    static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.type.equals("CERTIFICATE") || block.type.equals("TRUSTED CERTIFICATE")) {
                Certificate c = factory.generateCertificate(new ByteArrayInputStream(block.der));
                certificates.add((X509Certificate) c);
            }
        }
        return certificates;
    }

    /** Every certificate in the regular files of {@code directory}; files without one are skipped. */
    static List<X509Certificate> readCertificateDirectory(Path directory) throws IOException, GeneralSecurityException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path f : files) {
            certificates.addAll(readCertificates(f));
        }
        return certificates;
    }

    /** The first private key in {@code file}, which must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block block : blocks(file)) {
            switch (block.type) {
                case "PRIVATE KEY":
                    return decodePkcs8(block.der, file);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException(file + " holds a '" + block.type
                            + "'; only unencrypted PKCS#8 is supported: convert it with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
                default:
                    break;
            }
        }
        throw new GeneralSecurityException("no private key (BEGIN PRIVATE KEY) found in " + file);
    }

    private static PrivateKey decodePkcs8(byte[] der, Path file) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException notThisAlgorithm) {
                // try the next algorithm: PKCS#8 names it inside, but KeyFactory wants it named up front
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm in " + file);
    }

    private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("bad base64 in a '" + m.group(1) + "' block of " + file, e);
            }
        }
        return blocks;
    }

    private record Block(String type, byte[] der) {
    }
}
