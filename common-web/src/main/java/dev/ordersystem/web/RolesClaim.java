package dev.ordersystem.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The roles claim of an access token, as both services read it. */
public final class RolesClaim {

    private RolesClaim() {}

    /** The roles in the claim's value: a JSON array, or a string of roles separated by spaces or commas; none if absent. */
    public static List<String> roles(@Nullable Object value) {
        if (value instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        if (value instanceof String roles) {
            return Arrays.stream(roles.split("[\\s,]+"))
                    .filter(role -> !role.isEmpty())
                    .toList();
        }
        return List.of();
    }
}
