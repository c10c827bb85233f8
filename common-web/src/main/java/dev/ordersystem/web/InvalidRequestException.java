package dev.ordersystem.web;

import java.util.List;

/**
 * The request was understood but some of its fields or parameters are invalid: answered 400 {@code
 * urn:ordersystem:problem:invalid-request} with the list of fields ({@code errors}) by {@link ProblemHandlerSupport}.
 */
public class InvalidRequestException extends RuntimeException {

    /** One offending field (a JSON path such as {@code lines[0].quantity}, or a parameter or header name). */
    public record InvalidField(String field, String message) {}

    private final List<InvalidField> fields;

    public InvalidRequestException(List<InvalidField> fields) {
        super(
                fields.size() == 1
                        ? "'" + fields.get(0).field() + "' " + fields.get(0).message()
                        : fields.size() + " fields are invalid");
        this.fields = List.copyOf(fields);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new InvalidField(field, message)));
    }

    public List<InvalidField> fields() {
        return fields;
    }
}
