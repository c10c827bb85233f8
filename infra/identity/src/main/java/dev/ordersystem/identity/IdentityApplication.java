package dev.ordersystem.identity;

import dev.ordersystem.identity.client.TokenCli;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The authorization server as an application, and the entry point of the executable jar:
 *
 * <pre>
 * java -jar identity-exec.jar [--identity.port=9000] [--identity.issuer=...]   # the server
 * java -jar identity-exec.jar token --user ada --password ada-password         # prints an access token, see TokenCli
 * </pre>
 *
 * Its configuration file is {@value #CONFIG_FILE} (not {@code application.yaml}), so that it can run in the same JVM
 * and class path as a service under test without reading that service's configuration.
 */
// no DataSource even when JDBC is on the class path: IdentityServer runs in the JVM of services under test
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityApplication {

    /** The name of the configuration file, for {@code spring.config.name}. */
    static final String CONFIG_NAME = "identity";

    static final String CONFIG_FILE = CONFIG_NAME + ".yaml";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCli.execute(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication application = new SpringApplication(IdentityApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }
}
