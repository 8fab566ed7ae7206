package dev.matchflow.security;

import java.util.Locale;

/**
 * How callers of the internal endpoints prove who they are, chosen with {@value #VARIABLE}: a shared secret
 * (the default, and what the simulator uses) or, in the cloud, Google-signed ID tokens.
 */
public enum InternalAuth {
    /** A shared secret in {@code INTERNAL_TOKEN}, sent as it is. */
    SHARED_TOKEN("shared-token"),
    /** A Google-signed ID token of the caller's service account, its audience the called service's URL. */
    GOOGLE("google");

    /** The setting that chooses the mode, on Matches and on the cleanup function alike. */
    public static final String VARIABLE = "INTERNAL_AUTH";

    private final String setting;

    InternalAuth(String setting) {
        this.setting = setting;
    }

    /** The value of {@value #VARIABLE} that chooses this mode. */
    public String setting() {
        return setting;
    }

    /**
     * The mode a value of {@value #VARIABLE} names; unset or blank is {@link #SHARED_TOKEN}.
     *
     * @throws IllegalStateException when the value names no mode
     */
    public static InternalAuth parse(String value) {
        if (value == null || value.isBlank()) {
            return SHARED_TOKEN;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (InternalAuth mode : values()) {
            if (mode.setting.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalStateException(VARIABLE + " '" + value + "' is not a mode; leave it unset (or '"
                + SHARED_TOKEN.setting + "') for the shared secret, or set '" + GOOGLE.setting
                + "' for Google-signed ID tokens");
    }
}
