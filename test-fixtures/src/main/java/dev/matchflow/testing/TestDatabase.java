package dev.matchflow.testing;

/**
 * A fresh, empty database for one test, dropped after it; see {@link DatabaseTest}.
 *
 * @param kind which server holds it
 * @param jdbcUrl the URL to connect to it
 * @param user the user, empty for H2
 * @param password the password, empty when there is none
 */
public record TestDatabase(Kind kind, String jdbcUrl, String user, String password) {

    /** The database servers every database test runs against. */
    public enum Kind {
        H2("H2"),
        MARIADB("MariaDB");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + jdbcUrl;
    }
}
