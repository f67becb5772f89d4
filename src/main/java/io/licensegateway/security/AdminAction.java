package io.licensegateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an admin endpoint: every call that got past authentication is written to the audit trail with its caller
 * and outcome ({@link AdminActions}). The audit kind is the resource method's name in kebab case
 * ({@code refresh}, {@code read-audit}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AdminAction {
}
