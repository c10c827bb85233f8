package dev.ordersystem.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/** The JSON Schemas (draft 2020-12) of the event envelopes, shipped in this jar under {@code schemas/}. */
public final class EventSchemas {

    private EventSchemas() {}

    /** Location of the schema of the type's current version. */
    public static URL schemaUrl(EventType type) {
        URL url = EventSchemas.class.getClassLoader().getResource(type.schemaResource());
        if (url == null) {
            throw new IllegalStateException("Schema resource missing from the classpath: " + type.schemaResource());
        }
        return url;
    }

    /** Opens the schema of the type's current version; the caller closes the stream. */
    public static InputStream open(EventType type) {
        try {
            return schemaUrl(type).openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.schemaResource(), e);
        }
    }
}
