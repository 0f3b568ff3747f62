package org.entrasfo.broker.selftest;

/** One rule of the self-test, as an admin reads it: what was checked, how it went, and what to do about it. */
public record Finding(String rule, Status status, String detail, String fix) {

    public enum Status { PASSED, WARNING, FAILED }

    public static Finding passed(String rule, String detail) {
        return new Finding(rule, Status.PASSED, detail, null);
    }

    public static Finding warning(String rule, String detail, String fix) {
        return new Finding(rule, Status.WARNING, detail, fix);
    }

    public static Finding failed(String rule, String detail, String fix) {
        return new Finding(rule, Status.FAILED, detail, fix);
    }

    public static Finding check(boolean ok, String rule, String detail, String fix) {
        return ok ? passed(rule, detail) : failed(rule, detail, fix);
    }
}
