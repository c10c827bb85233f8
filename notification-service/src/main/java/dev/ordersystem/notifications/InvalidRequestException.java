package dev.ordersystem.notifications;

import java.util.List;

/** A request parameter is out of range or malformed; answered with 400 and the offending fields. */
public class InvalidRequestException extends RuntimeException {

    private final List<InvalidField> fields;

    public InvalidRequestException(String field, String message) {
        super("'" + field + "' " + message);
        this.fields = List.of(new InvalidField(field, message));
    }

    public List<InvalidField> fields() {
        return fields;
    }

    /** One offending field or parameter and what is wrong with it. */
    public record InvalidField(String field, String message) {}
}
