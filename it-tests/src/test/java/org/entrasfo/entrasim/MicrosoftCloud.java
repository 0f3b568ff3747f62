package org.entrasfo.entrasim;

/** The Microsoft clouds as Entra itself names its hosts (contract 2 and 3). */
public enum MicrosoftCloud {

    GLOBAL("login.microsoftonline.com"),
    US_GOVERNMENT("login.microsoftonline.us"),
    CHINA("login.partner.microsoftonline.cn");

    private final String host;

    MicrosoftCloud(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    public String issuerBase() {
        return "https://" + host;
    }

    public String redirectUri() {
        return issuerBase() + "/common/federation/externalauthprovider";
    }
}
