package dev.matchflow.http;

/**
 * The JSON body of every error answer: {@code {"error":{"code":"invalid_id","message":"..."}}}.
 *
 * @param error what went wrong
 */
public record ErrorBody(Detail error) {

    /** Builds the body for a code and a message. */
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.wireName(), message));
    }

    /**
     * @param code the machine-readable code, for example {@code not_found}
     * @param message what happened, for a person
     */
    public record Detail(String code, String message) {}
}
