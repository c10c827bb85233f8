package dev.ordersystem.notifications.email;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up anew every time it writes a message part
 * ({@code StreamProvider.provider()}: a {@link ServiceLoader} scan of the class path, jakartaee/mail-api#861). In the
 * service's Spring Boot jar that scan of the nested jars took more than half of the email sender's CPU (JFR, 2026-11-29).
 * The lookup checks a system property named after the interface first: naming the implementation there, once, turns
 * every later lookup into a class the class loader has already loaded.
 */
final class MailStreamProvider {

    private MailStreamProvider() {}

    /** Names the class path's implementation in the system property, unless the property names one already. */
    static void nameTheImplementation() {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            ServiceLoader.load(StreamProvider.class, MailStreamProvider.class.getClassLoader())
                    .findFirst()
                    .ifPresent(provider ->
                            System.setProperty(property, provider.getClass().getName()));
        }
    }
}
