package org.entrasfo.sfo.push.webpush;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * The public point of a private scalar, by schoolbook affine double-and-add: slow and not constant-time, so for tests
 * only, where it stands in for the server's crypto provider and checks the derivation independently of it.
 */
public final class NaiveP256 {

    private static final BigInteger P = ((ECFieldFp) P256.PARAMETERS.getCurve().getField()).getP();
    private static final BigInteger A = P256.PARAMETERS.getCurve().getA();

    private NaiveP256() {
    }

    public static ECPublicKey publicOf(ECPrivateKey privateKey) {
        ECPoint point = multiply(P256.PARAMETERS.getGenerator(), privateKey.getS());
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256.PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECPoint multiply(ECPoint base, BigInteger scalar) {
        ECPoint result = ECPoint.POINT_INFINITY;
        for (int bit = scalar.bitLength() - 1; bit >= 0; bit--) {
            result = add(result, result);
            if (scalar.testBit(bit)) {
                result = add(result, base);
            }
        }
        return result;
    }

    private static ECPoint add(ECPoint first, ECPoint second) {
        if (first.equals(ECPoint.POINT_INFINITY)) {
            return second;
        }
        if (second.equals(ECPoint.POINT_INFINITY)) {
            return first;
        }
        BigInteger x1 = first.getAffineX();
        BigInteger y1 = first.getAffineY();
        BigInteger x2 = second.getAffineX();
        BigInteger y2 = second.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(P).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(A).multiply(y1.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P)).mod(P);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(P);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(P);
        return new ECPoint(x3, y3);
    }
}
