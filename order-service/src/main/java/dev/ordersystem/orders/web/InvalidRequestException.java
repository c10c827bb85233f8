package dev.ordersystem.orders.web;

import java.util.List;

/** The request was understood but some of its fields are invalid; answered with 400 and the list of fields. */
public class InvalidRequestException extends RuntimeException {

    /** One offending field (a JSON path such as {@code lines[0].quantity}, or a parameter or header name). */
    public record InvalidField(String field, String message) {}

    private final List<InvalidField> fields;

    public InvalidRequestException(List<InvalidField> fields) {
        super(fields.size() == 1 ? "1 field is invalid" : fields.size() + " fields are invalid");
        this.fields = List.copyOf(fields);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new InvalidField(field, message)));
    }

    public List<InvalidField> fields() {
        return fields;
    }
}
